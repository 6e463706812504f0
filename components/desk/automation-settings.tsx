'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  actionTypes,
  conditionFields,
  type DryRunResult,
  fieldOperators,
  type RuleAction,
  type RuleCondition,
  type RuleDto,
  type RuleInput,
  ruleLanguages,
  ruleTriggers,
  needsReadingCondition,
} from '@/lib/contracts/automation';
import { INTENTS, SENTIMENTS } from '@/lib/contracts/ai';
import { conversationStatuses, priorities } from '@/lib/contracts/chat';
import type { DeskDict, DeskLocale } from '@/lib/desk-i18n';
import { formatAge, formatNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { fill } from '@/lib/widget-i18n';
import styles from './desk.module.css';

type Team = { id: string; name: string };
type Person = { id: string; name: string; role: string };
type Dict = Record<string, string>;

const blankRule = (): RuleInput => ({ name: '', enabled: true, trigger: 'message_created', match: 'all', conditions: [], actions: [{ type: 'add_labels', labels: [] }] });

function defaultAction(type: RuleAction['type'], teams: Team[], people: Person[]): RuleAction {
  switch (type) {
    case 'assign_agent':
      return { type, userId: people[0]?.id ?? '' };
    case 'notify':
      return { type, to: 'assignee', body: '' };
    case 'assign_team':
      return { type, teamId: teams[0]?.id ?? '' };
    case 'add_labels':
      return { type, labels: [] };
    case 'set_priority':
      return { type, priority: 'high' };
    case 'send_reply':
    case 'add_note':
      return { type, body: '' };
    case 'resolve':
      return { type };
  }
}

/** Supervisors and admins: automation rules (with a dry run) and macros. */
export function AutomationSettings({ t, locale, teams, people }: { t: DeskDict; locale: DeskLocale; teams: Team[]; people: Person[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const rules = useQuery(trpc.automation.rules.queryOptions());
  const [editing, setEditing] = useState<{ id: string | null; rule: RuleInput } | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.automation.rules.queryKey() });
  const toggle = useMutation(trpc.automation.setEnabled.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.automation.deleteRule.mutationOptions({ onSuccess: refresh }));
  const d = t as unknown as Dict;
  return (
    <section aria-labelledby="automation-settings" data-testid="automation-settings">
      <h2 id="automation-settings">{t.automation}</h2>
      <p className={styles.muted}>{t.automationHint}</p>
      {rules.isPending && <p className={styles.muted}>{t.loading}</p>}
      {rules.error && <p role="alert" className={styles.error}>{rules.error.message}</p>}
      {rules.data && rules.data.length > 0 && (
        <div className={styles.tableScroll}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th>{t.ruleName}</th>
                <th>{t.trigger}</th>
                <th>{t.enabled}</th>
                <th>{t.runs}</th>
                <th>{t.lastRun}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rules.data.map((r: RuleDto) => (
                <tr key={r.id} data-testid="automation-rule">
                  <td dir="auto">{r.name}</td>
                  <td>{d[`trigger_${r.trigger}`]}</td>
                  <td>
                    <input type="checkbox" aria-label={`${r.name}: ${t.enabled}`} checked={r.enabled} onChange={(e) => toggle.mutate({ id: r.id, enabled: e.target.checked })} />
                  </td>
                  <td data-testid="automation-rule-runs">{formatNumber(r.runCount, locale)}</td>
                  <td>{r.lastRunAt ? formatAge(r.lastRunAt, locale) : '—'}</td>
                  <td>
                    <button type="button" className={styles.linkButton} onClick={() => setEditing({ id: r.id, rule: { name: r.name, enabled: r.enabled, trigger: r.trigger, match: r.match, conditions: r.conditions, actions: r.actions } })}>
                      {t.edit}
                    </button>{' '}
                    <button type="button" className={styles.linkButton} onClick={() => window.confirm(`${t.delete}: ${r.name}?`) && remove.mutate({ id: r.id })}>
                      {t.delete}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing ? (
        <RuleEditor
          key={editing.id ?? 'new'}
          t={t}
          locale={locale}
          teams={teams}
          people={people}
          id={editing.id}
          initial={editing.rule}
          onDone={() => {
            setEditing(null);
            refresh();
          }}
        />
      ) : (
        <button type="button" className={styles.secondary} data-testid="automation-new-rule" onClick={() => setEditing({ id: null, rule: blankRule() })}>
          + {t.newRule}
        </button>
      )}
      <MacroSettings t={t} teams={teams} people={people} />
    </section>
  );
}

function RuleEditor({ t, locale, teams, people, id, initial, onDone }: { t: DeskDict; locale: DeskLocale; teams: Team[]; people: Person[]; id: string | null; initial: RuleInput; onDone: () => void }) {
  const trpc = useTRPC();
  const d = t as unknown as Dict;
  const [rule, setRule] = useState<RuleInput>(initial);
  const [dry, setDry] = useState<DryRunResult | null>(null);
  const save = useMutation(trpc.automation.saveRule.mutationOptions({ onSuccess: onDone }));
  const dryRun = useMutation(trpc.automation.dryRun.mutationOptions({ onSuccess: setDry }));
  const set = (patch: Partial<RuleInput>) => {
    setRule((r) => ({ ...r, ...patch }));
    setDry(null);
  };
  const error = save.error?.message ?? dryRun.error?.message;
  return (
    <form
      className={styles.ruleEditor}
      data-testid="rule-editor"
      aria-label={id ? t.editRule : t.newRule}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ id: id ?? undefined, rule });
      }}
    >
      <h3>{id ? t.editRule : t.newRule}</h3>
      <label className={styles.field}>
        {t.ruleName}
        <input value={rule.name} onChange={(e) => set({ name: e.target.value })} required maxLength={120} dir="auto" data-testid="rule-name" />
      </label>
      <div className={styles.row}>
        {rule.trigger === 'conversation_idle' && (
          <label className={styles.field}>
            {t.idleMinutes}
            <input
              type="number"
              min={1}
              max={43200}
              value={rule.idleMinutes ?? ''}
              onChange={(e) => set({ idleMinutes: e.target.value ? Number(e.target.value) : null })}
              data-testid="rule-idle-minutes"
            />
          </label>
        )}
        <label className={styles.field}>
          {t.trigger}
          <select value={rule.trigger} onChange={(e) => set({ trigger: e.target.value as RuleInput['trigger'] })} data-testid="rule-trigger">
            {ruleTriggers.map((tr) => (
              <option key={tr} value={tr}>
                {d[`trigger_${tr}`]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {t.conditions}
          <select value={rule.match} onChange={(e) => set({ match: e.target.value as 'all' | 'any' })}>
            <option value="all">{t.matchAll}</option>
            <option value="any">{t.matchAny}</option>
          </select>
        </label>
      </div>
      <fieldset className={styles.fieldset}>
        <legend>{t.conditions}</legend>
        {rule.conditions.length === 0 && <p className={styles.muted}>{t.noConditions}</p>}
        {rule.conditions.some(needsReadingCondition) && <p className={styles.muted}>{t.readingHint}</p>}
        {rule.conditions.map((c, i) => (
          <ConditionRow
            key={i}
            t={t}
            teams={teams}
            condition={c}
            onChange={(next) => set({ conditions: rule.conditions.map((x, j) => (j === i ? next : x)) })}
            onRemove={() => set({ conditions: rule.conditions.filter((_, j) => j !== i) })}
          />
        ))}
        <button type="button" className={styles.linkButton} data-testid="rule-add-condition" onClick={() => set({ conditions: [...rule.conditions, { field: 'text', op: 'contains', value: '' }] })}>
          + {t.addCondition}
        </button>
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend>{t.actions}</legend>
        <ActionList t={t} teams={teams} people={people} actions={rule.actions} onChange={(actions) => set({ actions })} />
      </fieldset>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      {dry && (
        <div role="status" data-testid="dry-run-result" className={styles.dryRun}>
          <p>
            <strong>{fill(t.dryRunResult, { n: formatNumber(dry.matched.length, locale), m: formatNumber(dry.checked, locale) })}</strong>
          </p>
          <ul className={styles.plainList}>
            {dry.matched.slice(0, 10).map((m) => (
              <li key={m.conversationId}>
                <a href={`/desk?c=${m.conversationId}`}>{m.contactName ?? 'Visitor'}</a>{' '}
                <span className={styles.muted} dir="auto">
                  {m.preview?.slice(0, 80)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className={styles.row}>
        <button type="button" className={styles.secondary} data-testid="rule-dry-run" disabled={dryRun.isPending} aria-busy={dryRun.isPending} onClick={() => dryRun.mutate(rule)}>
          {t.dryRun}
        </button>
        <button type="submit" className={styles.primary} data-testid="rule-save" disabled={save.isPending} aria-busy={save.isPending}>
          {t.save}
        </button>
        <button type="button" className={styles.linkButton} onClick={onDone}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

function ConditionRow({ t, teams, condition: c, onChange, onRemove }: { t: DeskDict; teams: Team[]; condition: RuleCondition; onChange: (c: RuleCondition) => void; onRemove: () => void }) {
  const d = t as unknown as Dict;
  const label = d[`field_${c.field}`];
  const choices: [string, string][] | null =
    c.field === 'status'
      ? conversationStatuses.map((s) => [s, d[s] ?? s])
      : c.field === 'priority'
        ? priorities.map((p) => [p, d[p] ?? p])
        : c.field === 'team'
          ? teams.map((x) => [x.id, x.name])
          : c.field === 'intent'
            ? INTENTS.map((x) => [x, d[`intent_${x}`] ?? x])
            : c.field === 'sentiment'
              ? SENTIMENTS.map((x) => [x, d[`sentiment_${x}`] ?? x])
          : c.field === 'language'
            ? ruleLanguages.map((l) => [l, d[`lang_${l}`] ?? l])
            : c.field === 'channel'
              ? [['widget', t.channelWeb]]
              : null;
  const valueOk = (field: RuleCondition['field'], v: string) => {
    if (field === 'status') return (conversationStatuses as readonly string[]).includes(v) ? v : 'open';
    if (field === 'priority') return (priorities as readonly string[]).includes(v) ? v : 'high';
    if (field === 'team') return teams.some((x) => x.id === v) ? v : (teams[0]?.id ?? '');
    if (field === 'language') return (ruleLanguages as readonly string[]).includes(v) ? v : 'bn';
    if (field === 'intent') return (INTENTS as readonly string[]).includes(v) ? v : 'return_refund';
    if (field === 'sentiment') return (SENTIMENTS as readonly string[]).includes(v) ? v : 'negative';
    if (field === 'channel') return 'widget';
    if (field === 'business_hours') return '';
    return v;
  };
  return (
    <div className={styles.row} data-testid="rule-condition">
      <select
        aria-label={t.conditions}
        value={c.field}
        onChange={(e) => {
          const field = e.target.value as RuleCondition['field'];
          onChange({ field, op: fieldOperators[field][0]!, value: valueOk(field, '') });
        }}
      >
        {conditionFields.map((f) => (
          <option key={f} value={f}>
            {d[`field_${f}`]}
          </option>
        ))}
      </select>
      <select aria-label={`${label}: operator`} value={c.op} onChange={(e) => onChange({ ...c, op: e.target.value as RuleCondition['op'] })}>
        {fieldOperators[c.field].map((op) => (
          <option key={op} value={op}>
            {d[`op_${op}`]}
          </option>
        ))}
      </select>
      {c.field === 'business_hours' ? null : choices ? (
        <select aria-label={`${label}: value`} value={c.value} onChange={(e) => onChange({ ...c, value: e.target.value })}>
          {choices.map(([v, name]) => (
            <option key={v} value={v}>
              {name}
            </option>
          ))}
        </select>
      ) : (
        <input aria-label={`${label}: value`} value={c.value} placeholder={t.valueHint} onChange={(e) => onChange({ ...c, value: e.target.value })} dir="auto" data-testid="rule-condition-value" />
      )}
      <button type="button" className={styles.linkButton} onClick={onRemove} aria-label={`${t.remove}: ${label}`}>
        {t.remove}
      </button>
    </div>
  );
}

function ActionList({ t, teams, people, actions, onChange }: { t: DeskDict; teams: Team[]; people: Person[]; actions: RuleAction[]; onChange: (a: RuleAction[]) => void }) {
  const d = t as unknown as Dict;
  const put = (i: number, a: RuleAction) => onChange(actions.map((x, j) => (j === i ? a : x)));
  return (
    <>
      {actions.map((a, i) => (
        <div key={i} className={styles.row} data-testid="rule-action">
          <select aria-label={`${t.actions} ${i + 1}`} value={a.type} onChange={(e) => put(i, defaultAction(e.target.value as RuleAction['type'], teams, people))} data-testid="rule-action-type">
            {actionTypes.map((type) => (
              <option key={type} value={type}>
                {d[`action_${type}`]}
              </option>
            ))}
          </select>
          {a.type === 'assign_team' && (
            <select aria-label={t.team} value={a.teamId} onChange={(e) => put(i, { ...a, teamId: e.target.value })} data-testid="rule-action-team">
              {teams.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
          {a.type === 'assign_agent' && (
            <select aria-label={d.action_assign_agent} value={a.userId} onChange={(e) => put(i, { ...a, userId: e.target.value })} data-testid="rule-action-agent">
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
          {a.type === 'notify' && (
            <>
              <select aria-label={d.action_notify} value={a.to} onChange={(e) => put(i, { ...a, to: e.target.value as 'assignee' | 'supervisors' })}>
                <option value="assignee">{t.notify_assignee}</option>
                <option value="supervisors">{t.notify_supervisors}</option>
              </select>
              <textarea aria-label={`${d.action_notify}: ${t.note}`} rows={2} value={a.body} onChange={(e) => put(i, { ...a, body: e.target.value })} dir="auto" />
            </>
          )}
          {a.type === 'add_labels' && (
            <input
              aria-label={t.labels}
              placeholder="refund, vip"
              defaultValue={a.labels.join(', ')}
              onChange={(e) =>
                put(i, {
                  ...a,
                  labels: e.target.value
                    .split(',')
                    .map((l) => l.trim())
                    .filter(Boolean),
                })
              }
              data-testid="rule-action-labels"
            />
          )}
          {a.type === 'set_priority' && (
            <select aria-label={t.priority} value={a.priority} onChange={(e) => put(i, { ...a, priority: e.target.value as typeof a.priority })} data-testid="rule-action-priority">
              {priorities.map((p) => (
                <option key={p} value={p}>
                  {d[p] ?? p}
                </option>
              ))}
            </select>
          )}
          {a.type === 'send_reply' && <CannedPick t={t} onPick={(body) => put(i, { ...a, body })} />}
          {(a.type === 'send_reply' || a.type === 'add_note') && (
            <textarea aria-label={d[`action_${a.type}`]} rows={2} value={a.body} onChange={(e) => put(i, { ...a, body: e.target.value })} dir="auto" />
          )}
          <button type="button" className={styles.linkButton} onClick={() => onChange(actions.filter((_, j) => j !== i))} aria-label={`${t.remove}: ${d[`action_${a.type}`]}`}>
            {t.remove}
          </button>
        </div>
      ))}
      <button type="button" className={styles.linkButton} data-testid="rule-add-action" onClick={() => onChange([...actions, defaultAction('add_labels', teams, people)])}>
        + {t.addAction}
      </button>
    </>
  );
}

/** Fills an auto-reply from one of the workspace's canned responses (then editable). */
function CannedPick({ t, onPick }: { t: DeskDict; onPick: (body: string) => void }) {
  const trpc = useTRPC();
  const canned = useQuery({ ...trpc.desk.cannedResponses.queryOptions({ search: '' }), staleTime: 60_000 });
  if (!canned.data?.length) return null;
  return (
    <select aria-label={t.fromCanned} value="" onChange={(e) => e.target.value && onPick(canned.data!.find((c) => c.id === e.target.value)?.content ?? '')}>
      <option value="">{t.fromCanned}</option>
      {canned.data.map((c) => (
        <option key={c.id} value={c.id}>
          /{c.shortCode} — {c.title}
        </option>
      ))}
    </select>
  );
}

function MacroSettings({ t, teams, people }: { t: DeskDict; teams: Team[]; people: Person[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const macros = useQuery(trpc.automation.macros.queryOptions());
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.automation.macros.queryKey() });
  const [draft, setDraft] = useState<{ name: string; actions: RuleAction[] }>({ name: '', actions: [{ type: 'add_labels', labels: [] }] });
  const [round, setRound] = useState(0);
  const save = useMutation(
    trpc.automation.saveMacro.mutationOptions({
      onSuccess: () => {
        refresh();
        setDraft({ name: '', actions: [{ type: 'add_labels', labels: [] }] });
        setRound((n) => n + 1);
      },
    }),
  );
  const remove = useMutation(trpc.automation.deleteMacro.mutationOptions({ onSuccess: refresh }));
  const d = t as unknown as Dict;
  return (
    <>
      <h3>{t.macros}</h3>
      <p className={styles.muted}>{t.macrosHint}</p>
      <ul className={styles.plainList}>
        {macros.data?.map((m) => (
          <li key={m.id} data-testid="macro">
            <strong dir="auto">{m.name}</strong> <span className={styles.muted}>{m.actions.map((a) => d[`action_${a.type}`]).join(' → ')}</span>{' '}
            <button type="button" className={styles.linkButton} onClick={() => window.confirm(`${t.delete}: ${m.name}?`) && remove.mutate({ id: m.id })}>
              {t.delete}
            </button>
          </li>
        ))}
      </ul>
      <form
        key={round}
        className={styles.ruleEditor}
        aria-label={t.newMacro}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ macro: draft });
        }}
      >
        <label className={styles.field}>
          {t.macroName}
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required maxLength={120} dir="auto" />
        </label>
        <ActionList t={t} teams={teams} people={people} actions={draft.actions} onChange={(actions) => setDraft({ ...draft, actions })} />
        {save.error && (
          <p role="alert" className={styles.error}>
            {save.error.message}
          </p>
        )}
        <div>
          <button type="submit" className={styles.primary} disabled={save.isPending}>
            + {t.newMacro}
          </button>
        </div>
      </form>
    </>
  );
}
