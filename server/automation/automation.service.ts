import type { Db } from '@/db/client';
import type { MessageAnnotation } from '@/lib/contracts/ai';
import { type DryRunResult, dryRunInput, type MacroDto, type MacroInput, type RuleAction, type RuleCondition, type RuleDto, type RuleInput, needsReadingCondition, type RuleTrigger, ruleInput } from '@/lib/contracts/automation';
import type { ConversationSummary } from '@/lib/contracts/chat';
import type { StaffActor } from '@/server/auth/auth.service';
import type { ChatService } from '@/server/chat/chat.service';
import { AppError } from '@/server/core/app-error';
import type { EventBus } from '@/server/core/event-bus';
import { errorText, logger } from '@/server/core/logger';
import type { NotificationService } from '@/server/notifications/notification.service';
import type { SlaService } from '@/server/sla/sla.service';
import * as q from './automation.queries';
import { ruleMatches, type RuleFacts } from './rules';

type Cached = { at: number; rules: q.RuleRow[] };
type MessageFacts = { text: string; at: Date; reading: MessageAnnotation | null };
const NO_MESSAGE = (): MessageFacts => ({ text: '', at: new Date(), reading: null });
const needsReading = (r: { conditions: RuleCondition[] }) => r.conditions.some(needsReadingCondition);
export type AutomationOptions = { cacheTtlMs?: number; idleSweepMs?: number };

const DRY_RUN_SIZE = 100;
const seq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

