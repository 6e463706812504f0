// Delivery benchmark: customer socket → agent socket latency of persisted messages, against a bare
// Socket.IO relay with no database as the baseline. `npm run bench` (or `npx tsx bench/delivery.bench.ts`).
//
// Method. The real server and bench/bare-relay.ts each run in a child process, both up for the whole run. This process is
// the load generator: one agent socket and BENCH_CUSTOMERS visitor sockets, websocket transport only. For
// each target rate R, message k is DUE at t0 + k/R; the send loop sends every message whose due time has
// passed and never waits for acks. Latency = (agent socket receives `message:new` carrying that clientId)
// − (the message's SCHEDULED time), so a stalled server or a stalled sender shows up in the numbers instead
// of silently lowering the offered load (no coordinated omission). Both clocks are this process's
// performance.now(). Values go into an HDR histogram in microseconds.
//
// Knobs (environment): DATABASE_URL (Postgres instead of PGlite), BENCH_RATES=250,500,… (msg/s),
// BENCH_DURATION_S=8, BENCH_WARMUP_S=2, BENCH_CUSTOMERS=50, BENCH_PATHS=persisted,bare,
// BENCH_SERVER=auto|dist|tsx, BENCH_SERVER_ENTRY=server/main.ts (with tsx: an alternative entry, for A/B
// trials of a server change), BENCH_CPU_PROF=<dir> (write a V8 CPU profile of the server child there),
// BENCH_MAX_OTHER_CPU_PCT=25, BENCH_QUIET_WAIT_S=15 and BENCH_NOISE_RETRIES=3 (wait for other processes to
// calm down before each rate, and re-measure a rate they disturbed anyway),
// MESSAGE_BATCH_MS (passed through to the server; unset, the server's default), BENCH_SERVER_LOG=<dir> (the
// children's output, one file each), BENCH_SERVER_LOG_LEVEL (the server's LOG_LEVEL; warn unless set), BENCH_TRACE=<dir> (every measured message's due time, latency and send lag,
// one CSV per rate and path, to line the tail up with the server's logs), BENCH_SERVER_NODE_ARGS (extra node flags for the server, e.g. --trace-gc), BENCH_TARGET_RATE=500 and
// BENCH_TARGET_ROUNDS=5 (after the sweep, the targets are judged on the medians of that many alternating
// persisted/bare rounds at that rate).
//
// Prints one JSON document on stdout (progress goes to stderr) and writes it to bench/results/latest.json.
// Exit code 1 only when the harness itself fails (a server does not start, sign-in fails, …).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as hdr from 'hdr-histogram-js';
import { io, type Socket } from 'socket.io-client';
import { startNodeFlags } from './server-flags';

// ---------------------------------------------------------------- configuration

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const numList = (v: string | undefined, d: number[]) =>
  v
    ? v
        .split(',')
        .map((x) => Number(x.trim()))
        .filter((x) => Number.isFinite(x) && x > 0)
    : d;
const cfg = {
  rates: numList(process.env.BENCH_RATES, [100, 250, 500, 1000, 2000, 3000, 4000]).sort((a, b) => a - b),
  durationS: Number(process.env.BENCH_DURATION_S ?? 8),
  warmupS: Number(process.env.BENCH_WARMUP_S ?? 2),
  customers: Number(process.env.BENCH_CUSTOMERS ?? 50),
  paths: (process.env.BENCH_PATHS ?? 'persisted,bare').split(',').map((s) => s.trim()),
  serverMode: (process.env.BENCH_SERVER ?? 'auto') as 'auto' | 'dist' | 'tsx',
  serverEntry: process.env.BENCH_SERVER_ENTRY ?? 'server/main.ts',
  cpuProfDir: process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : undefined,
  databaseUrl: process.env.DATABASE_URL || undefined,
  // Unset: the server's own default applies.
  batchWindowMs: process.env.MESSAGE_BATCH_MS ? Number(process.env.MESSAGE_BATCH_MS) : undefined,
  serverNodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  serverLogDir: process.env.BENCH_SERVER_LOG ? path.resolve(process.env.BENCH_SERVER_LOG) : undefined,
  traceDir: process.env.BENCH_TRACE ? path.resolve(process.env.BENCH_TRACE) : undefined,
  targetRate: Number(process.env.BENCH_TARGET_RATE ?? 500),
  targetRounds: Number(process.env.BENCH_TARGET_ROUNDS ?? 5),
  p99LimitMs: 100,
  maxOtherCpuPct: Number(process.env.BENCH_MAX_OTHER_CPU_PCT ?? 25),
  noiseRetries: Number(process.env.BENCH_NOISE_RETRIES ?? 3),
  // The server under test must also have finished the previous rate's work (readings still queued for the
  // models after a rate above what they keep up with, Postgres autovacuum) before a rate starts: a rate is
  // measured from a settled server, not through the tail of an overload.
  settleCpuPct: Number(process.env.BENCH_SETTLE_CPU_PCT ?? 15),
  settleWaitS: Number(process.env.BENCH_SETTLE_WAIT_S ?? 120),
  quietWaitS: Number(process.env.BENCH_QUIET_WAIT_S ?? 15),
  drainTimeoutMs: 5000,
  // BENCH_FLOOD=1 (npm run bench:flood): abuse limits on; customers' latency at floodRate with and without one
  // abusive visitor sending floodAbuseRate messages a second, in alternating rounds.
  flood: process.env.BENCH_FLOOD === '1',
  floodRate: Number(process.env.BENCH_FLOOD_RATE ?? 100),
  floodAbuseRate: Number(process.env.BENCH_FLOOD_ABUSE_RATE ?? 2000),
  floodRounds: Number(process.env.BENCH_FLOOD_ROUNDS ?? 3),
};

