const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = keyof typeof levels;
let threshold: number = levels.info;

export function setLogLevel(level: Level) {
  threshold = levels[level];
}

function write(level: Exclude<Level, 'silent'>, msg: string, extra?: Record<string, unknown>) {
  if (levels[level] < threshold) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...extra });
  if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
  else process.stdout.write(line + '\n');
}

/**
 * An error as one line for the log, with its causes: a failed query's own message (drizzle's "Failed query")
 * carries the driver's error only in its cause. The query's parameters are left out: they can hold what
 * customers wrote.
 */
export function errorText(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur !== undefined && cur !== null && depth < 5; depth++) {
    parts.push(String(cur).replace(/\nparams: [\s\S]*$/, ''));
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  if (parts.length === 0) return String(e);
  return parts.join(' (cause: ') + ')'.repeat(parts.length - 1);
}

export const logger = {
  debug: (msg: string, extra?: Record<string, unknown>) => write('debug', msg, extra),
  info: (msg: string, extra?: Record<string, unknown>) => write('info', msg, extra),
  warn: (msg: string, extra?: Record<string, unknown>) => write('warn', msg, extra),
  error: (msg: string, extra?: Record<string, unknown>) => write('error', msg, extra),
};