function toDto(r: q.RuleRow): RuleDto {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    trigger: r.trigger as RuleTrigger,
    match: r.match as 'all' | 'any',
    conditions: r.conditions,
    actions: r.actions,
    idleMinutes: r.idleMinutes,
    position: r.position,
    runCount: r.runCount,
    lastRunAt: r.lastRunAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * Automation rules: when a customer message arrives, a conversation starts or is resolved, the workspace's
 * enabled rules for that trigger are checked in order and the matching ones run their actions (route to a team,
 * label, priority, auto-reply, private note, resolve). Every run is an automation_runs row; a team change is a
 * routing decision with the rule's name, so supervisors see why.
 *
 * Loops cannot happen: rule replies and notes are system messages, which never trigger message rules, and a
 * resolve rule runs once per resolution. Runs for one conversation are serialised. Rules are cached per
 * workspace (changes on this node apply at once, on other nodes within the cache TTL), so a message in a
 * workspace without rules costs no database work.
 *
 * Macros are named action lists an agent runs on one conversation; they run as that agent, with their rights.
 */
export class AutomationService {
  private cache = new Map<string, Cached>();
  private chains = new Map<string, Promise<unknown>>();
  // Customer messages waiting for the models' reading, for rules that need it (by message id).
  private awaitingReading = new Map<number, { workspaceId: string; conversationId: string; text: string; at: Date }>();
  private offs: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<number> | null = null;

  constructor(
    private db: Db,
    private bus: EventBus,
    private chat: ChatService,
    private sla: SlaService,
    private notifications: NotificationService,
    private opts: AutomationOptions = {},
  ) {}

  start() {
    if (this.offs.length) return;
    this.offs.push(
      this.bus.on('message.created', ({ workspaceId, conversation, message }) => {
        if (message.senderType !== 'contact' || message.kind !== 'text') return;
        const at = new Date(message.createdAt);
        this.trigger(workspaceId, 'message_created', conversation, { text: message.body, at, reading: null });
        // Rules on the models' reading run when the reading arrives: keep what they need until then.
        const hit = this.fresh(workspaceId);
        if (!hit || hit.rules.some((r) => r.enabled && r.trigger === 'message_created' && needsReading(r))) {
          if (this.awaitingReading.size > 10_000) this.awaitingReading.clear();
          this.awaitingReading.set(message.id, { workspaceId, conversationId: conversation.id, text: message.body, at });
        }
      }),
      this.bus.on('messages.annotated', ({ items }) => {
        for (const item of items) {
          const waiting = this.awaitingReading.get(item.messageId);
          if (!waiting) continue;
          this.awaitingReading.delete(item.messageId);
          this.triggerLater(waiting.workspaceId, 'message_created', waiting.conversationId, { text: waiting.text, at: waiting.at, reading: item.annotation });
        }
      }),
      this.bus.on('conversation.created', ({ workspaceId, conversation }) => {
        this.trigger(workspaceId, 'conversation_created', conversation, NO_MESSAGE());
        if (conversation.assigneeId) this.trigger(workspaceId, 'conversation_assigned', conversation, NO_MESSAGE());
      }),
      this.bus.on('conversation.updated', ({ workspaceId, conversation }) => {
        if (conversation.status === 'resolved') this.trigger(workspaceId, 'conversation_resolved', conversation, NO_MESSAGE());
      }),
      // A new assignee by routing or a person. Assignments made by rules do not trigger rules (no ping-pong).
      this.bus.on('routing.decided', ({ workspaceId, conversationId, decision }) => {
        if (!decision.assigneeId || decision.source === 'automation') return;
        if (!this.mayHave(workspaceId, 'conversation_assigned')) return;
        this.triggerLater(workspaceId, 'conversation_assigned', conversationId, NO_MESSAGE(), decision.id);
      }),
      this.bus.on('sla.warning', ({ workspaceId, conversation }) => this.trigger(workspaceId, 'sla_warning', conversation, NO_MESSAGE())),
    );
    if ((this.opts.idleSweepMs ?? 60_000) > 0) {
      this.timer = setInterval(() => void this.sweepIdle().catch((e) => logger.warn('automation.idle', { error: errorText(e) })), this.opts.idleSweepMs ?? 60_000);
      this.timer.unref();
    }
  }

  stop() {
    for (const off of this.offs.splice(0)) off();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Waits for the runs in flight (tests, shutdown). */
  async idle() {
    await this.sweeping?.catch(() => {});
    while (this.chains.size) await Promise.allSettled([...this.chains.values()]);
  }

  /**
   * conversation_idle rules: open or pending conversations without a message for the rule's minutes, each once
   * per quiet spell (a new message starts a new one). Checked every idleSweepMs (60 s) on every node; a run is
   * recorded before its actions, so two nodes rarely both act, and then only once more at most.
   */
  sweepIdle(now = new Date()): Promise<number> {
    this.sweeping ??= (async () => {
      try {
        let ran = 0;
        for (const rule of await q.enabledIdleRules(this.db)) {
          const since = new Date(now.getTime() - (rule.idleMinutes ?? 0) * 60_000);
          for (const row of await q.idleConversations(this.db, rule.workspaceId, rule.id, since, 100)) {
            const summary = await this.chat.toSummary(row);
            await new Promise<void>((resolve) => this.enqueue(row.id, 'conversation_idle', () => this.evaluateOne(rule, summary, now).then(resolve, resolve)));
            ran++;
          }
        }
        return ran;
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }

  private async evaluateOne(rule: q.RuleRow, c: ConversationSummary, at: Date) {
    const facts = await this.factsOf(c, { text: '', at, reading: null }, rule.conditions.some((x) => x.field === 'business_hours'));
    // Recorded whether or not it matched: the spell has been judged, and is not judged again every minute.
    if (!ruleMatches(rule, facts)) {
      await q.recordRun(this.db, rule.id, c.id, 'conversation_idle', []);
      return;
    }
    const { done } = await this.runAsSystem(rule, c);
    await q.recordRun(this.db, rule.id, c.id, 'conversation_idle', done);
    logger.info('automation.ran', { rule: rule.name, conversationId: c.id, trigger: 'conversation_idle', actions: done });
  }

  private fresh(workspaceId: string) {
    const hit = this.cache.get(workspaceId);
    return hit && Date.now() - hit.at < (this.opts.cacheTtlMs ?? 30_000) ? hit : null;
  }

  /** False only when the cached rules show none for this trigger (then nothing needs doing). */
  private mayHave(workspaceId: string, trigger: RuleTrigger) {
    const hit = this.fresh(workspaceId);
    return !hit || hit.rules.some((r) => r.enabled && r.trigger === trigger);
  }

  private async rulesOf(workspaceId: string) {
    const hit = this.fresh(workspaceId);
    if (hit) return hit.rules;
    const rules = await q.listRules(this.db, workspaceId);
    this.cache.set(workspaceId, { at: Date.now(), rules });
    return rules;
  }

  private enqueue(conversationId: string, trigger: RuleTrigger, work: () => Promise<void>) {
    const run = (this.chains.get(conversationId) ?? Promise.resolve()).then(work).catch((e) => logger.warn('automation.run', { error: errorText(e), conversationId, trigger }));
    this.chains.set(conversationId, run);
    void run.finally(() => {
      if (this.chains.get(conversationId) === run) this.chains.delete(conversationId);
    });
  }

  private trigger(workspaceId: string, trigger: RuleTrigger, conversation: ConversationSummary, m: MessageFacts) {
    // The common case on the message path: rules known, none for this trigger. Nothing is queued.
    if (!this.mayHave(workspaceId, trigger)) return;
    this.enqueue(conversation.id, trigger, () => this.evaluate(workspaceId, trigger, conversation, m));
  }

  /** Same, for events that carry no summary: the conversation is loaded when its turn comes. */
  private triggerLater(workspaceId: string, trigger: RuleTrigger, conversationId: string, m: MessageFacts, decisionId?: number) {
    if (!this.mayHave(workspaceId, trigger)) return;
    this.enqueue(conversationId, trigger, async () => {
      if (decisionId !== undefined) {
        const d = await q.decisionPair(this.db, conversationId, decisionId);
        if (!d || d.assigneeId === d.previousAssigneeId) return;
      }
      const row = await this.chat.getConversationForFanout(conversationId);
      if (!row) return;
      await this.evaluate(workspaceId, trigger, await this.chat.toSummary(row), m);
    });
  }

  private async factsOf(c: ConversationSummary, m: MessageFacts, needsHours: boolean): Promise<RuleFacts> {
    return {
      text: m.text,
      channel: c.channel,
      status: c.status,
      priority: c.priority,
      labels: c.labels,
      teamId: c.teamId,
      businessHours: needsHours ? await this.sla.isBusinessHours(c.workspaceId, c.teamId, m.at) : true,
      intent: m.reading?.intent ?? null,
      sentiment: m.reading?.sentiment ?? null,
      lang: m.reading?.lang ?? null,
    };
  }

  private async evaluate(workspaceId: string, trigger: RuleTrigger, conversation: ConversationSummary, m: MessageFacts) {
    // A message's rules run twice over: those without reading conditions at once, the others with the reading.
    const rules = (await this.rulesOf(workspaceId)).filter((r) => r.enabled && r.trigger === trigger && (trigger !== 'message_created' || needsReading(r) === (m.reading !== null)));
    if (!rules.length) return;
    let current = conversation;
    let resolvedAt: Date | null = null;
    if (trigger === 'conversation_resolved') {
      const row = await this.chat.getConversationForFanout(conversation.id);
      if (!row || row.status !== 'resolved' || !row.resolvedAt) return;
      resolvedAt = row.resolvedAt;
    }
    for (const rule of rules) {
      if (resolvedAt && (await q.ranSince(this.db, rule.id, current.id, resolvedAt))) continue;
      const facts = await this.factsOf(current, m, rule.conditions.some((c) => c.field === 'business_hours'));
      if (!ruleMatches(rule, facts)) continue;
      const { done, summary } = await this.runAsSystem(rule, current);
      if (summary) current = summary;
      await q.recordRun(this.db, rule.id, current.id, trigger, done);
      logger.info('automation.ran', { rule: rule.name, conversationId: current.id, trigger, actions: done });
      // A rule that resolved the conversation ends the run: later message rules would act on a closed chat.
      if (current.status === 'resolved' && trigger !== 'conversation_resolved') break;
    }
  }

  private async runAsSystem(rule: q.RuleRow, c: ConversationSummary) {
    const done: string[] = [];
    let summary: ConversationSummary | null = c;
    for (const [i, a] of rule.actions.entries()) {
      const cur: ConversationSummary = summary ?? c;
      const clientId = `auto-${rule.id.slice(0, 8)}-${seq()}-${i}`;
      switch (a.type) {
        case 'assign_team':
          summary = (await this.chat.systemRoute(cur.id, { teamId: a.teamId }, rule.name)) ?? summary;
          break;
        case 'assign_agent':
          summary = (await this.chat.systemRoute(cur.id, { assigneeId: a.userId }, rule.name)) ?? summary;
          break;
        case 'add_labels':
          summary = (await this.chat.systemUpdate(cur.id, { labels: [...new Set([...cur.labels, ...a.labels])].slice(0, 20) })) ?? summary;
          break;
        case 'set_priority':
          summary = (await this.chat.systemUpdate(cur.id, { priority: a.priority })) ?? summary;
          break;
        case 'send_reply':
          await this.chat.systemMessage(cur.id, a.body, 'text', clientId);
          break;
        case 'add_note':
          await this.chat.systemMessage(cur.id, a.body, 'note', clientId);
          break;
        case 'notify':
          await this.notifications.notifyRule(cur, a.to, rule.name, a.body);
          break;
        case 'resolve':
          if (cur.status !== 'resolved') summary = (await this.chat.systemUpdate(cur.id, { status: 'resolved', resolvedAt: new Date(), snoozedUntil: null })) ?? summary;
          break;
      }
      done.push(a.type);
    }
    return { done, summary };
  }

  // ---------- rules (admins and supervisors) ----------

  private forget(workspaceId: string) {
    this.cache.delete(workspaceId);
  }

  /** Teams named by actions and conditions must be this workspace's (ids of other tenants are refused). */
  private async checkTeams(workspaceId: string, actions: RuleAction[], conditionTeams: string[] = []) {
    const teams = new Set((await this.chat.listTeams(workspaceId)).map((t) => t.id));
    const named = [...actions.flatMap((a) => (a.type === 'assign_team' ? [a.teamId] : [])), ...conditionTeams];
    if (named.some((id) => !teams.has(id))) throw new AppError('BAD_REQUEST', 'Unknown team');
    const people = actions.flatMap((a) => (a.type === 'assign_agent' ? [a.userId] : []));
    const staff = await q.deskStaffIn(this.db, workspaceId, people);
    if (people.some((id) => !staff.has(id))) throw new AppError('BAD_REQUEST', 'That person cannot take conversations');
  }

  async listRules(workspaceId: string) {
    return (await q.listRules(this.db, workspaceId)).map(toDto);
  }

  async saveRule(actor: StaffActor, id: string | null, input: RuleInput) {
    const rule = ruleInput.parse(input);
    await this.checkTeams(actor.workspaceId, rule.actions, rule.conditions.flatMap((c) => (c.field === 'team' ? [c.value] : [])));
    const row = id ? await q.updateRule(this.db, actor.workspaceId, id, rule) : await q.insertRule(this.db, { ...rule, workspaceId: actor.workspaceId, createdBy: actor.userId });
    if (!row) throw new AppError('NOT_FOUND', 'Rule not found');
    this.forget(actor.workspaceId);
    return toDto(row);
  }

  async setEnabled(actor: StaffActor, id: string, enabled: boolean) {
    const row = await q.updateRule(this.db, actor.workspaceId, id, { enabled });
    if (!row) throw new AppError('NOT_FOUND', 'Rule not found');
    this.forget(actor.workspaceId);
    return toDto(row);
  }

  async deleteRule(actor: StaffActor, id: string) {
    if (!(await q.deleteRule(this.db, actor.workspaceId, id))) throw new AppError('NOT_FOUND', 'Rule not found');
    this.forget(actor.workspaceId);
    return { deleted: true as const };
  }

  /** What the draft rule would have done to the workspace's latest conversations. Changes nothing. */
  async dryRun(workspaceId: string, input: Omit<RuleInput, 'name'> & { name?: string }): Promise<DryRunResult> {
    const rule = dryRunInput.parse(input);
    const rows = await q.recentForDryRun(this.db, workspaceId, DRY_RUN_SIZE);
    const needsHours = rule.conditions.some((c) => c.field === 'business_hours');
    const readings = needsReading(rule) ? await q.readingsOf(this.db, rows.flatMap((r) => (r.messageId ? [Number(r.messageId)] : []))) : new Map();
    const matched: DryRunResult['matched'] = [];
    let checked = 0;
    for (const r of rows) {
      if (rule.trigger === 'conversation_resolved' && r.c.status !== 'resolved') continue;
      if (rule.trigger === 'conversation_idle') {
        const quiet = Date.now() - r.c.lastMessageAt.getTime() >= (rule.idleMinutes ?? 0) * 60_000;
        if (!['open', 'pending'].includes(r.c.status) || !quiet) continue;
      }
      checked++;
      const text = rule.trigger === 'conversation_created' ? '' : (r.text ?? '');
      const at = r.textAt ? new Date(r.textAt) : r.c.createdAt;
      const facts: RuleFacts = {
        text,
        channel: r.c.channel,
        status: r.c.status,
        priority: r.c.priority,
        labels: r.c.labels,
        teamId: r.c.teamId,
        businessHours: needsHours ? await this.sla.isBusinessHours(workspaceId, r.c.teamId, at) : true,
        intent: r.messageId ? (readings.get(Number(r.messageId))?.intent ?? null) : null,
        sentiment: r.messageId ? (readings.get(Number(r.messageId))?.sentiment ?? null) : null,
        lang: r.messageId ? (readings.get(Number(r.messageId))?.lang ?? null) : null,
      };
      if (ruleMatches(rule, facts)) matched.push({ conversationId: r.c.id, contactName: r.contactName, preview: r.text ?? r.c.lastMessagePreview, at: at.toISOString() });
    }
    return { checked, matched };
  }

  async listRuns(actor: StaffActor, conversationId: string) {
    await this.chat.getAccessibleConversation(actor, conversationId);
    const rows = await q.listRunsOfConversation(this.db, conversationId);
    return rows.map((r) => ({ id: r.id, ruleName: r.ruleName, trigger: r.trigger, actions: r.actions, createdAt: r.createdAt.toISOString() }));
  }

  // ---------- macros ----------

  async listMacros(workspaceId: string): Promise<MacroDto[]> {
    return (await q.listMacros(this.db, workspaceId)).map((m) => ({ id: m.id, name: m.name, actions: m.actions }));
  }

  async saveMacro(actor: StaffActor, id: string | null, input: MacroInput): Promise<MacroDto> {
    await this.checkTeams(actor.workspaceId, input.actions);
    const row = await q.saveMacro(this.db, { id: id ?? undefined, workspaceId: actor.workspaceId, name: input.name, actions: input.actions, createdBy: actor.userId });
    if (!row) throw new AppError('NOT_FOUND', 'Macro not found');
    return { id: row.id, name: row.name, actions: row.actions };
  }

  async deleteMacro(actor: StaffActor, id: string) {
    if (!(await q.deleteMacro(this.db, actor.workspaceId, id))) throw new AppError('NOT_FOUND', 'Macro not found');
    return { deleted: true as const };
  }

  /** Runs a macro on one conversation as the agent: each step goes through the same checks as by hand. */
  async runMacro(actor: StaffActor, macroId: string, conversationId: string) {
    if (!['admin', 'supervisor', 'agent'].includes(actor.role)) throw new AppError('FORBIDDEN', 'Only agents, supervisors and admins can run macros');
    const macro = await q.findMacro(this.db, actor.workspaceId, macroId);
    if (!macro) throw new AppError('NOT_FOUND', 'Macro not found');
    let summary = (await this.chat.getConversationDetail(actor, conversationId)).conversation;
    for (const [i, a] of macro.actions.entries()) {
      const clientId = `macro-${macro.id.slice(0, 8)}-${seq()}-${i}`;
      switch (a.type) {
        case 'assign_team':
          summary = await this.chat.transferToTeam(actor, conversationId, a.teamId);
          break;
        case 'assign_agent':
          summary = await this.chat.assign(actor, conversationId, a.userId);
          break;
        case 'notify':
          await this.notifications.notifyRule(summary, a.to, macro.name, a.body);
          break;
        case 'add_labels':
          summary = await this.chat.setLabels(actor, conversationId, [...summary.labels, ...a.labels]);
          break;
        case 'set_priority':
          summary = await this.chat.setPriority(actor, conversationId, a.priority);
          break;
        case 'send_reply':
          await this.chat.sendMessage(actor, { conversationId, clientId, body: a.body });
          break;
        case 'add_note':
          await this.chat.sendMessage(actor, { conversationId, clientId, body: a.body, isNote: true });
          break;
        case 'resolve':
          summary = await this.chat.setStatus(actor, conversationId, 'resolved');
          break;
      }
    }
    return summary;
  }
}