let traceSeq = 0;
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

// ---------------------------------------------------------------- child processes and cleanup

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

function killChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function cleanupSync() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
}

let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${sig}: stopping children`);
    void Promise.all([...children].map((c) => killChild(c, 3000))).finally(() => {
      cleanupSync();
      process.exit(130);
    });
  });
}
process.on('exit', cleanupSync);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

type Started = { child: ChildProcess; stderrTail: () => string };
const stopping = new Set<ChildProcess>();

function startChild(args: string[], env: Record<string, string | undefined>, name: string): Started {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let tail = '';
  const keep = (b: Buffer) => {
    tail = (tail + b.toString()).slice(-4000);
  };
  child.stderr!.on('data', keep);
  child.stdout!.on('data', keep);
  if (cfg.serverLogDir) {
    fs.mkdirSync(cfg.serverLogDir, { recursive: true });
    const file = fs.createWriteStream(path.join(cfg.serverLogDir, `${name.replace(/\W+/g, '-')}-${child.pid}.log`));
    child.stderr!.pipe(file);
    child.stdout!.pipe(file);
  }
  child.once('exit', (code, signal) => {
    if (!stopping.has(child)) log(`${name} exited unexpectedly (code ${code}, signal ${signal})`);
  });
  return { child, stderrTail: () => tail };
}
async function stopChild(child: ChildProcess) {
  stopping.add(child);
  await killChild(child);
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('server exited during start-up');
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`server did not answer /api/health within ${timeoutMs / 1000} s`);
}

function runToCompletion(args: string[], env: Record<string, string | undefined>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    child.once('exit', (code) => {
      children.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`${args.join(' ')} exited with ${code}: ${err.slice(-2000)}`));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- traffic

// A realistic mix for a Bangladeshi marketplace: Bengali script, Banglish (Bengali in Latin letters), English.
const bodies = [
  'আমার অর্ডার এখনো আসেনি, তিন দিন হয়ে গেল। অর্ডার নম্বর DB-10482, একটু দেখবেন প্লিজ?',
  'ভাই, এই শাড়িটার কি অন্য কোনো রঙ আছে? লাল পাড় আর সবুজ জমিনের টা খুঁজছি।',
  'ক্যাশ অন ডেলিভারি তে কি ঢাকার বাইরে পাঠান? আমি সিলেটে থাকি।',
  'পণ্যটা হাতে পেয়েছি কিন্তু সাইজ ছোট হয়েছে, এক্সচেঞ্জ করা যাবে কি?',
  'বিকাশে পেমেন্ট করেছি কিন্তু অর্ডার স্ট্যাটাস এখনো পেন্ডিং দেখাচ্ছে, ট্রানজেকশন আইডি দিচ্ছি।',
  'ডেলিভারি চার্জ কত পড়বে চট্টগ্রামে? আর কত দিনের মধ্যে পৌঁছাবে জানালে ভালো হয়।',
  'আপনাদের ঈদ অফারের কুপন কোড কাজ করছে না, "EID25" দিলে বলছে ইনভ্যালিড।',
  'রাইডার ফোন দিয়েছিল কিন্তু আমি ধরতে পারিনি, আবার কবে ডেলিভারি দেবে?',
  'Bhai amar order ta ekhono ashe nai, 3 din hoye gelo. Ektu check koren please.',
  'Ei panjabi ta ki XL size e available ache? Eid er age delivery dite parben?',
  'bKash e payment korsi kintu order status pending dekhay, ki korbo ekhon?',
  'Product ta bhanga ashche, box o chhera chilo. Refund chai, chobi pathacchi.',
  'Apnader courier ki Sundarban na Pathao? Amar elakay Pathao ase na.',
  'Coupon code ta kaj kortese na, cart e apply korle error dekhay. Help please!',
  'Vai delivery charge koto porbe Rajshahi te? Ar COD available to?',
  'Order cancel korte chai, bhul kore duita order hoye gese. Ekta cancel koren.',
  'Hi, I ordered a phone cover last week and the tracking has not moved since Tuesday.',
  'Can I change the delivery address? I moved from Dhanmondi to Mirpur 10 yesterday.',
  'The charger I received is not the original one shown in the listing. Please advise.',
  'Do you deliver to Cox’s Bazar? I need the package before the 14th if possible.',
  'I was charged twice for order DB-20931 via card. Please reverse the extra payment.',
  'Is this rice cooker 220V compatible, and does it come with an official warranty?',
  'Hello! আমার অর্ডার DB-55120 এর ডেলিভারি ডেট কবে? tracking link কাজ করছে না।',
  'Size chart e M lekha but jeta ashche ota S er moto. এক্সচেঞ্জ করা যাবে?',
  'ami 2ta t-shirt order korsilam, ekta peyechi. বাকি টা কোথায়? please check.',
  'Refund kobe pabo? bKash number 017XXXXXXXX e pathaben, order DB-77310.',
];

type Customer = { socket: Socket; conversationId: string };
type Target = { name: 'persisted' | 'bare'; agent: Socket; customers: Customer[]; serverPid: number };

type RateResult = {
  rate: number;
  sent: number;
  received: number;
  lost: number;
  ackErrors: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  ackP99: number;
  sendLagP99: number;
  serverCpuPct: number | null;
  loadgenCpuPct: number;
  databaseCpuPct: number | null;
  otherCpuPct: number | null;
  attempts: number;
  // Seconds the harness waited, before this rate, for the server to finish earlier work (BENCH_SETTLE_*).
  settleWaitS: number;
  passed: boolean;
};

const ms = (us: number) => Math.round(us / 10) / 100;
const newHist = () => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });

/** Busy CPU time of the whole machine (all processes), from /proc/stat; null off Linux. */
function machineBusyMs(): number | null {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return ((total - idle) * 1000) / 100;
  } catch {
    return null;
  }
}

/** CPU time of all local `postgres` processes (the database of the persisted path, when DATABASE_URL is local). */
function postgresCpuMs(): number | null {
  if (!cfg.databaseUrl) return null;
  let sum = 0;
  try {
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('postgres')) continue;
        sum += processCpuMs(Number(pid)) ?? 0;
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return null;
  }
  return sum;
}

function ownCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** CPU time of a process and its live children (the server's AI worker process counts as the server's). */
function processCpuMs(pid: number): number | null {
  const own = ownCpuMs(pid);
  if (own === null) return null;
  let total = own;
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      for (const child of fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean)) {
        total += processCpuMs(Number(child)) ?? 0;
      }
    }
  } catch {
    // no children file (older kernels): the process alone
  }
  return total;
}

let phaseSeq = 0;
const runTag = Math.random().toString(36).slice(2, 8);
let onAgentMessage: ((clientId: string, at: number) => void) | null = null;

async function runRate(t: Target, rate: number): Promise<RateResult> {
  const prefix = `b${runTag}${(phaseSeq++).toString(36)}x`;
  const warmupCount = Math.round(rate * cfg.warmupS);
  const total = warmupCount + Math.round(rate * cfg.durationS);
  const intervalMs = 1000 / rate;
  const received = new Uint8Array(total);
  const lat = newHist();
  const ackLat = newHist();
  const sendLag = newHist();
  let receivedCount = 0;
  let measuredReceived = 0;
  let ackErrors = 0;
  let firstAckError: unknown = null;
  let t0 = 0;
  // BENCH_TRACE=<dir>: every measured message's latency and send lag, one CSV file per rate and path.
  const trace = cfg.traceDir ? { latMs: new Float64Array(total), sendLagMs: new Float64Array(total) } : null;

  onAgentMessage = (clientId, at) => {
    if (!clientId.startsWith(prefix)) return;
    const k = Number(clientId.slice(prefix.length));
    if (!(k >= 0 && k < total) || received[k]) return;
    received[k] = 1;
    receivedCount++;
    if (k >= warmupCount) {
      measuredReceived++;
      lat.recordValue(Math.max(1, Math.round((at - (t0 + k * intervalMs)) * 1000)));
      if (trace) trace.latMs[k] = at - (t0 + k * intervalMs);
    }
  };

  const cpu0 = processCpuMs(t.serverPid);
  const busy0 = machineBusyMs();
  const db0 = t.name === 'persisted' ? postgresCpuMs() : null;
  const self0 = process.cpuUsage();
  const wall0 = performance.now();

  let sent = 0;
  const customers = t.customers;
  await new Promise<void>((done) => {
    t0 = performance.now() + 5;
    const pump = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - t0) / intervalMs) + 1);
      while (sent < due) {
        const k = sent++;
        const c = customers[k % customers.length]!;
        const scheduled = t0 + k * intervalMs;
        if (k >= warmupCount) sendLag.recordValue(Math.max(1, Math.round((now - scheduled) * 1000)));
        if (trace) trace.sendLagMs[k] = now - scheduled;
        c.socket.emit('message:send', { conversationId: c.conversationId, clientId: prefix + k, body: bodies[k % bodies.length] }, (ack: { ok: boolean; error?: unknown }) => {
          if (!ack?.ok) {
            ackErrors++;
            firstAckError ??= ack?.error ?? ack;
          } else if (k >= warmupCount) {
            ackLat.recordValue(Math.max(1, Math.round((performance.now() - scheduled) * 1000)));
          }
        });
      }
      if (sent >= total) return done();
      // Never spin: timers fire at ≥ 1 ms; everything that came due meanwhile goes out on the next tick.
      setTimeout(pump, Math.max(1, t0 + sent * intervalMs - performance.now()));
    };
    setTimeout(pump, 5);
  });

  const sendEnd = performance.now();
  while (receivedCount < total && performance.now() - sendEnd < cfg.drainTimeoutMs) await sleep(20);
  const wall = performance.now() - wall0;
  const cpu1 = processCpuMs(t.serverPid);
  const busy1 = machineBusyMs();
  const db1 = t.name === 'persisted' ? postgresCpuMs() : null;
  const self = process.cpuUsage(self0);
  onAgentMessage = null;

  const measured = total - warmupCount;
  const lost = measured - measuredReceived;
  const p99 = ms(lat.getValueAtPercentile(99));
  const serverCpuPct = cpu0 !== null && cpu1 !== null ? Math.round(((cpu1 - cpu0) / wall) * 100) : null;
  const loadgenCpuPct = Math.round(((self.user + self.system) / 1000 / wall) * 100);
  const databaseCpuPct = db0 !== null && db1 !== null ? Math.round(((db1 - db0) / wall) * 100) : null;
  const r: RateResult = {
    rate,
    sent: measured,
    received: measuredReceived,
    lost,
    ackErrors,
    p50: ms(lat.getValueAtPercentile(50)),
    p90: ms(lat.getValueAtPercentile(90)),
    p99,
    p999: ms(lat.getValueAtPercentile(99.9)),
    max: ms(lat.maxValue),
    ackP99: ms(ackLat.getValueAtPercentile(99)),
    sendLagP99: ms(sendLag.getValueAtPercentile(99)),
    serverCpuPct,
    loadgenCpuPct,
    // Everything else on the machine (other processes): should be near 0 for a clean measurement.
    databaseCpuPct,
    otherCpuPct:
      busy0 !== null && busy1 !== null && serverCpuPct !== null
        ? Math.max(0, Math.round(((busy1 - busy0) / wall) * 100) - serverCpuPct - loadgenCpuPct - (databaseCpuPct ?? 0))
        : null,
    attempts: 1,
    settleWaitS: 0,
    passed: lost === 0 && ackErrors === 0 && measuredReceived > 0 && p99 <= cfg.p99LimitMs,
  };
  for (const h of [lat, ackLat, sendLag]) h.destroy();
  if (trace && cfg.traceDir) {
    // One row per measured message: when it was due (wall clock, ms), its latency (empty: never arrived) and how
    // late the generator sent it, to line the tail up with a server's own logs.
    // The monotonic clock (CLOCK_MONOTONIC, shared by every process on the machine) is also what a server's
    // --cpu-prof timestamps use, so due_mono_ms lines a message up with a server profile exactly.
    const origin = performance.timeOrigin + t0;
    const monoOrigin = Number(process.hrtime.bigint()) / 1e6 - performance.now() + t0;
    const rows: string[] = [];
    for (let k = warmupCount; k < total; k++) {
      const due = origin + k * intervalMs;
      const lat = received[k] ? trace.latMs[k]!.toFixed(3) : '';
      rows.push(`${k - warmupCount},${due.toFixed(1)},${(monoOrigin + k * intervalMs).toFixed(3)},${lat},${trace.sendLagMs[k]!.toFixed(3)}`);
    }
    fs.mkdirSync(cfg.traceDir, { recursive: true });
    const file = path.join(cfg.traceDir, `${String(traceSeq++).padStart(3, '0')}-${t.name}-${rate}.csv`);
    fs.writeFileSync(file, `k,due_epoch_ms,due_mono_ms,latency_ms,send_lag_ms\n${rows.join('\n')}\n`);
  }
  log(
    `${t.name} ${rate}/s: p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms, lost ${lost}, ack errors ${ackErrors}` +
      `${firstAckError ? ` (${JSON.stringify(firstAckError)})` : ''}, cpu: server ${r.serverCpuPct}%,${databaseCpuPct !== null ? ` postgres ${databaseCpuPct}%,` : ''} loadgen ${r.loadgenCpuPct}%, other ${r.otherCpuPct}%`,
  );
  return r;
}

/**
 * Waits until the server under test (and its local Postgres) uses less than BENCH_SETTLE_CPU_PCT of a core for
 * 1 s (up to BENCH_SETTLE_WAIT_S), then until other processes use less than maxOtherCpuPct of a core for 1 s
 * (up to BENCH_QUIET_WAIT_S). Returns the seconds spent waiting for the server.
 */
async function waitForQuiet(t: Target) {
  const started = Date.now();
  const settleUntil = started + cfg.settleWaitS * 1000;
  let until = Number.POSITIVE_INFINITY;
  let settled = false;
  let settleS = 0;
  let other: number;
  let server: number;
  do {
    const b0 = machineBusyMs();
    const s0 = processCpuMs(t.serverPid);
    const d0 = t.name === 'persisted' ? postgresCpuMs() : null;
    const self0 = process.cpuUsage();
    await sleep(1000);
    const b1 = machineBusyMs();
    const s1 = processCpuMs(t.serverPid);
    const d1 = t.name === 'persisted' ? postgresCpuMs() : null;
    const self = process.cpuUsage(self0);
    if (b0 === null || b1 === null || s0 === null || s1 === null) return 0;
    server = (s1 - s0 + (d1 ?? 0) - (d0 ?? 0)) / 10;
    other = (b1 - b0 - (s1 - s0) - (d1 ?? 0) + (d0 ?? 0) - (self.user + self.system) / 1000) / 10;
    if (!settled && (server <= cfg.settleCpuPct || Date.now() >= settleUntil)) {
      settled = true;
      settleS = Math.round((Date.now() - started) / 100) / 10;
      if (server > cfg.settleCpuPct) log(`${t.name}: the server still uses ${Math.round(server)}% of a core after ${cfg.settleWaitS} s; measuring anyway`);
      else if (settleS > 1.5) log(`${t.name}: waited ${settleS} s for the server to finish earlier work`);
      until = Date.now() + cfg.quietWaitS * 1000;
    }
    if (settled && other <= cfg.maxOtherCpuPct) return settleS;
  } while (Date.now() < until && !interrupted);
  log(`${t.name}: other processes still use ${Math.round(other)}% of a core; measuring anyway`);
  return settleS;
}

/**
 * Runs one rate; when other processes on the machine took more than BENCH_MAX_OTHER_CPU_PCT of a core
 * meanwhile, runs it again (a shared 2-core box otherwise reports its neighbours, not the server) and keeps
 * the least disturbed attempt.
 */
async function runRateGuarded(t: Target, rate: number, budget: { retries: number }): Promise<RateResult> {
  const settleWaitS = await waitForQuiet(t);
  let best = await runRate(t, rate);
  let attempts = 1;
  let last = best;
  while ((best.otherCpuPct ?? 0) > cfg.maxOtherCpuPct && budget.retries > 0 && !interrupted) {
    budget.retries--;
    log(`${t.name} ${rate}/s: other processes used ${last.otherCpuPct}% of a core; measuring again`);
    await sleep(1000);
    await waitForQuiet(t);
    last = await runRate(t, rate);
    attempts++;
    if ((last.otherCpuPct ?? 0) < (best.otherCpuPct ?? 0)) best = last;
  }
  return { ...best, attempts, settleWaitS };
}

type Sweep = { rates: RateResult[]; maxRateWithinP99_100ms: number | null; highestRateTested: number };

// ---------------------------------------------------------------- clients

function connect(url: string, opts: { auth?: Record<string, unknown>; cookie?: string; ip?: string }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 15_000,
      auth: opts.auth ?? {},
      // ip: as if from that address (the server trusts X-Forwarded-For from loopback), so per-IP limits see many customers.
      extraHeaders: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.ip ? { 'x-forwarded-for': opts.ip } : {}) },
    });
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e) => {
      s.close();
      reject(new Error(`socket connect failed: ${e.message}`));
    });
  });
}

async function trpc<T>(url: string, proc: string, input: unknown): Promise<{ data: T; res: Response }> {
  const res = await fetch(`${url}/api/trpc/${proc}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: input }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json().catch(() => null)) as { result?: { data?: { json?: T } }; error?: unknown } | null;
  if (!res.ok || !body?.result?.data) throw new Error(`${proc} failed (${res.status}): ${JSON.stringify(body?.error ?? body).slice(0, 500)}`);
  return { data: body.result.data.json as T, res };
}

