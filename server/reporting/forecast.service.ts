import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '@/db/client';
import { agentsNeeded } from '@/lib/analytics/erlang';
import { backtest, type Backtest, forecastHourly, type Forecast } from '@/lib/analytics/forecast';

const HOUR = 3_600_000;
const HISTORY_WEEKS = 8;
export const FORECAST_HOURS = 14 * 24;

export type StaffingInput = {
  // Average handle time of a chat in seconds (default: measured, see measuredAht).
  ahtSeconds?: number;
  targetSeconds: number;
  serviceLevel: number;
  concurrency: number;
  shrinkage: number;
};

type Fit = { at: number; start: number; history: number[]; forecast: Forecast; backtest: Backtest | null; measuredAht: number | null };

/**
 * Conversation volume per hour for the next 14 days (double-seasonal Holt-Winters, lib/analytics/forecast.ts)
 * from up to 8 weeks of per-hour totals, with a backtest on the last week held back, and the agents needed per
 * hour by Erlang C (lib/analytics/erlang.ts). The fit is kept for the hour it was made in; what-if changes to
 * handle time, target or concurrency only redo the staffing arithmetic.
 */
export class ForecastService {
  private fits = new Map<string, Fit>();

  constructor(
    private db: Db,
    private now: () => Date = () => new Date(),
  ) {}

  private async fit(workspaceId: string): Promise<Fit> {
    const hourNow = Math.floor(this.now().getTime() / HOUR) * HOUR;
    const hit = this.fits.get(workspaceId);
    if (hit && hit.at === hourNow) return hit;
    const start = hourNow - HISTORY_WEEKS * 168 * HOUR;
    const rows = rowsOf<{ hour: string | Date; n: unknown }>(
      await this.db.execute(sql`select hour, sum(count) as n from reporting_hourly
        where workspace_id = ${workspaceId} and name = 'conversation_created' and dim = 'all' and hour >= ${new Date(start).toISOString()} and hour < ${new Date(hourNow).toISOString()}
        group by hour`),
    );
    const counts = new Array<number>(HISTORY_WEEKS * 168).fill(0);
    let first = counts.length;
    for (const r of rows) {
      const i = Math.round((new Date(r.hour).getTime() - start) / HOUR);
      if (i < 0 || i >= counts.length) continue;
      counts[i] = Number(r.n);
      first = Math.min(first, i);
    }
    // History starts at the first hour with a conversation (a new desk has no 8 weeks of zeros behind it).
    const history = first < counts.length ? counts.slice(first) : [];
    const [aht] = rowsOf<{ aht: unknown }>(
      await this.db.execute(sql`select percentile_cont(0.5) within group (order by wall_seconds) as aht from reporting_events
        where workspace_id = ${workspaceId} and name = 'resolved' and at >= ${new Date(hourNow - 28 * 24 * HOUR).toISOString()} and wall_seconds > 0`),
    );
    const fit: Fit = {
      at: hourNow,
      start: hourNow - history.length * HOUR,
      history,
      forecast: forecastHourly(history, FORECAST_HOURS),
      backtest: history.length > 2 * 168 ? backtest(history, 168) : null,
      measuredAht: aht?.aht === null || aht?.aht === undefined ? null : Math.min(3600, Math.max(60, Number(aht.aht))),
    };
    this.fits.set(workspaceId, fit);
    return fit;
  }

  async forecast(workspaceId: string, staffing: StaffingInput, onlineNow: number) {
    const f = await this.fit(workspaceId);
    const ahtSeconds = staffing.ahtSeconds ?? f.measuredAht ?? 600;
    const from = f.at;
    const points = f.forecast.points.map((p, i) => ({
      at: new Date(from + i * HOUR).toISOString(),
      ...p,
      needed: agentsNeeded({ arrivalsPerHour: p.mean, ahtSeconds, targetSeconds: staffing.targetSeconds, serviceLevel: staffing.serviceLevel, concurrency: staffing.concurrency, shrinkage: staffing.shrinkage }).agents,
    }));
    const bt = f.backtest;
    const btStart = from - 168 * HOUR;
    return {
      model: f.forecast.model,
      params: f.forecast.params,
      historyHours: f.history.length,
      // The last week as it happened, for context on the chart.
      recent: f.history.slice(-168).map((n, i, all) => ({ at: new Date(from - (all.length - i) * HOUR).toISOString(), count: n })),
      points,
      backtest: bt
        ? {
            mape: bt.mape,
            mase: Number.isFinite(bt.mase) ? bt.mase : null,
            baselineMape: bt.baselineMape,
            baselineMase: Number.isFinite(bt.baselineMase) ? bt.baselineMase : null,
            points: bt.points.map((p, i) => ({ at: new Date(btStart + i * HOUR).toISOString(), actual: p.actual, mean: p.mean, baseline: p.baseline, lo95: p.lo95, hi95: p.hi95 })),
          }
        : null,
      ahtSeconds,
      measuredAhtSeconds: f.measuredAht,
      onlineNow,
      peakNeeded: points.reduce((m, p) => Math.max(m, p.needed), 0),
    };
  }
}
