#!/usr/bin/env node
// What each page of the web app sends to the browser, gzipped: the entry with everything it imports
// statically, plus the page's own lazily loaded chunk and its imports. Reads dist/web/.vite/manifest.json.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');

/** @returns {{ pages: { name: string, js: number, css: number }[], entry: { js: number, css: number } }} */
export function bundleReport(dir = root) {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'));
  const sizes = new Map();
  const gz = (file) => {
    if (!sizes.has(file)) sizes.set(file, gzipSync(readFileSync(join(dir, file)), { level: 9 }).length);
    return sizes.get(file);
  };
  const closure = (keys) => {
    const seen = new Set();
    const files = new Set();
    const visit = (key) => {
      if (seen.has(key)) return;
      seen.add(key);
      const chunk = manifest[key];
      if (!chunk) return;
      files.add(chunk.file);
      for (const css of chunk.css ?? []) files.add(css);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    keys.forEach(visit);
    return files;
  };
  const total = (files) => ({
    js: [...files].filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gz(f), 0),
    css: [...files].filter((f) => f.endsWith('.css')).reduce((sum, f) => sum + gz(f), 0),
  });
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const entryFiles = closure([entryKey]);
  const pages = Object.keys(manifest)
    .filter((key) => /Page\.tsx$/.test(key))
    .map((key) => ({ name: key.split('/').pop().replace('.tsx', ''), ...total(closure([entryKey, key])) }));
  return { entry: total(entryFiles), pages };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(root, '.vite', 'manifest.json'))) {
    console.error('dist/web is not built: run npm run build:web');
    process.exit(1);
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  const report = bundleReport();
  console.log('JavaScript (and CSS) sent for the first page, gzipped:');
  console.log(`  ${'app entry'.padEnd(22)} js ${kb(report.entry.js).padStart(9)}   css ${kb(report.entry.css).padStart(8)}`);
  for (const page of report.pages) console.log(`  ${page.name.padEnd(22)} js ${kb(page.js).padStart(9)}   css ${kb(page.css).padStart(8)}`);
}