async function inBatches<T>(n: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += width) out.push(...(await Promise.all(Array.from({ length: Math.min(width, n - i) }, (_, j) => fn(i + j)))));
  return out;
}

function listenAgent(agent: Socket) {
  agent.on('message:new', (m: { clientId?: string }) => {
    const at = performance.now();
    if (onAgentMessage && typeof m?.clientId === 'string') onAgentMessage(m.clientId, at);
  });
}

async function startConversation(socket: Socket): Promise<string> {
  const ack = (await socket.timeout(30_000).emitWithAck('conversation:start', {})) as { ok: boolean; data?: { conversationId: string }; error?: unknown };
  if (!ack?.ok || !ack.data) throw new Error(`conversation:start failed: ${JSON.stringify(ack?.error ?? ack)}`);
  return ack.data.conversationId;
}

function closeTarget(t: Target) {
  t.agent.close();
  for (const c of t.customers) c.socket.close();
}

// ---------------------------------------------------------------- the two paths

function pickServer(): { mode: 'dist' | 'tsx'; production: boolean; args: string[] } {
  const hasNextBuild = fs.existsSync(path.join(root, '.next/BUILD_ID'));
  const hasDist = fs.existsSync(path.join(root, 'dist/server.js'));
  // The node flags of `npm start` first (package.json), then the knobs' own.
  const prof = [...startNodeFlags(root), ...(cfg.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cfg.cpuProfDir}`] : []), ...cfg.serverNodeArgs];
  const mode = cfg.serverMode === 'auto' ? (hasDist && hasNextBuild ? 'dist' : 'tsx') : cfg.serverMode;
  if (mode === 'dist') return { mode, production: true, args: [...prof, 'dist/server.js'] };
  // Production mode needs a `next build`; without one Next runs in dev mode (pages compile lazily; the
  // benchmark touches only /api and the socket, which never go through Next).
  return { mode, production: hasNextBuild, args: [...prof, '--import', 'tsx', cfg.serverEntry] };
}

type OpenTarget = { target: Target; url?: string; widgetKey?: string; database: 'pglite' | 'postgres' | null; ai?: { status: string; reason?: string }; close: () => Promise<void> };

type AbuseStats = { sent: number; accepted: number; refused: number; rateLimitedEvents: number; disconnects: number; connections: number; reconnectAttempts: number };

/**
 * One abusive visitor (its own address): sends floodAbuseRate messages a second on a fixed schedule and, like
 * a real attacker, reconnects at once whenever the server disconnects it. Returns a stop function with its tally.
 */
async function startAbuser(url: string, widgetKey: string): Promise<() => Promise<AbuseStats>> {
  const { data } = await trpc<{ token: string }>(url, 'widget.session', { key: widgetKey });
  const stats: AbuseStats = { sent: 0, accepted: 0, refused: 0, rateLimitedEvents: 0, disconnects: 0, connections: 0, reconnectAttempts: 0 };
  const ip = '10.66.6.6';
  let socket = await connect(url, { auth: { visitorToken: data.token }, ip });
  stats.connections++;
  const conversationId = await startConversation(socket);
  let stopped = false;
  let reconnecting = false;
  const wire = (s: Socket) => {
    s.on('rate:limited', () => stats.rateLimitedEvents++);
    s.on('disconnect', () => {
      stats.disconnects++;
      if (stopped || reconnecting) return;
      reconnecting = true;
      // Like a real flooder: keep trying to get back in, every 50 ms.
      const retry = () => {
        if (stopped) return;
        stats.reconnectAttempts++;
        connect(url, { auth: { visitorToken: data.token }, ip }).then(
          (next) => {
            reconnecting = false;
            stats.connections++;
            socket = next;
            wire(next);
          },
          () => setTimeout(retry, 50),
        );
      };
      retry();
    });
  };
  wire(socket);
  const t0 = performance.now();
  const interval = 1000 / cfg.floodAbuseRate;
  const pump = () => {
    if (stopped) return;
    const due = Math.floor((performance.now() - t0) / interval);
    while (stats.sent < due) {
      const k = stats.sent++;
      if (!socket.connected) continue; // a real flooder would not wait either
      socket.emit('message:send', { conversationId, clientId: `abuse${runTag}${k}`, body: 'spam spam spam' }, (ack: { ok: boolean }) => {
        if (ack?.ok) stats.accepted++;
        else stats.refused++;
      });
    }
    setTimeout(pump, 1);
  };
  setTimeout(pump, 1);
  return async () => {
    stopped = true;
    socket.close();
    return stats;
  };
}

/** Customers' latency at floodRate: alternating rounds without and with the abuser; medians of p99. */
async function floodRounds(o: OpenTarget) {
  const quiet: RateResult[] = [];
  const flooded: (RateResult & { abuse: AbuseStats })[] = [];
  for (let i = 0; i < cfg.floodRounds && !interrupted; i++) {
    await waitForQuiet(o.target);
    quiet.push(await runRate(o.target, cfg.floodRate));
    await waitForQuiet(o.target);
    const stop = await startAbuser(o.url!, o.widgetKey!);
    await sleep(1000); // the flood is on before the customers' round starts
    const r = await runRate(o.target, cfg.floodRate);
    const abuse = await stop();
    log(`flood round ${i + 1}: abuser sent ${abuse.sent}, accepted ${abuse.accepted}, refused ${abuse.refused}, told ${abuse.rateLimitedEvents}x, disconnected ${abuse.disconnects}x, reconnect attempts ${abuse.reconnectAttempts}`);
    flooded.push({ ...r, abuse });
  }
  const p99Quiet = median(quiet.map((r) => r.p99));
  const p99Flooded = median(flooded.map((r) => r.p99));
  const ratio = p99Quiet > 0 ? Math.round((p99Flooded / p99Quiet) * 100) / 100 : null;
  return {
    customerRate: cfg.floodRate,
    abuseRate: cfg.floodAbuseRate,
    rounds: cfg.floodRounds,
    quiet: { p99Median: p99Quiet, p99s: quiet.map((r) => r.p99), lost: quiet.reduce((a, r) => a + r.lost, 0), ackErrors: quiet.reduce((a, r) => a + r.ackErrors, 0) },
    flooded: {
      p99Median: p99Flooded,
      p99s: flooded.map((r) => r.p99),
      lost: flooded.reduce((a, r) => a + r.lost, 0),
      ackErrors: flooded.reduce((a, r) => a + r.ackErrors, 0),
      serverCpuPctMedian: median(flooded.map((r) => r.serverCpuPct ?? NaN).filter(Number.isFinite)),
      abuse: flooded.map((r) => r.abuse),
    },
    p99Ratio: ratio,
    within2x: ratio !== null && ratio <= 2 && flooded.every((r) => r.lost === 0 && r.ackErrors === 0),
  };
}

async function openPersisted(server: ReturnType<typeof pickServer>): Promise<OpenTarget> {
  let pgliteDir: string | undefined;
  if (!cfg.databaseUrl) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alap-bench-'));
    tempDirs.add(tmp);
    pgliteDir = path.join(tmp, 'pglite');
  }
  const removeDir = () => {
    if (!pgliteDir) return;
    const tmp = path.dirname(pgliteDir);
    fs.rmSync(tmp, { recursive: true, force: true });
    tempDirs.delete(tmp);
  };
  const dbEnv = cfg.databaseUrl ? { DATABASE_URL: cfg.databaseUrl } : { DATABASE_URL: '', PGLITE_DIR: pgliteDir };
  log(`seeding (${cfg.databaseUrl ? 'postgres' : `pglite at ${pgliteDir}`})`);
  const seedOut = await runToCompletion(['--import', 'tsx', 'bench/bench-seed.ts'], { ...dbEnv, LOG_LEVEL: 'warn' });
  const seed = JSON.parse(seedOut.trim().split('\n').pop()!) as { database: string; agentEmail: string; agentPassword: string; widgetKey: string };

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  if (cfg.cpuProfDir) fs.mkdirSync(cfg.cpuProfDir, { recursive: true });
  log(`starting server (${server.mode}${server.production ? ', production' : ', dev'}) on :${port}`);
  const started = startChild(
    server.args,
    {
      ...dbEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'never',
      RATE_LIMIT_DISABLED: cfg.flood ? 'false' : 'true',
      LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn',
      NODE_ENV: server.production ? 'production' : 'development',
      ...(cfg.batchWindowMs !== undefined ? { MESSAGE_BATCH_MS: String(cfg.batchWindowMs) } : {}),
      REDIS_URL: '',
    },
    'server',
  );
  try {
    const t0 = Date.now();
    await waitForHealth(url, started.child, 180_000);
    log(`server healthy after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const { res } = await trpc<{ role: string }>(url, 'auth.signIn', { email: seed.agentEmail, password: seed.agentPassword });
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('alap_session='));
    if (!cookie) throw new Error('auth.signIn returned no alap_session cookie');
    const agent = await connect(url, { cookie });
    listenAgent(agent);

    const customers = await inBatches(cfg.customers, 10, async (i) => {
      const { data } = await trpc<{ token: string }>(url, 'widget.session', { key: seed.widgetKey });
      const socket = await connect(url, { auth: { visitorToken: data.token }, ip: `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}` });
      return { socket, conversationId: await startConversation(socket) };
    });
    log(`persisted: agent + ${customers.length} customers connected`);
    // The models load after the server answers: measure the configuration as it runs, not its start-up.
    const ai = await waitForModels(url);
    log(`persisted: on-server models ${ai.status}${ai.reason ? ` (${ai.reason})` : ''}`);
    const target: Target = { name: 'persisted', agent, customers, serverPid: started.child.pid! };
    return {
      target,
      url,
      widgetKey: seed.widgetKey,
      ai,
      database: seed.database as 'pglite' | 'postgres',
      close: async () => {
        closeTarget(target);
        await stopChild(started.child);
        removeDir();
      },
    };
  } catch (e) {
    const tail = started.stderrTail();
    process.stderr.write(`--- server output (tail) ---\n${tail}\n`);
    if (/next dev server is already running/i.test(tail)) {
      log('another `next dev` holds .next/dev/lock: run `npm run bench` (it builds, then uses dist/server.js) or stop that dev server');
    }
    await stopChild(started.child);
    removeDir();
    throw e;
  }
}

