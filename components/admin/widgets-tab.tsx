'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import styles from '@/components/account/account.module.css';
import { type AdminDict, fillText } from '@/lib/admin-i18n';
import type { DeskLocale } from '@/lib/desk-i18n';
import type { RouterOutputs } from '@/components/desk/types';
import { adminErrorText } from '@/lib/admin-errors';
import { useTRPC } from '@/lib/trpc';
import a from './admin.module.css';
import { CopyBox } from './copy-box';

type WidgetRow = RouterOutputs['admin']['widgets']['widgets'][number];
type Field = 'name' | 'phone' | 'email';
type Draft = {
  name: string;
  color: string;
  greetingEn: string;
  greetingBn: string;
  offlineTextEn: string;
  offlineTextBn: string;
  prechatEnabled: boolean;
  prechatFields: Field[];
  origins: string;
  verifiedOnly: boolean;
  defaultTeamId: string;
  intentRouting: boolean;
  calendarId: string;
};
type PreviewMode = 'chat' | 'prechat' | 'offline';

const FIELDS: Field[] = ['name', 'phone', 'email'];
const blankDraft: Draft = {
  name: '',
  color: '#0f766e',
  greetingEn: 'Hi! How can we help?',
  greetingBn: 'আসসালামু আলাইকুম! কীভাবে সাহায্য করতে পারি?',
  offlineTextEn: '',
  offlineTextBn: '',
  prechatEnabled: true,
  prechatFields: ['name', 'phone', 'email'],
  origins: '',
  verifiedOnly: false,
  defaultTeamId: '',
  intentRouting: false,
  calendarId: '',
};

const draftOf = (w: WidgetRow): Draft => ({
  name: w.name,
  color: w.color,
  greetingEn: w.greetingEn,
  greetingBn: w.greetingBn,
  offlineTextEn: w.offlineTextEn ?? '',
  offlineTextBn: w.offlineTextBn ?? '',
  prechatEnabled: w.prechatEnabled,
  prechatFields: w.prechatFields,
  origins: w.allowedOrigins.join('\n'),
  verifiedOnly: w.verifiedOnly,
  defaultTeamId: w.defaultTeamId ?? '',
  intentRouting: w.intentRouting,
  calendarId: w.calendarId ?? '',
});

/** The first thing wrong with the draft, in the admin's language; null when it may be sent. */
function problemOf(t: AdminDict, d: Draft): string | null {
  if (d.name.trim().length < 2) return t.errWidgetName;
  if (!d.greetingEn.trim() || !d.greetingBn.trim()) return t.errGreeting;
  if (d.prechatEnabled && d.prechatFields.length === 0) return t.errFields;
  for (const o of d.origins.split('\n').map((x) => x.trim()).filter(Boolean)) {
    try {
      const u = new URL(o);
      if (!/^https?:$/.test(u.protocol) || (u.pathname !== '/' && u.pathname !== '')) throw new Error();
    } catch {
      return fillText(t.errOrigin, { origin: o });
    }
  }
  return null;
}

const settingsOf = (d: Draft) => ({
  name: d.name,
  color: d.color,
  greetingEn: d.greetingEn,
  greetingBn: d.greetingBn,
  offlineTextEn: d.offlineTextEn.trim() || null,
  offlineTextBn: d.offlineTextBn.trim() || null,
  prechatEnabled: d.prechatEnabled,
  prechatFields: d.prechatFields,
  allowedOrigins: d.origins.split('\n').map((x) => x.trim()).filter(Boolean),
  verifiedOnly: d.verifiedOnly,
  defaultTeamId: d.defaultTeamId || null,
  intentRouting: d.intentRouting,
  calendarId: d.calendarId || null,
});

