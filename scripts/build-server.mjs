// Compiles the custom server (server/main.ts and everything it imports from this repo) into dist/server.js.
// Dependencies stay external and are loaded from node_modules at run time.
import { build } from 'esbuild';
import fs from 'node:fs';

await build({
  // The AI worker process gets its own file: AiClient starts dist/ai-worker.js beside dist/server.js.
  entryPoints: { server: 'server/main.ts', 'ai-worker': 'server/ai/ai-worker.ts' },
  outdir: 'dist',
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
console.log('Built dist/server.js and dist/ai-worker.js');