/** The server's AI status once it has settled (ready, or unavailable / turned off), from /api/health. */
async function waitForModels(url: string): Promise<{ status: string; reason?: string }> {
  const until = Date.now() + 120_000;
  for (;;) {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    const ai = ((await res.json()) as { ai?: { status: string; reason?: string } }).ai ?? { status: 'unknown' };
    if (ai.status !== 'starting' || Date.now() > until) return ai;
    await sleep(250);
  }
}

async function openBare(): Promise<OpenTarget> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  log(`starting bare relay on :${port}`);
  const started = startChild(['--import', 'tsx', 'bench/bare-relay.ts'], { PORT: String(port), NODE_ENV: 'production' }, 'bare relay');
  try {
    await waitForHealth(url, started.child, 60_000);
    const agent = await connect(url, { auth: { role: 'agent' } });
    listenAgent(agent);
    const customers = await inBatches(cfg.customers, 10, async () => {
      const socket = await connect(url, { auth: { role: 'visitor' } });
      return { socket, conversationId: await startConversation(socket) };
    });
    log(`bare: agent + ${customers.length} customers connected`);
    const target: Target = { name: 'bare', agent, customers, serverPid: started.child.pid! };
    return {
      target,
      database: null,
      close: async () => {
        closeTarget(target);
        await stopChild(started.child);
      },
    };
  } catch (e) {
    process.stderr.write(`--- relay output (tail) ---\n${started.stderrTail()}\n`);
    await stopChild(started.child);
    throw e;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : Math.round(((s[m - 1]! + s[m]!) / 2) * 100) / 100;
};

