import { type Intent, intentSchema } from '@/lib/contracts/ai';
import { z } from 'zod';

/** Which team (by name) each intent routes to. Configurable with AI_TEAM_MAP (JSON); unmapped intents → null. */
export type TeamMap = Partial<Record<Intent, string>>;

// Matches the demo workspace's teams; a deployment names its own.
export const DEFAULT_TEAM_MAP: TeamMap = {
  order_status: 'Orders & Delivery',
  cancel_order: 'Orders & Delivery',
  return_refund: 'Payments & Refunds',
  payment: 'Payments & Refunds',
  account: 'General Support',
  product_info: 'General Support',
  other: 'General Support',
};

const teamMapSchema = z.record(intentSchema, z.string().min(1).max(100));

/** Parses AI_TEAM_MAP; a bad value throws with the reason (start-up stops on it). */
export function parseTeamMap(json: string | undefined): TeamMap {
  if (!json) return DEFAULT_TEAM_MAP;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('AI_TEAM_MAP must be JSON, e.g. {"payment":"Payments & Refunds"}');
  }
  const parsed = teamMapSchema.safeParse(value);
  if (!parsed.success) throw new Error(`AI_TEAM_MAP: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data as TeamMap;
}

export function teamFor(intent: Intent, map: TeamMap = DEFAULT_TEAM_MAP): string | null {
  return map[intent] ?? null;
}
