'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AnalyticsDict } from '@/lib/analytics-i18n';
import type { DeskLocale } from '@/lib/desk-i18n';
import { downloadText } from '@/lib/download';
import { fill } from '@/lib/experiments-i18n';
import { formatDay } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';
import { SimpleTable } from './parts';

type Found = { id: string; name: string | null; email: string | null; phone: string | null; conversations: number; erasedAt: Date | null };

/** /dashboard/privacy (admins): privacy requests (export, erase) for one customer, and the retention policy. */
export function PrivacyView({ locale, t }: { locale: DeskLocale; t: AnalyticsDict }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const found = useQuery(trpc.privacy.findContacts.queryOptions({ query }));
  const [erasing, setErasing] = useState<Found | null>(null);
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const erase = useMutation(
    trpc.privacy.eraseContact.mutationOptions({
      onSuccess: () => {
        setErasing(null);
        setConfirm('');
        void qc.invalidateQueries({ queryKey: trpc.privacy.findContacts.queryKey() });
      },
    }),
  );

  async function exportOne(c: Found, what: 'json' | 'transcripts') {
    setError(null);
    setBusy(`${c.id}:${what}`);
    try {
      const data = await qc.fetchQuery({ ...trpc.privacy.exportContact.queryOptions({ contactId: c.id }), staleTime: 0 });
      const stem = `customer-${c.id.slice(0, 8)}-${new Date().toISOString().slice(0, 10)}`;
      if (what === 'json') downloadText(`${stem}.json`, JSON.stringify(data, null, 2), 'application/json;charset=utf-8');
      else downloadText(`${stem}-transcripts.txt`, data.conversations.map((x) => `# ${x.id} (${x.createdAt.slice(0, 10)})\n${x.transcript}`).join('\n\n'), 'text/plain;charset=utf-8');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <h1 className={styles.h1}>{t.privacyTitle}</h1>
      <p className={styles.muted}>{t.privacyHint}</p>
      <form
        className={styles.controls}
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(text.trim());
        }}
        role="search"
      >
        <label>
          {t.privacySearch}
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t.privacySearchPlaceholder} maxLength={200} size={34} data-testid="privacy-search" />
        </label>
        <button type="submit" className={styles.primary}>
          {t.privacyFind}
        </button>
      </form>
      {(error || found.error) && (
        <p role="alert" className={styles.error}>
          {error ?? found.error?.message}
        </p>
      )}
      {erase.data && (
        <p role="status" className={styles.muted} data-testid="privacy-erased">
          {fill(t.privacyEraseDone, { n: erase.data.conversations, m: erase.data.redactedMessages })}
        </p>
      )}
      {found.isPending ? (
        <p className={styles.muted}>{t.loading}</p>
      ) : found.data?.length === 0 ? (
        <p className={styles.muted}>{t.privacyEmpty}</p>
      ) : (
        found.data && (
          <SimpleTable
            testId="privacy-table"
            rowTestId="privacy-row"
            headers={[t.privacyColName, t.privacyColContact, t.privacyColConversations, t.privacyColActions]}
            rows={found.data.map((c) => ({
              key: c.id,
              cells: [
                c.erasedAt ? <em key="n">{fill(t.privacyErasedBadge, { date: formatDay(c.erasedAt, locale) })}</em> : (c.name ?? <span className={styles.muted}>{t.privacyNoName}</span>),
                [c.email, c.phone].filter(Boolean).join(' · ') || '—',
                c.conversations.toLocaleString(locale === 'bn' ? 'bn-BD' : 'en'),
                <span key="a" className={styles.controls} style={{ flexWrap: 'nowrap' }}>
                  <button type="button" className={styles.secondary} onClick={() => void exportOne(c, 'json')} disabled={busy !== null} aria-busy={busy === `${c.id}:json`}>
                    {t.privacyExport}
                  </button>
                  <button type="button" className={styles.secondary} onClick={() => void exportOne(c, 'transcripts')} disabled={busy !== null} aria-busy={busy === `${c.id}:transcripts`}>
                    {t.privacyTranscripts}
                  </button>
                  {!c.erasedAt && (
                    <button type="button" className={styles.danger} onClick={() => (setErasing(c), setConfirm(''), erase.reset())}>
                      {t.privacyErase}
                    </button>
                  )}
                </span>,
              ],
            }))}
          />
        )
      )}
      {erasing && (
        <section className={styles.card} role="dialog" aria-labelledby="erase-title" data-testid="erase-dialog">
          <h2 id="erase-title" className={styles.h1}>
            {fill(t.privacyEraseTitle, { name: erasing.name ?? erasing.email ?? t.privacyNoName })}
          </h2>
          <p>{fill(t.privacyEraseBody, { n: erasing.conversations })}</p>
          <form
            className={styles.controls}
            onSubmit={(e) => {
              e.preventDefault();
              erase.mutate({ contactId: erasing.id, confirm: confirm as 'ERASE' });
            }}
          >
            <label>
              {t.privacyEraseType}
              <input value={confirm} onChange={(e) => setConfirm(e.target.value)} autoFocus autoComplete="off" />
            </label>
            <button type="submit" className={styles.danger} disabled={confirm !== 'ERASE' || erase.isPending}>
              {t.privacyEraseDo}
            </button>
            <button type="button" className={styles.secondary} onClick={() => setErasing(null)}>
              {t.privacyCancel}
            </button>
          </form>
          {erase.error && (
            <p role="alert" className={styles.error}>
              {erase.error.message}
            </p>
          )}
        </section>
      )}
      <ConsentNotices t={t} />
      <RetentionPolicy t={t} />
    </>
  );
}

