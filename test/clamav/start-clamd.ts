import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// The EICAR anti-virus test file (68 bytes): every scanner reports it; it does nothing.
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

export const clamdPath = () => ['/usr/sbin/clamd', '/usr/bin/clamd', '/usr/local/sbin/clamd'].find((p) => fs.existsSync(p)) ?? null;

/**
 * Starts ClamAV's daemon for tests with a small local signature database (there is no internet for freshclam):
 * the EICAR test string as a body signature, found anywhere in a file (test/clamav/eicar.ndb). Production uses the official
 * database. Answers the daemon's unix socket path and a stop function.
 */
export async function startClamd(): Promise<{ address: string; stop: () => Promise<void> }> {
  const bin = clamdPath();
  if (!bin) throw new Error('clamd is not installed (Debian: apt-get install clamav-daemon)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alap-clamd-'));
  fs.mkdirSync(path.join(dir, 'db'));
  fs.copyFileSync(path.join(import.meta.dirname, 'eicar.ndb'), path.join(dir, 'db', 'eicar.ndb'));
  const socket = path.join(dir, 'clamd.sock');
  fs.writeFileSync(
    path.join(dir, 'clamd.conf'),
    [`LocalSocket ${socket}`, `DatabaseDirectory ${path.join(dir, 'db')}`, 'Foreground yes', 'LogFile /dev/null', `TemporaryDirectory ${dir}`, 'StreamMaxLength 25M', 'MaxThreads 4'].join('\n') + '\n',
  );
  const child: ChildProcess = spawn(bin, ['--config-file', path.join(dir, 'clamd.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`clamd exited: ${stderr.slice(-500)}`);
    if (fs.existsSync(socket) && (await canConnect(socket))) break;
    if (Date.now() > deadline) throw new Error(`clamd did not start within 60 s: ${stderr.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    address: socket,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(socket: string) {
  return new Promise<boolean>((resolve) => {
    const s = net.connect(socket);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}
