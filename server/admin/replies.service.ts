import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { automationRules, cannedResponses, conversations, labels, macros } from '@/db/schema';
import type { RuleAction } from '@/lib/contracts/automation';
import { PLACEHOLDERS, unknownPlaceholders } from '@/lib/canned';
import { AppError } from '@/server/core/app-error';
import type { EventBus } from '@/server/core/event-bus';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Carries a label rename (or delete: `map` gives null) into the workspace's automation rules and macros: their
 * "add labels" actions and, for a rename, their label conditions (a comma-separated list of names).
 */
async function relabelAutomation(db: Db, workspaceId: string, map: (label: string) => string | null, opts: { conditions: boolean } = { conditions: true }) {
  const mapActions = (actions: RuleAction[]) =>
    actions.flatMap((a): RuleAction[] => {
      if (a.type !== 'add_labels') return [a];
      const labels = [...new Set(a.labels.map(map).filter((l): l is string => l !== null))];
      return labels.length ? [{ ...a, labels }] : [];
    });
  for (const r of await db.select().from(automationRules).where(eq(automationRules.workspaceId, workspaceId))) {
    const actions = mapActions(r.actions);
    const conditions = opts.conditions
      ? r.conditions.map((c) => (c.field === 'labels' ? { ...c, value: c.value.split(',').map((v) => map(v.trim()) ?? v.trim()).join(', ') } : c))
      : r.conditions;
    if (JSON.stringify(actions) !== JSON.stringify(r.actions) || JSON.stringify(conditions) !== JSON.stringify(r.conditions)) {
      await db.update(automationRules).set({ actions, conditions }).where(eq(automationRules.id, r.id));
    }
  }
  for (const m of await db.select().from(macros).where(eq(macros.workspaceId, workspaceId))) {
    const actions = mapActions(m.actions);
    if (JSON.stringify(actions) !== JSON.stringify(m.actions)) await db.update(macros).set({ actions }).where(eq(macros.id, m.id));
  }
}

export type CannedInput = { originalShortCode?: string | null; shortCode: string; title: string; contentEn: string | null; contentBn: string | null };
const VARIANTS = ['en', 'bn'] as const;

const vendorsOf = (rows: { vendorId: string | null }[]) => [...new Set(rows.flatMap((r) => (r.vendorId ? [r.vendorId] : [])))];

/**
 * Canned responses (a short code with an English and a Bengali variant, one row each) and labels, for the admin
 * console. Other languages' rows of a short code (Banglish, "any") are kept as they are and follow a rename.
 */
export class RepliesService {
  constructor(
    private db: Db,
    private bus: EventBus,
  ) {}

  async listCanned(workspaceId: string) {
    const rows = await this.db
      .select({ shortCode: cannedResponses.shortCode, title: cannedResponses.title, content: cannedResponses.content, lang: cannedResponses.lang })
      .from(cannedResponses)
      .where(eq(cannedResponses.workspaceId, workspaceId))
      .orderBy(asc(cannedResponses.shortCode), asc(cannedResponses.lang));
    const byCode = new Map<string, { shortCode: string; title: string; contentEn: string | null; contentBn: string | null; others: number }>();
    for (const r of rows) {
      const c = byCode.get(r.shortCode) ?? { shortCode: r.shortCode, title: r.title, contentEn: null, contentBn: null, others: 0 };
      if (r.lang === 'en') {
        c.contentEn = r.content;
        c.title = r.title;
      } else if (r.lang === 'bn') c.contentBn = r.content;
      else c.others++;
      byCode.set(r.shortCode, c);
    }
    return [...byCode.values()];
  }

  async saveCanned(workspaceId: string, input: CannedInput) {
    const code = input.shortCode.trim().toLowerCase();
    const text = { en: input.contentEn?.trim() || null, bn: input.contentBn?.trim() || null };
    if (!text.en && !text.bn) throw new AppError('BAD_REQUEST', 'Write the reply in English, Bengali or both');
    for (const t of [text.en, text.bn]) {
      const unknown = t ? unknownPlaceholders(t) : [];
      if (unknown.length) throw new AppError('BAD_REQUEST', `Unknown placeholder {{${unknown[0]}}}; use ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`);
    }
    const original = input.originalShortCode?.trim().toLowerCase() || null;
    await this.db.transaction(async (tx) => {
      const exists = async (c: string) =>
        (await tx.select({ id: cannedResponses.id }).from(cannedResponses).where(and(eq(cannedResponses.workspaceId, workspaceId), eq(cannedResponses.shortCode, c))).limit(1)).length > 0;
      if (original === null && (await exists(code))) throw new AppError('CONFLICT', `/${code} already exists; edit it instead`);
      if (original !== null && !(await exists(original))) throw new AppError('NOT_FOUND', 'Unknown canned response');
      if (original !== null && original !== code) {
        if (await exists(code)) throw new AppError('CONFLICT', `/${code} already exists`);
        await tx.update(cannedResponses).set({ shortCode: code }).where(and(eq(cannedResponses.workspaceId, workspaceId), eq(cannedResponses.shortCode, original)));
      }
      for (const lang of VARIANTS) {
        const where = and(eq(cannedResponses.workspaceId, workspaceId), eq(cannedResponses.shortCode, code), eq(cannedResponses.lang, lang));
        const content = text[lang];
        if (!content) {
          await tx.delete(cannedResponses).where(where);
          continue;
        }
        const updated = await tx.update(cannedResponses).set({ title: input.title.trim(), content }).where(where).returning({ id: cannedResponses.id });
        if (updated.length === 0) await tx.insert(cannedResponses).values({ workspaceId, shortCode: code, title: input.title.trim(), content, lang });
      }
    });
    return { shortCode: code };
  }

