'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import styles from '@/components/account/account.module.css';
import type { RouterOutputs } from '@/components/desk/types';
import { type AdminDict, fillText } from '@/lib/admin-i18n';
import { fillPlaceholders, PLACEHOLDERS, unknownPlaceholders } from '@/lib/canned';
import { adminErrorText } from '@/lib/admin-errors';
import { useTRPC } from '@/lib/trpc';
import a from './admin.module.css';

type Canned = RouterOutputs['admin']['canned'][number];
type Label = RouterOutputs['admin']['labels'][number];
const SAMPLE = { customer: { name: 'Nusrat Jahan', email: 'nusrat@example.com', phone: '01711000000' }, agent: { name: 'Rahim Uddin' } };
const CODE_RE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** /admin#replies: canned responses (admins and supervisors) and labels (admins). */
export function RepliesTab({ t, isAdmin }: { t: AdminDict; isAdmin: boolean }) {
  const trpc = useTRPC();
  const canned = useQuery(trpc.admin.canned.queryOptions());
  const [adding, setAdding] = useState(0);
  return (
    <>
      <section className={styles.card} aria-labelledby="canned-title" data-testid="canned-section">
        <h2 id="canned-title">{t.cannedTitle}</h2>
        <p className={styles.small}>{t.cannedHelp}</p>
        <p className={styles.small}>
          {t.placeholders}: {PLACEHOLDERS.map((p) => `{{${p}}}`).join(' · ')}
        </p>
        <CannedForm key={`new-${adding}`} t={t} item={null} onSaved={() => setAdding((n) => n + 1)} />
      </section>
      {!canned.data ? (
        <p className={styles.small}>{t.loading}</p>
      ) : (
        <ul className={styles.sessions} data-testid="canned-list">
          {canned.data.map((c) => (
            <li key={c.shortCode} className={styles.card} data-testid="canned-item" data-code={c.shortCode}>
              <CannedForm t={t} item={c} />
            </li>
          ))}
        </ul>
      )}
      {isAdmin && <Labels t={t} />}
    </>
  );
}

function CannedForm({ t, item, onSaved }: { t: AdminDict; item: Canned | null; onSaved?: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.admin.canned.queryKey() });
  const [code, setCode] = useState(item?.shortCode ?? '');
  const [title, setTitle] = useState(item?.title ?? '');
  const [en, setEn] = useState(item?.contentEn ?? '');
  const [bn, setBn] = useState(item?.contentBn ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation(trpc.admin.saveCanned.mutationOptions({ onSuccess: () => (void refresh(), onSaved?.()) }));
  const remove = useMutation(trpc.admin.deleteCanned.mutationOptions({ onSuccess: () => void refresh() }));
  const dirty = !item || code !== item.shortCode || title !== item.title || en !== (item.contentEn ?? '') || bn !== (item.contentBn ?? '');
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const c = code.trim().replace(/^\//, '').toLowerCase();
    const unknown = unknownPlaceholders(`${en}\n${bn}`);
    const p = !CODE_RE.test(c)
      ? t.errCode
      : !title.trim()
        ? t.errTitle
        : !en.trim() && !bn.trim()
          ? t.errReply
          : unknown.length
            ? fillText(t.errPlaceholder, { name: `{{${unknown[0]}}}` })
            : null;
    setProblem(p);
    if (!p) save.mutate({ originalShortCode: item?.shortCode ?? null, shortCode: c, title, contentEn: en.trim() || null, contentBn: bn.trim() || null });
  };
  const failed = save.error ?? remove.error;
  const error = problem ?? (failed ? adminErrorText(t.locale, failed.message) : null);
  const preview = [en, bn].filter((x) => x.trim()).map((x) => fillPlaceholders(x, SAMPLE));
  return (
    <form className={styles.form} style={{ maxWidth: 'none' }} onSubmit={submit} noValidate aria-label={item ? `/${item.shortCode}` : t.newCanned}>
      {!item && <h3 style={{ margin: 0, fontSize: '1rem' }}>{t.newCanned}</h3>}
      <div className={a.grid2}>
        <label className={styles.field}>
          {t.shortCode}
          <input value={code} onChange={(e) => setCode(e.target.value)} maxLength={41} placeholder="refund-policy" dir="ltr" spellCheck={false} />
        </label>
        <label className={styles.field}>
          {t.cannedTitleField}
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={80} dir="auto" />
        </label>
        <label className={styles.field}>
          {t.replyEn}
          <textarea className={a.textarea} value={en} onChange={(e) => setEn(e.target.value)} maxLength={4000} rows={3} lang="en" dir="auto" />
        </label>
        <label className={styles.field}>
          {t.replyBn}
          <textarea className={a.textarea} value={bn} onChange={(e) => setBn(e.target.value)} maxLength={4000} rows={3} lang="bn" dir="auto" />
        </label>
      </div>
      {dirty && preview.length > 0 && preview.some((x, i) => x !== [en, bn].filter((y) => y.trim())[i]) && (
        <p className={styles.small} dir="auto">
          {t.filledAs} {preview.join(' · ')}
        </p>
      )}
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <div className={styles.row}>
        <button type="submit" className={styles.primary} disabled={save.isPending || !dirty}>
          {item ? t.save : t.addCanned}
        </button>
        {save.isSuccess && !dirty && (
          <span role="status" className={styles.ok}>
            {t.saved}
          </span>
        )}
        {item && (
          <button type="button" className={styles.danger} onClick={() => window.confirm(fillText(t.deleteCannedConfirm, { code: item.shortCode })) && remove.mutate({ shortCode: item.shortCode })}>
            {t.delete}
          </button>
        )}
      </div>
    </form>
  );
}