function RetentionPolicy({ t }: { t: AnalyticsDict }) {
  const trpc = useTRPC();
  const current = useQuery(trpc.privacy.retention.queryOptions());
  const [draft, setDraft] = useState<{ days: string; action: 'anonymise' | 'delete' } | null>(null);
  const save = useMutation(trpc.privacy.setRetention.mutationOptions({ onSuccess: () => void current.refetch() }));
  const value = draft ?? (current.data ? { days: current.data.days === null ? '' : String(current.data.days), action: current.data.action } : null);
  return (
    <section className={styles.card} aria-labelledby="retention-title" data-testid="retention">
      <h2 id="retention-title" className={styles.h1}>
        {t.retentionTitle}
      </h2>
      <p className={styles.muted}>{t.retentionHint}</p>
      {!value ? (
        <p className={styles.muted}>{t.loading}</p>
      ) : (
        <form
          className={styles.controls}
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ days: value.days.trim() === '' ? null : Number(value.days), action: value.action });
          }}
        >
          <label>
            {t.retentionDays}
            <input type="number" min={7} max={3650} value={value.days} placeholder="∞" onChange={(e) => (setDraft({ ...value, days: e.target.value }), save.reset())} aria-describedby="retention-forever" />
          </label>
          <label>
            {t.retentionAction}
            <select value={value.action} onChange={(e) => (setDraft({ ...value, action: e.target.value as 'anonymise' | 'delete' }), save.reset())}>
              <option value="anonymise">{t.retentionAnonymise}</option>
              <option value="delete">{t.retentionDelete}</option>
            </select>
          </label>
          <button type="submit" className={styles.primary} disabled={save.isPending}>
            {t.retentionSave}
          </button>
          <span id="retention-forever" className={styles.muted}>
            {value.days.trim() === '' ? t.retentionForever : ''}
          </span>
        </form>
      )}
      <SaveFeedback t={t} error={save.error} saved={save.isSuccess} />
    </section>
  );
}

type Consent = { id: string; key: string; name: string; consentNoticeEn: string | null; consentNoticeBn: string | null; privacyUrl: string | null };

function ConsentNotices({ t }: { t: AnalyticsDict }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.privacy.widgetConsent.queryOptions());
  return (
    <section className={styles.card} aria-labelledby="consent-title" data-testid="consent">
      <h2 id="consent-title" className={styles.h1}>
        {t.consentTitle}
      </h2>
      <p className={styles.muted}>{t.consentHint}</p>
      {list.isPending && <p className={styles.muted}>{t.loading}</p>}
      {list.data?.map((w) => <ConsentForm key={w.id} t={t} widget={w} multiple={list.data.length > 1} onSaved={() => void list.refetch()} />)}
    </section>
  );
}

function ConsentForm({ t, widget, multiple, onSaved }: { t: AnalyticsDict; widget: Consent; multiple: boolean; onSaved: () => void }) {
  const trpc = useTRPC();
  const [en, setEn] = useState(widget.consentNoticeEn ?? '');
  const [bn, setBn] = useState(widget.consentNoticeBn ?? '');
  const [url, setUrl] = useState(widget.privacyUrl ?? '');
  const save = useMutation(trpc.privacy.setWidgetConsent.mutationOptions({ onSuccess: onSaved }));
  return (
    <form
      className={styles.controls}
      data-testid={`consent-${widget.key}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ widgetId: widget.id, consentNoticeEn: en, consentNoticeBn: bn, privacyUrl: url });
      }}
    >
      {multiple && <strong>{widget.name}</strong>}
      <label>
        {t.consentEn}
        <textarea value={en} onChange={(e) => (setEn(e.target.value), save.reset())} maxLength={600} rows={3} cols={40} />
      </label>
      <label>
        {t.consentBn}
        <textarea value={bn} onChange={(e) => (setBn(e.target.value), save.reset())} maxLength={600} rows={3} cols={40} lang="bn" />
      </label>
      <label>
        {t.consentUrl}
        <input type="url" value={url} onChange={(e) => (setUrl(e.target.value), save.reset())} placeholder="https://" maxLength={500} size={30} />
      </label>
      <button type="submit" className={styles.primary} disabled={save.isPending}>
        {t.consentSave}
      </button>
      <SaveFeedback t={t} error={save.error} saved={save.isSuccess} />
    </form>
  );
}

/** Why a save failed, or that it worked. */
function SaveFeedback({ t, error, saved }: { t: AnalyticsDict; error: { message: string } | null; saved: boolean }) {
  if (error) {
    return (
      <p role="alert" className={styles.error}>
        {error.message}
      </p>
    );
  }
  return saved ? (
    <p role="status" className={styles.muted}>
      {t.retentionSaved}
    </p>
  ) : null;
}