/** /admin#widgets: the workspace's chat widgets, each edited beside a live preview, with its snippet and guide. */
export function WidgetsTab({ t, locale, onEditHours }: { t: AdminDict; locale: DeskLocale; onEditHours: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.admin.widgets.queryOptions());
  const [selected, setSelected] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.admin.widgets.queryKey() });
  const widgets = list.data?.widgets ?? [];
  const current = selected === 'new' ? null : (widgets.find((w) => w.id === selected) ?? widgets[0] ?? null);
  const editing = selected === 'new' ? 'new' : (current?.id ?? 'new');

  if (!list.data) return <p className={styles.small}>{t.loading}</p>;
  return (
    <>
      <section className={styles.card} aria-labelledby="widgets-title">
        <h2 id="widgets-title">{t.widgetsTab}</h2>
        <ul className={a.list} data-testid="widgets">
          {widgets.map((w) => (
            <li key={w.id} className={a.item} aria-current={editing === w.id} data-testid="widget-item" data-name={w.name}>
              <span className={styles.row}>
                <span className={a.dot} style={{ background: w.color }} aria-hidden />
                <strong dir="auto">{w.name}</strong>
                <code className={styles.small}>{w.key}</code>
                <span className={styles.small}>{fillText(t.conversationsN, { n: w.conversations })}</span>
              </span>
              <button type="button" className={styles.secondary} onClick={() => (setSelected(w.id), setSecret(null))} aria-label={`${t.edit}: ${w.name}`}>
                {t.edit}
              </button>
            </li>
          ))}
        </ul>
        <div>
          <button type="button" className={styles.secondary} onClick={() => (setSelected('new'), setSecret(null))} data-testid="new-widget">
            + {t.newWidget}
          </button>
        </div>
      </section>
      {secret && <CopyBox label={fillText(t.secretOnce, { name: secret.name })} text={secret.secret} copy={t.copySecret} copied={t.copied} testId="widget-secret" />}
      <WidgetEditor
        key={editing}
        t={t}
        locale={locale}
        widget={editing === 'new' ? null : current}
        teams={list.data.teams}
        calendars={list.data.calendars}
        onEditHours={onEditHours}
        onSaved={(id, name, identitySecret) =>
          // The list first: a new widget is not in it yet, and the editor would fall back to another widget
          // (its snippet beside the new one's secret) until the refetch came in.
          void refresh().then(() => {
            if (identitySecret) setSecret({ name, secret: identitySecret });
            setSelected(id);
          })
        }
      />
    </>
  );
}

type Named = { id: string; name: string };

