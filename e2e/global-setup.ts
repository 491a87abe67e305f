import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The browser tests run against the built web app: build it once when it is missing or stale. */
export default function setup() {
  const script = fileURLToPath(new URL('../scripts/build-web-if-stale.js', import.meta.url));
  const result = spawnSync(process.execPath, [script, '--quiet', '--strict'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building the web app failed (npm run build:web shows why); the browser tests need it.');
}
