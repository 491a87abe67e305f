#!/usr/bin/env node
// Builds the web app (vite build into dist/web) when the build is missing or older than its
// sources; does nothing otherwise. Runs before `npm start` and before the browser tests.
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'web', 'index.html');
const sources = ['web', 'vite.config.ts', 'package-lock.json'].map((p) => join(root, p));

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

export function webBuildIsStale() {
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sources.some((source) => newest(source) > builtAt);
}

export function buildWebIfStale({ quiet = false } = {}) {
  if (!webBuildIsStale()) {
    if (!quiet) console.log('web app: dist/web is up to date');
    return true;
  }
  let vite;
  try {
    vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    console.warn('web app: vite is not installed (npm install), so the web app cannot be built; the server shows a notice at /.');
    return existsSync(built);
  }
  console.log('web app: building into dist/web …');
  // A test runner's NODE_ENV=test would make Vite bundle React's development build.
  const env = { ...process.env, NODE_ENV: 'production' };
  // Built aside and laid over dist/web with index.html last: a server or browser test using the
  // old build meanwhile still finds every file its pages ask for (asset names carry their hash).
  const aside = join(root, 'dist', `web-building-${process.pid}`);
  const result = spawnSync(process.execPath, [vite, 'build', '--outDir', aside, '--emptyOutDir', '--logLevel', quiet ? 'warn' : 'info'], { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    rmSync(aside, { recursive: true, force: true });
    console.error('web app: the build failed (see above).');
    return false;
  }
  const target = join(root, 'dist', 'web');
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(aside)) {
    if (entry !== 'index.html') cpSync(join(aside, entry), join(target, entry), { recursive: true });
  }
  renameSync(join(aside, 'index.html'), join(target, 'index.html'));
  rmSync(aside, { recursive: true, force: true });
  if (!quiet) spawnSync(process.execPath, [join(root, 'scripts', 'web-bundle-report.js')], { stdio: 'inherit' });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ok = buildWebIfStale({ quiet: process.argv.includes('--quiet') });
  // A failed build must not keep the API server from starting; `npm run build:web` shows the error.
  process.exitCode = ok || !process.argv.includes('--strict') ? 0 : 1;
}