function WidgetEditor(props: {
  t: AdminDict;
  locale: DeskLocale;
  widget: WidgetRow | null;
  teams: Named[];
  calendars: Named[];
  onEditHours: () => void;
  onSaved: (id: string, name: string, identitySecret?: string) => void;
}) {
  const { t, widget } = props;
  const trpc = useTRPC();
  const initial = useMemo(() => (widget ? draftOf(widget) : blankDraft), [widget]);
  const [d, setD] = useState<Draft>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => (setD((x) => ({ ...x, [k]: v })), setSaved(false));
  const create = useMutation(trpc.admin.createWidget.mutationOptions({ onSuccess: (r) => (setSaved(true), props.onSaved(r.id, d.name, r.identitySecret)) }));
  const update = useMutation(trpc.admin.updateWidget.mutationOptions({ onSuccess: () => (setSaved(true), widget && props.onSaved(widget.id, d.name)) }));
  const rotate = useMutation(trpc.admin.rotateWidgetSecret.mutationOptions({ onSuccess: (r) => widget && props.onSaved(widget.id, widget.name, r.identitySecret) }));
  const dirty = JSON.stringify(d) !== JSON.stringify(initial);
  const failed = create.error ?? update.error ?? rotate.error;
  const error = problem ?? (failed ? adminErrorText(t.locale, failed.message) : null);
  const pending = create.isPending || update.isPending;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const p = problemOf(t, d);
    setProblem(p);
    if (p) return;
    if (widget) update.mutate({ widgetId: widget.id, ...settingsOf(d) });
    else create.mutate(settingsOf(d));
  };
  const field = (k: keyof Draft, label: string, opts: { area?: boolean; lang?: string; hint?: string; max?: number } = {}) => (
    <label className={styles.field}>
      {label}
      {opts.area ? (
        <textarea className={a.textarea} value={d[k] as string} onChange={(e) => set(k, e.target.value as never)} lang={opts.lang} dir="auto" maxLength={opts.max ?? 500} rows={2} />
      ) : (
        <input value={d[k] as string} onChange={(e) => set(k, e.target.value as never)} lang={opts.lang} dir="auto" maxLength={opts.max ?? 60} />
      )}
      {opts.hint && <span className={styles.small}>{opts.hint}</span>}
    </label>
  );

  return (
    <div className={a.editor}>
      <form className={styles.card} onSubmit={submit} noValidate aria-labelledby="widget-editor" data-testid="widget-editor">
        <h2 id="widget-editor">{widget ? widget.name : t.newWidget}</h2>
        {field('name', t.widgetName)}
        <label className={styles.field}>
          {t.colour}
          <span className={styles.row}>
            <input type="color" className={a.swatch} value={d.color} onChange={(e) => set('color', e.target.value)} aria-label={t.colour} />
            <code>{d.color}</code>
          </span>
        </label>
        <div className={a.grid2}>
          {field('greetingEn', t.greetingEn, { area: true, lang: 'en', max: 300 })}
          {field('greetingBn', t.greetingBn, { area: true, lang: 'bn', max: 300 })}
          {field('offlineTextEn', t.offlineEn, { area: true, lang: 'en' })}
          {field('offlineTextBn', t.offlineBn, { area: true, lang: 'bn' })}
        </div>
        <p className={styles.small}>{t.offlineHint}</p>
        <fieldset className={a.fieldset}>
          <legend>{t.prechatFields}</legend>
          <label className={a.check}>
            <input type="checkbox" checked={d.prechatEnabled} onChange={(e) => set('prechatEnabled', e.target.checked)} /> {t.prechat}
          </label>
          {d.prechatEnabled && (
            <span className={styles.row}>
              {FIELDS.map((f) => (
                <label key={f} className={a.check}>
                  <input
                    type="checkbox"
                    checked={d.prechatFields.includes(f)}
                    onChange={(e) => set('prechatFields', FIELDS.filter((x) => (x === f ? e.target.checked : d.prechatFields.includes(x))))}
                  />
                  {f === 'name' ? t.fieldName : f === 'phone' ? t.fieldPhone : t.fieldEmail}
                </label>
              ))}
            </span>
          )}
          <span className={styles.small}>{t.prechatHint}</span>
        </fieldset>
        <div className={a.grid2}>
          <label className={styles.field}>
            {t.routesTo}
            <select className={a.select} value={d.defaultTeamId} onChange={(e) => set('defaultTeamId', e.target.value)} data-testid="widget-team">
              <option value="">{t.anyTeam}</option>
              {props.teams.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <label className={styles.field}>
            {t.hours}
            <select className={a.select} value={d.calendarId} onChange={(e) => set('calendarId', e.target.value)}>
              <option value="">{t.alwaysOpen}</option>
              {props.calendars.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
            <button type="button" className={styles.secondary} onClick={props.onEditHours} style={{ alignSelf: 'flex-start' }}>
              {t.editHours}
            </button>
          </label>
        </div>
        <label className={a.check}>
          <input type="checkbox" checked={d.intentRouting} onChange={(e) => set('intentRouting', e.target.checked)} /> {t.intentRouting}
        </label>
        <label className={styles.field}>
          {t.origins}
          <textarea className={a.textarea} value={d.origins} onChange={(e) => set('origins', e.target.value)} rows={3} placeholder="https://shop.example.com" dir="ltr" spellCheck={false} />
          <span className={styles.small}>{t.originsHint}</span>
        </label>
        <fieldset className={a.fieldset}>
          <legend>{t.verification}</legend>
          <label className={a.check}>
            <input type="checkbox" checked={d.verifiedOnly} onChange={(e) => set('verifiedOnly', e.target.checked)} /> {t.verifiedOnly}
          </label>
          {widget && (
            <button
              type="button"
              className={styles.secondary}
              style={{ alignSelf: 'flex-start' }}
              disabled={rotate.isPending}
              onClick={() => window.confirm(fillText(t.rotateConfirm, { name: widget.name })) && rotate.mutate({ widgetId: widget.id })}
            >
              {t.rotateSecret}
            </button>
          )}
        </fieldset>
        {error && (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        )}
        <div className={styles.row}>
          <button type="submit" className={styles.primary} disabled={pending || (!!widget && !dirty)} data-testid="widget-save">
            {pending ? t.loading : widget ? t.saveWidget : t.createWidget}
          </button>
          {dirty && <span className={styles.small}>{t.unsaved}</span>}
          {saved && !dirty && (
            <span className={styles.ok} role="status">
              {t.saved}
            </span>
          )}
        </div>
      </form>
      <Preview t={t} locale={props.locale} draft={d} widgetKey={widget?.key ?? null} />
      {widget && <Install t={t} widgetKey={widget.key} />}
    </div>
  );
}

/** The real widget page in preview mode (?preview=1), fed the draft by postMessage: no session, nothing sent. */
function Preview({ t, locale, draft, widgetKey }: { t: AdminDict; locale: DeskLocale; draft: Draft; widgetKey: string | null }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(false);
  const [mode, setMode] = useState<PreviewMode>('chat');
  const [lang, setLang] = useState<DeskLocale>(locale);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.origin === window.location.origin && e.source === frame.current?.contentWindow && (e.data as { type?: string })?.type === 'alap:preview-ready') setReady(true);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  useEffect(() => {
    if (!ready) return;
    const config = {
      key: widgetKey ?? 'preview',
      name: draft.name || t.newWidget,
      color: draft.color,
      greetingEn: draft.greetingEn,
      greetingBn: draft.greetingBn,
      offlineTextEn: draft.offlineTextEn || null,
      offlineTextBn: draft.offlineTextBn || null,
      prechatEnabled: mode === 'prechat' ? draft.prechatEnabled : false,
      prechatFields: draft.prechatFields,
      verifiedOnly: false,
      isOnline: mode !== 'offline',
      businessHours: null,
      proactiveDelaySeconds: null,
    };
    frame.current?.contentWindow?.postMessage({ type: 'alap:preview', config, locale: lang }, window.location.origin);
  }, [ready, draft, mode, lang, widgetKey, t.newWidget]);

  return (
    <aside className={a.previewCol} aria-label={t.preview}>
      <strong>{t.preview}</strong>
      <div className={styles.row} role="group" aria-label={t.preview}>
        {(['chat', 'prechat', 'offline'] as const).map((m) => (
          <button key={m} type="button" className={mode === m ? styles.primary : styles.secondary} aria-pressed={mode === m} onClick={() => setMode(m)}>
            {m === 'chat' ? t.previewChat : m === 'prechat' ? t.previewPrechat : t.previewOffline}
          </button>
        ))}
        <button type="button" className={styles.secondary} onClick={() => setLang(lang === 'en' ? 'bn' : 'en')}>
          {lang === 'en' ? 'বাংলা' : 'English'}
        </button>
      </div>
      <iframe ref={frame} className={a.previewFrame} src={`/widget/${encodeURIComponent(widgetKey ?? 'preview')}?preview=1`} title={t.preview} data-testid="widget-preview" />
    </aside>
  );
}