function Labels({ t }: { t: AdminDict }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.admin.labels.queryOptions());
  const [adding, setAdding] = useState(0);
  return (
    <section className={styles.card} aria-labelledby="labels-title" data-testid="labels-section">
      <h2 id="labels-title">{t.labelsTitle}</h2>
      <p className={styles.small}>{t.labelsHelp}</p>
      <ul className={a.list}>
        {list.data?.map((l) => (
          <li key={l.name} className={a.item} data-testid="label-item" data-name={l.name}>
            <LabelForm t={t} item={l} />
          </li>
        ))}
        <li className={a.item}>
          <LabelForm key={`new-${adding}`} t={t} item={null} onSaved={() => setAdding((n) => n + 1)} />
        </li>
      </ul>
    </section>
  );
}

function LabelForm({ t, item, onSaved }: { t: AdminDict; item: Label | null; onSaved?: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.admin.labels.queryKey() });
  const [name, setName] = useState(item?.name ?? '');
  const [color, setColor] = useState(item?.color ?? '#64748b');
  const save = useMutation(trpc.admin.saveLabel.mutationOptions({ onSuccess: () => (void refresh(), onSaved?.()) }));
  const remove = useMutation(trpc.admin.deleteLabel.mutationOptions({ onSuccess: () => void refresh() }));
  const dirty = !item || name.trim() !== item.name || color !== item.color;
  const failed = save.error ?? remove.error;
  const error = failed ? adminErrorText(t.locale, failed.message) : null;
  return (
    <form
      className={styles.row}
      style={{ flex: 1 }}
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) save.mutate({ originalName: item?.name ?? null, name, color });
      }}
    >
      <input type="color" className={a.swatch} value={color} onChange={(e) => setColor(e.target.value)} aria-label={`${t.colour} ${item?.name ?? ''}`} />
      <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} placeholder={item ? undefined : t.newLabel} aria-label={item ? `${t.labelName}: ${item.name}` : t.newLabel} className={a.select} dir="auto" />
      {item && <span className={styles.small}>{fillText(t.conversationsN, { n: item.conversations })}</span>}
      <button type="submit" className={styles.primary} disabled={save.isPending || !dirty || !name.trim()}>
        {item ? t.save : t.addLabel}
      </button>
      {item && (
        <button
          type="button"
          className={styles.danger}
          onClick={() => window.confirm(fillText(t.deleteLabelConfirm, { name: item.name, n: item.conversations })) && remove.mutate({ name: item.name })}
        >
          {t.delete}
        </button>
      )}
      {error && (
        <span role="alert" className={styles.error}>
          {error}
        </span>
      )}
    </form>
  );
}
