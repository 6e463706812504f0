import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { workspaces } from '@/db/schema';
import { openDatabase } from './client';

// Always PGlite: this is about the embedded database surviving a hard kill, whatever DATABASE_URL says.
const root = path.resolve(__dirname, '..');
const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'alap-pglite-crash-'));
const dir = path.join(parent, 'pglite');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(parent, { recursive: true, force: true });
});

/** Runs the fixture in one node process (no npx/tsx wrapper that would survive the kill) until it has committed. */
function startChild(slug: string) {
  // tsx as an in-process loader, so SIGKILL hits the process that holds the database.
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/pglite-crash-child.ts', dir, slug], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  const committed = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('committed')) resolve();
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => reject(new Error(`child exited (${code ?? signal}) before committing:\n${out}\n${err}`)));
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return { child, committed, exited };
}

describe('embedded database after a crash', () => {
  it('reopens within 30 s after kill -9 and keeps the committed row', { timeout: 180_000 }, async () => {
    const slug = `crash-${Date.now()}`;
    const { child, committed, exited } = startChild(slug);
    await committed;

    // While the owner lives, a second process is told the directory is in use instead of corrupting it.
    await expect(openDatabase({ pgliteDir: dir })).rejects.toThrow(`in use by process ${child.pid}`);

    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const started = Date.now();
    const handle = await openDatabase({ pgliteDir: dir });
    try {
      expect(Date.now() - started).toBeLessThan(30_000);
      const rows = await handle.db.select().from(workspaces).where(eq(workspaces.slug, slug));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.name).toBe('Crash Test Shop');
      // And it takes writes again.
      await handle.db.insert(workspaces).values({ name: 'After restart', slug: `${slug}-after` });
      expect(await handle.db.select().from(workspaces).where(eq(workspaces.slug, `${slug}-after`))).toHaveLength(1);
    } finally {
      await handle.close();
    }
    // A clean close leaves no lock behind.
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });
});
