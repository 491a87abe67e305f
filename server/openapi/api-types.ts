import openapiTS, { astToString } from 'openapi-typescript';
import type { Db } from '#platform/db/db.ts';
import { buildApp } from '../app.ts';

/** Where the web app's types of every request and answer live, generated from the OpenAPI document. */
export const API_TYPES_FILE = new URL('../../web/src/lib/api-schema.ts', import.meta.url);

const HEADER = `/**
 * The API's requests and answers, generated from /api/openapi.json by \`npm run api:types\`.
 * Do not edit: change the route schemas on the server and generate again (a test compares them).
 */

`;

/** The OpenAPI document of the application, without a database (building routes queries nothing). */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const app = await buildApp({ db: {} as Db, logLevel: 'silent' });
  await app.ready();
  const document = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  return document;
}

/** The TypeScript source of the API types, as `npm run api:types` writes it. */
export async function apiTypesSource(): Promise<string> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(await openApiDocument())), { alphabetize: true, exportType: true });
  return HEADER + astToString(ast);
}
