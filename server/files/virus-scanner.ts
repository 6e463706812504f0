import net from 'node:net';

export type ScanResult = { clean: true } | { clean: false; signature: string };

export class ScannerUnavailable extends Error {}

/**
 * Asks ClamAV's daemon about a file over its INSTREAM protocol (clamd(8): "zINSTREAM\0", chunks each prefixed by
 * their length as a 4-byte big-endian integer, a zero length to end; the answer is "stream: OK" or
 * "stream: <signature> FOUND"). `address` is a unix socket path or host:port. A daemon that cannot be reached,
 * answers out of protocol or too slowly is ScannerUnavailable: the caller refuses the file (fail closed).
 */
export function scanWithClamd(address: string, data: Buffer, timeoutMs = 15_000): Promise<ScanResult> {
  return new Promise((resolve, reject) => {
    const m = /^(.+):(\d+)$/.exec(address);
    const socket = m && !address.startsWith('/') ? net.connect(Number(m[2]), m[1]!) : net.connect(address);
    let answer = '';
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      fn();
    };
    socket.setTimeout(timeoutMs, () => finish(() => reject(new ScannerUnavailable('the virus scanner did not answer in time'))));
    socket.on('error', (e) => finish(() => reject(new ScannerUnavailable(`the virus scanner cannot be reached (${e.message})`))));
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => finish(() => settle(answer, resolve, reject)));
    socket.on('connect', () => {
      socket.write('zINSTREAM\0');
      for (let at = 0; at < data.length; at += 64 * 1024) {
        const part = data.subarray(at, at + 64 * 1024);
        const len = Buffer.alloc(4);
        len.writeUInt32BE(part.length);
        socket.write(len);
        socket.write(part);
      }
      socket.write(Buffer.alloc(4));
    });
  });
}

function settle(answer: string, resolve: (r: ScanResult) => void, reject: (e: Error) => void) {
  const text = answer.replace(/\0/g, '').trim();
  if (/^stream: OK$/.test(text)) return resolve({ clean: true });
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return resolve({ clean: false, signature: found[1]! });
  reject(new ScannerUnavailable(`the virus scanner answered "${text.slice(0, 120)}"`));
}
