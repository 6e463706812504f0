// Compiles the custom server (server/main.ts and everything it imports from this repo) into dist/server.js.
// Dependencies stay external and are loaded from node_modules at run time.
import { build } from 'esbuild';
import fs from 'node:fs';

await build({
  entryPoints: ['server/main.ts'],
  outfile: 'dist/server.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
});
fs.writeFileSync('dist/.build-stamp', new Date().toISOString());
console.log('Built dist/server.js');
