// `npm start` and the test/bench scripts build first when the sources are newer than the last build,
// so a fresh clone needs only `npm install && npm start`. It reports on stderr: `npm run bench` prints JSON on stdout.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const roots = ['app', 'components', 'lib', 'server', 'db', 'public', 'next.config.ts', 'package-lock.json', 'tsconfig.json', 'scripts/build-server.mjs'];
function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const e of fs.readdirSync(p)) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    m = Math.max(m, newest(path.join(p, e)));
  }
  return m;
}

const stamp = 'dist/.build-stamp';
const outputs = [stamp, '.next/BUILD_ID', 'dist/server.js', 'dist/ai-worker.js'];
const built = outputs.every((f) => fs.existsSync(f)) ? fs.statSync(stamp).mtimeMs : 0;
const changed = Math.max(...roots.map(newest));
if (!built || changed > built) {
  console.error(built ? 'Sources changed since the last build; building…' : 'First start: building the app (a few minutes on a small machine)…');
  execSync('npm run build', { stdio: ['ignore', 2, 2] });
} else {
  console.error('Build is up to date.');
}