  async deleteCanned(workspaceId: string, shortCode: string) {
    const gone = await this.db
      .delete(cannedResponses)
      .where(and(eq(cannedResponses.workspaceId, workspaceId), eq(cannedResponses.shortCode, shortCode.trim().toLowerCase())))
      .returning({ id: cannedResponses.id });
    if (gone.length === 0) throw new AppError('NOT_FOUND', 'Unknown canned response');
  }

  async listLabels(workspaceId: string) {
    return this.db
      .select({
        name: labels.name,
        color: labels.color,
        // Open and closed conversations carrying it, so an admin sees what a rename or delete touches.
        conversations: sql<number>`(select count(*)::int from conversations c where c.workspace_id = "labels"."workspace_id" and "labels"."name" = any(c.labels))`,
      })
      .from(labels)
      .where(eq(labels.workspaceId, workspaceId))
      .orderBy(asc(labels.name));
  }

  /** Creates or changes a label; a new name is carried to every conversation that has the old one. */
  async saveLabel(workspaceId: string, input: { originalName?: string | null; name: string; color: string }) {
    const name = input.name.trim();
    const original = input.originalName?.trim() || null;
    const vendorIds = await this.db.transaction(async (tx) => {
      const find = (n: string) => tx.select({ id: labels.id, name: labels.name }).from(labels).where(and(eq(labels.workspaceId, workspaceId), sql`lower(${labels.name}) = lower(${n})`)).limit(1);
      const [clash] = await find(name);
      if (original === null) {
        if (clash) throw new AppError('CONFLICT', `The label “${clash.name}” already exists`);
        await tx.insert(labels).values({ workspaceId, name, color: input.color });
        // On no conversation yet: the workspace's desks get it for their label pickers.
        return [];
      }
      const [row] = await tx.select({ id: labels.id }).from(labels).where(and(eq(labels.workspaceId, workspaceId), eq(labels.name, original))).limit(1);
      if (!row) throw new AppError('NOT_FOUND', 'Unknown label');
      if (clash && clash.id !== row.id) throw new AppError('CONFLICT', `The label “${clash.name}” already exists`);
      await tx.update(labels).set({ name, color: input.color }).where(eq(labels.id, row.id));
      if (name === original) {
        // A new colour: the chips of every desk showing a conversation that carries it.
        const carrying = await tx
          .selectDistinct({ vendorId: conversations.vendorId })
          .from(conversations)
          .where(and(eq(conversations.workspaceId, workspaceId), sql`${name} = any(${conversations.labels})`, isNotNull(conversations.vendorId)));
        return vendorsOf(carrying);
      }
      const moved = await tx
        .update(conversations)
        .set({ labels: sql`array_replace(${conversations.labels}, ${original}, ${name})` })
        .where(and(eq(conversations.workspaceId, workspaceId), sql`${original} = any(${conversations.labels})`))
        .returning({ vendorId: conversations.vendorId });
      await relabelAutomation(tx as unknown as Db, workspaceId, (l) => (same(l, original) ? name : l));
      return vendorsOf(moved);
    });
    // After the commit: open desks refetch their lists and the label catalogue (names and colours).
    this.bus.emit('labels.changed', { workspaceId, vendorIds });
  }

  /** Deletes a label and takes it off every conversation. */
  async deleteLabel(workspaceId: string, name: string) {
    const vendorIds = await this.db.transaction(async (tx) => {
      const gone = await tx.delete(labels).where(and(eq(labels.workspaceId, workspaceId), inArray(labels.name, [name]))).returning({ id: labels.id });
      if (gone.length === 0) throw new AppError('NOT_FOUND', 'Unknown label');
      const moved = await tx
        .update(conversations)
        .set({ labels: sql`array_remove(${conversations.labels}, ${name})` })
        .where(and(eq(conversations.workspaceId, workspaceId), sql`${name} = any(${conversations.labels})`))
        .returning({ vendorId: conversations.vendorId });
      // Rules and macros stop adding it; a rule's condition on it is left (it no longer matches anything).
      await relabelAutomation(tx as unknown as Db, workspaceId, (l) => (same(l, name) ? null : l), { conditions: false });
      return vendorsOf(moved);
    });
    this.bus.emit('labels.changed', { workspaceId, vendorIds });
  }
}