/** The snippet to paste, and a one-page guide: where it goes, origins, identity, context. */
function Install({ t, widgetKey }: { t: AdminDict; widgetKey: string }) {
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const snippet = `<script src="${origin}/widget.js" data-widget="${widgetKey}" async></script>`;
  const settings = `<script>
  window.AlapSettings = {
    customer: { id: 'CUSTOMER_ID', name: 'Nusrat', email: 'n@example.com', hash: 'HMAC_FROM_YOUR_SERVER' },
    context: { type: 'product', id: 'SKU-1001', title: 'Jamdani saree', price: 1850 },
  };
</script>`;
  const sign = `// Node.js
crypto.createHmac('sha256', IDENTITY_SECRET).update(customerId).digest('hex')
// PHP
hash_hmac('sha256', $customerId, $identitySecret)`;
  return (
    <section className={styles.card} style={{ gridColumn: '1 / -1' }} aria-labelledby="install-title">
      <h2 id="install-title">{t.snippet}</h2>
      <CopyBox label={t.snippetHelp} text={snippet} copy={t.copySnippet} copied={t.copied} testId="widget-snippet" block />
      <h2>{t.guide}</h2>
      <ol className={a.steps}>
        {t.guideSteps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <pre className={a.code}>{settings}</pre>
      <p className={styles.small}>{t.guideSign}</p>
      <pre className={a.code}>{sign}</pre>
    </section>
  );
}
