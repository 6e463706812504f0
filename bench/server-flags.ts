import fs from 'node:fs';
import path from 'node:path';

/**
 * The node flags in front of `dist/server.js` in a package.json `start` script ("NODE_ENV=production node
 * --flag dist/server.js" → ["--flag"]), so the benchmarks run the server exactly as `npm start` does.
 */
export function nodeFlagsOf(startScript: string): string[] {
  const m = /(?:^|[\s;&])node\s+((?:--\S+\s+)*)dist\/server\.js\b/.exec(startScript);
  return m ? m[1]!.split(/\s+/).filter(Boolean) : [];
}

/** The node flags `npm start` gives the compiled server (package.json in `root`). */
export function startNodeFlags(root: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  return nodeFlagsOf(pkg.scripts?.start ?? '');
}
