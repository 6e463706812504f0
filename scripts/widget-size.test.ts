import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, it, expect } from 'vitest';

const source = readFileSync(new URL('../public/widget.js', import.meta.url), 'utf8');

describe('public/widget.js', () => {
  it('stays within the 3 KB gzip budget', () => {
    expect(gzipSync(source, { level: 9 }).length).toBeLessThanOrEqual(3072);
  });

  it('parses as a classic script', () => {
    expect(() => new Function(source)).not.toThrow();
  });
});
