import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type RunningServer = { url: string; port: number; stop: (signal?: NodeJS.Signals) => Promise<void>; child: ChildProcess; dataDir: string };

/**
 * Starts the compiled production server (dist/server.js) as a child process, on PGlite in `dataDir` or on
 * the Postgres in DATABASE_URL, seeded with the demo workspace, and waits for /api/health.
 */
export async function startServer(opts: { port: number; dataDir?: string; env?: Record<string, string>; outputToStderr?: boolean }): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'alap-e2e-'));
  const child = spawn(process.execPath, ['dist/server.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(opts.port),
      PGLITE_DIR: path.join(dataDir, 'pglite'),
      ATTACHMENTS_DIR: path.join(dataDir, 'attachments'),
      SEED_DEMO: 'always',
      // Every journey signs people in from 127.0.0.1: more than the default 20 sign-ins per 5 minutes.
      SIGN_IN_LIMIT_PER_IP: '1000',
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    // Benchmarks print JSON on stdout: the server's own output goes to stderr there.
    stdio: ['ignore', opts.outputToStderr ? 2 : 'inherit', 'inherit'],
  });
  const url = `http://localhost:${opts.port}`;
  const deadline = Date.now() + 120_000;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error('The server exited during start-up');
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('The server did not become healthy within 120 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (exited || child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return { url, port: opts.port, stop, child, dataDir };
}