/**
 * The targets are judged at one rate on medians of several short rounds that alternate between the two paths
 * (P B, B P, P B, …): one disturbed 8-second window on a shared machine cannot decide the result, and drift
 * over the run (heap growth, database size, neighbours) hits both paths alike.
 */
async function targetRounds(paths: Target[], rate: number) {
  const byPath = new Map<string, RateResult[]>(paths.map((t) => [t.name, []]));
  for (let round = 0; round < cfg.targetRounds && !interrupted; round++) {
    const order = round % 2 === 0 ? paths : [...paths].reverse();
    for (const t of order) byPath.get(t.name)!.push(await runRateGuarded(t, rate, { retries: 1 }));
  }
  const summary = (name: string) => {
    const rs = byPath.get(name) ?? [];
    if (rs.length === 0) return null;
    return {
      p50Median: median(rs.map((r) => r.p50)),
      p99Median: median(rs.map((r) => r.p99)),
      p99s: rs.map((r) => r.p99),
      lost: rs.reduce((a, r) => a + r.lost, 0),
      ackErrors: rs.reduce((a, r) => a + r.ackErrors, 0),
      serverCpuPctMedian: median(rs.map((r) => r.serverCpuPct ?? NaN).filter(Number.isFinite)),
    };
  };
  return { rate, rounds: cfg.targetRounds, durationS: cfg.durationS, persisted: summary('persisted'), bare: summary('bare') };
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  const server = pickServer();
  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length,
    model: cpus[0]?.model ?? 'unknown',
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadavg1mAtStart: Math.round(os.loadavg()[0]! * 100) / 100,
  };

  const open: OpenTarget[] = [];
  let database: 'pglite' | 'postgres' | null = null;
  let models: OpenTarget['ai'] = undefined;
  const sweeps = new Map<string, Sweep>();
  let target: Awaited<ReturnType<typeof targetRounds>> | null = null;
  if (cfg.flood) {
    const p = await openPersisted(server);
    let flood: Awaited<ReturnType<typeof floodRounds>>;
    try {
      flood = await floodRounds(p);
    } finally {
      await p.close();
    }
    const doc = {
      machine,
      database: p.database,
      models: p.ai ?? null,
      flood,
      notes: [
        'Abuse limits on (server defaults). 50 customers, each from its own address (X-Forwarded-For from loopback), send at the customer rate on a fixed schedule; latency from scheduled send to the agent socket.',
        'In alternating rounds, one abusive visitor from another address sends at the abuse rate and reconnects at once whenever it is disconnected. Target: customers\' p99 with the flood within 2x of without.',
      ],
    };
    const json = JSON.stringify(doc, null, 2);
    process.stdout.write(`${json}\n`);
    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench/results/flood.json'), `${json}\n`);
    return;
  }
  try {
    if (cfg.paths.includes('persisted')) {
      const p = await openPersisted(server);
      open.push(p);
      database = p.database;
      models = p.ai;
    }
    if (cfg.paths.includes('bare') && !interrupted) open.push(await openBare());
    // Both servers stay up for the whole run; each rate is measured on one path, then the other.
    const state = new Map(open.map((o) => [o.target.name, { rates: [] as RateResult[], maxRate: null as number | null, stopped: false, budget: { retries: cfg.noiseRetries } }]));
    for (const rate of cfg.rates) {
      for (const o of open) {
        const st = state.get(o.target.name)!;
        if (st.stopped || interrupted) continue;
        const r = await runRateGuarded(o.target, rate, st.budget);
        st.rates.push(r);
        if (r.passed) st.maxRate = rate;
        else st.stopped = true; // stop raising the rate once p99 > 100 ms or anything was lost
      }
    }
    for (const [name, st] of state) sweeps.set(name, { rates: st.rates, maxRateWithinP99_100ms: st.maxRate, highestRateTested: cfg.rates[cfg.rates.length - 1]! });
    if (cfg.targetRounds > 0 && !interrupted) target = await targetRounds(open.map((o) => o.target), cfg.targetRate);
  } finally {
    for (const o of open) await o.close();
  }
  const persisted = sweeps.get('persisted') ?? null;
  const bare = sweeps.get('bare') ?? null;

  const ratio: Record<string, number | null> = {};
  for (const rate of cfg.rates) {
    const p = persisted?.rates.find((r) => r.rate === rate);
    const b = bare?.rates.find((r) => r.rate === rate);
    if (p && b) ratio[`p99AtRate${rate}`] = b.p99 > 0 ? Math.round((p.p99 / b.p99) * 100) / 100 : null;
  }
  const tp = target?.persisted;
  const tb = target?.bare;
  const targetRatio = tp && tb && tb.p99Median > 0 ? Math.round((tp.p99Median / tb.p99Median) * 100) / 100 : null;

  const doc = {
    machine,
    database: database ?? (cfg.databaseUrl ? 'postgres' : 'pglite'),
    server: { mode: server.mode, nodeEnv: server.production ? 'production' : 'development', ...(server.mode === 'tsx' ? { entry: cfg.serverEntry } : {}) },
    // The on-server models (AI_ENABLED): their worker process shares the machine's cores with the server.
    models: models ?? null,
    batchWindowMs: cfg.batchWindowMs ?? 'server default',
    config: {
      rates: cfg.rates,
      durationS: cfg.durationS,
      warmupS: cfg.warmupS,
      customers: cfg.customers,
      agents: 1,
      targetRate: cfg.targetRate,
      targetRounds: cfg.targetRounds,
    },
    persisted,
    bare,
    ratio,
    target: target ? { ...target, p99Ratio: targetRatio } : null,
    targets: {
      // Judged on the medians of the alternating rounds at the target rate.
      [`p99At${cfg.targetRate}Under50ms`]: tp ? tp.lost === 0 && tp.ackErrors === 0 && tp.p99Median <= 50 : null,
      [`within3xOfBareAt${cfg.targetRate}`]: tp && tb && targetRatio !== null ? tp.lost === 0 && targetRatio <= 3 : null,
    },
    notes: [
      'Latencies in ms from the SCHEDULED send time of each message to its arrival as message:new on the agent socket (no coordinated omission); HDR histogram, microsecond resolution.',
      `Each rate runs ${cfg.warmupS} s of unrecorded warm-up, then ${cfg.durationS} s recorded, spread round-robin over ${cfg.customers} customer sockets; a path stops at the first rate with p99 > ${cfg.p99LimitMs} ms, a lost message or an ack error.`,
      'The server runs with RATE_LIMIT_DISABLED=true: the benchmark is one IP and a few visitors sending far above any person\'s rate, which the per-visitor and per-IP limits would (correctly) refuse.',
      'The load generator runs on the same machine as the server and competes with it for CPU (see loadgenCpuPct / serverCpuPct, percent of one core); sendLagP99 is how late the generator itself sent.',
      'The bare relay mirrors the real fan-out (ack to the sender, message:new and a same-shaped conversation:updated to the agents, message:new echo to the customer) with no validation, auth or database.',
      'lost = recorded messages not seen by the agent within 5 s after the last send. maxRateWithinP99_100ms is capped at highestRateTested.',
      `Rates are swept on both paths in turn (persisted then bare at each rate). The targets are then judged at ${cfg.targetRate} msg/s on the medians of ${cfg.targetRounds} rounds per path, alternating the order (P B, B P, …), so drift and one disturbed window do not decide them (see target.p99s for every round).`,
      `serverCpuPct includes the server's child processes (the models' worker process). serverCpuPct / databaseCpuPct (local Postgres processes) / loadgenCpuPct / otherCpuPct are percent of one core during each rate. Before each rate the harness waits up to ${cfg.settleWaitS} s for the server (with its local Postgres) to drop below ${cfg.settleCpuPct}% of a core, so a rate never runs through the tail of the previous one (settleWaitS: readings still queued for the models after a rate above what they keep up with), then up to ${cfg.quietWaitS} s for other processes to drop below ${cfg.maxOtherCpuPct}% of a core; a rate during which they used more is measured again (attempts; at most ${cfg.noiseRetries} repeats per path) and the least disturbed attempt is kept.`,
    ],
    elapsedS: Math.round((Date.now() - started) / 100) / 10,
  };

  const json = JSON.stringify(doc, null, 2);
  process.stdout.write(`${json}\n`);
  const outDir = path.join(root, 'bench/results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'latest.json'), `${json}\n`);
}

main().then(
  () => {
    cleanupSync();
    process.exit(0);
  },
  (e) => {
    log(`harness failed: ${e instanceof Error ? e.stack : String(e)}`);
    void Promise.all([...children].map((c) => killChild(c, 3000))).finally(() => {
      cleanupSync();
      process.exit(1);
    });
  },
);
