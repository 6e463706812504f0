import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFlagsOf, startNodeFlags } from './server-flags';

describe('the server flags the benchmark shares with npm start', () => {
  it('reads the node flags in front of dist/server.js', () => {
    expect(nodeFlagsOf('NODE_ENV=production node --initial-old-space-size=256 --trace-gc dist/server.js')).toEqual(['--initial-old-space-size=256', '--trace-gc']);
    expect(nodeFlagsOf('node dist/server.js')).toEqual([]);
    expect(nodeFlagsOf('next start')).toEqual([]);
  });

  it("finds the start script's old-space setting", () => {
    // npm start sizes the old generation up front (README, "Benchmark"); the benchmark must run the same server.
    expect(startNodeFlags(path.resolve(import.meta.dirname, '..'))).toContain('--initial-old-space-size=256');
  });
});
