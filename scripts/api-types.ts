import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { API_TYPES_FILE, apiTypesSource } from '../server/openapi/api-types.ts';

await writeFile(API_TYPES_FILE, await apiTypesSource());
console.log(`wrote ${fileURLToPath(API_TYPES_FILE)}`);
