#!/usr/bin/env node
// Gzip budget check for what a shop page downloads.
//   node scripts/widget-size.mjs           -> table, exit 1 if any target is over budget
//   node scripts/widget-size.mjs --json    -> machine-readable results
// Targets are files (relative to the repo root) or http(s) URLs, e.g. the
// iframe page once it exists: { name: 'widget page', url: 'http://localhost:3000/widget/demo-shop', budget: ... }
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** @type {{ name: string, file?: string, url?: string, budget: number }[]} */
export const TARGETS = [{ name: 'widget loader', file: 'public/widget.js', budget: 3072 }];

export function gzipSize(buf) {
  return gzipSync(buf, { level: constants.Z_BEST_COMPRESSION }).length;
}

async function load(target) {
  if (target.file) return readFile(join(ROOT, target.file));
  const res = await fetch(target.url, { headers: { 'accept-encoding': 'identity' } });
  if (!res.ok) throw new Error(`${target.url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

export async function measure(target) {
  const buf = await load(target);
  const gzip = gzipSize(buf);
  return { name: target.name, source: target.file ?? target.url, raw: buf.length, gzip, budget: target.budget, ok: gzip <= target.budget };
}

async function main() {
  const json = process.argv.includes('--json');
  const results = [];
  for (const t of TARGETS) {
    try {
      results.push(await measure(t));
    } catch (err) {
      results.push({ name: t.name, source: t.file ?? t.url, error: String(err?.message ?? err), ok: false });
    }
  }
  if (json) console.log(JSON.stringify(results, null, 2));
  else
    for (const r of results)
      console.log(
        r.error
          ? `FAIL ${r.name} (${r.source}): ${r.error}`
          : `${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.source}): ${r.gzip} B gzip -9 / ${r.budget} B budget (${r.raw} B raw)`,
      );
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
