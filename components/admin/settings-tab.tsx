'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import styles from '@/components/account/account.module.css';
import type { AdminDict } from '@/lib/admin-i18n';
import { adminErrorText } from '@/lib/admin-errors';
import { useTRPC } from '@/lib/trpc';
import a from './admin.module.css';

const LOGO_PX = 512;

/** The picture scaled to at most 512 px in the browser (the server re-encodes it to 256 px), as base64 PNG. */
async function scaledBase64(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, LOGO_PX / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob>((res, rej) => canvas.toBlob((b) => (b ? res(b) : rej(new Error('encode'))), 'image/png'));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** /admin#settings: workspace name, logo, default language, auto-resolve and the retention policy. */
export function SettingsTab({ t }: { t: AdminDict }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const ws = useQuery(trpc.admin.workspace.queryOptions());
  const retention = useQuery(trpc.privacy.retention.queryOptions());
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.admin.workspace.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.account.workspace.queryKey() });
  };
  const [name, setName] = useState('');
  const [defaultLocale, setDefaultLocale] = useState<'en' | 'bn'>('en');
  const [autoResolve, setAutoResolve] = useState('');
  const [days, setDays] = useState('');
  const [action, setAction] = useState<'anonymise' | 'delete'>('anonymise');
  useEffect(() => {
    if (!ws.data) return;
    setName(ws.data.name);
    setDefaultLocale(ws.data.defaultLocale);
    setAutoResolve(ws.data.autoResolveHours === null ? '' : String(ws.data.autoResolveHours));
  }, [ws.data]);
  useEffect(() => {
    if (!retention.data) return;
    setDays(retention.data.days === null ? '' : String(retention.data.days));
    setAction(retention.data.action);
  }, [retention.data]);
  const save = useMutation(trpc.admin.updateWorkspace.mutationOptions({ onSuccess: refresh }));
  const logo = useMutation(trpc.admin.setLogo.mutationOptions({ onSuccess: refresh }));
  const saveRetention = useMutation(trpc.privacy.setRetention.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.privacy.retention.queryKey() }) }));
  const [logoError, setLogoError] = useState<string | null>(null);
  if (!ws.data) return <p className={styles.small}>{t.loading}</p>;

  const hours = autoResolve.trim() === '' ? null : Number(autoResolve);
  const hoursBad = hours !== null && (!Number.isInteger(hours) || hours < 1 || hours > 2160);
  const retentionDays = days.trim() === '' ? null : Number(days);
  const daysBad = retentionDays !== null && (!Number.isInteger(retentionDays) || retentionDays < 7 || retentionDays > 3650);

  return (
    <>
      <form
        className={styles.card}
        aria-labelledby="ws-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!hoursBad && name.trim().length >= 2) save.mutate({ name, defaultLocale, autoResolveHours: hours });
        }}
      >
        <h2 id="ws-title">{t.settingsTab}</h2>
        <label className={styles.field}>
          {t.workspaceName}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} dir="auto" />
        </label>
        {name.trim().length < 2 && (
          <p className={styles.error} role="alert">
            {t.errWorkspaceName}
          </p>
        )}
        <label className={styles.field}>
          {t.defaultLanguage}
          <select className={a.select} value={defaultLocale} onChange={(e) => setDefaultLocale(e.target.value as 'en' | 'bn')}>
            <option value="bn">বাংলা</option>
            <option value="en">English</option>
          </select>
          <span className={styles.small}>{t.defaultLanguageHelp}</span>
        </label>
        <label className={styles.field}>
          {t.autoResolve}
          <input type="number" inputMode="numeric" min={1} max={2160} value={autoResolve} onChange={(e) => setAutoResolve(e.target.value)} placeholder={t.never} style={{ maxWidth: 160 }} />
          <span className={styles.small}>{t.autoResolveHelp}</span>
        </label>
        {hoursBad && (
          <p className={styles.error} role="alert">
            {t.errHours}
          </p>
        )}
        <div className={styles.row}>
          <button type="submit" className={styles.primary} disabled={save.isPending || hoursBad || name.trim().length < 2}>
            {save.isPending ? t.loading : t.save}
          </button>
          {save.isSuccess && (
            <span className={styles.ok} role="status">
              {t.saved}
            </span>
          )}
          {save.error && (
            <span className={styles.error} role="alert">
              {adminErrorText(t.locale, save.error.message)}
            </span>
          )}
        </div>
      </form>

      <section className={styles.card} aria-labelledby="logo-title">
        <h2 id="logo-title">{t.logo}</h2>
        <div className={styles.row}>
          {ws.data.logoDataUrl ? <img src={ws.data.logoDataUrl} alt={t.logo} width={64} height={64} style={{ objectFit: 'contain', border: '1px solid var(--border)', borderRadius: 8 }} data-testid="logo-preview" /> : <span className={styles.small}>{t.noLogo}</span>}
          <label className={styles.secondary} style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
            {t.uploadLogo}
            <input
              type="file"
              accept="image/png,image/jpeg,image/webp"
              data-testid="logo-file"
              style={{ maxWidth: 200 }}
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (!f) return;
                setLogoError(null);
                scaledBase64(f).then(
                  (b) => logo.mutate({ base64: b }),
                  () => setLogoError(t.errLogo),
                );
              }}
            />
          </label>
          {ws.data.logoDataUrl && (
            <button type="button" className={styles.danger} onClick={() => logo.mutate({ base64: null })}>
              {t.removeLogo}
            </button>
          )}
          {logo.isPending && <span className={styles.small}>{t.loading}</span>}
        </div>
        <p className={styles.small}>{t.logoHelp}</p>
        {(logoError ?? logo.error?.message) && (
          <p className={styles.error} role="alert">
            {logoError ?? adminErrorText(t.locale, logo.error?.message ?? '')}
          </p>
        )}
      </section>

      <form
        className={styles.card}
        aria-labelledby="retention-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!daysBad) saveRetention.mutate({ days: retentionDays, action });
        }}
      >
        <h2 id="retention-title">{t.retention}</h2>
        <p className={styles.small}>{t.retentionHelp}</p>
        <div className={styles.row}>
          <label className={styles.field}>
            {t.retentionDays}
            <input type="number" inputMode="numeric" min={7} max={3650} value={days} onChange={(e) => setDays(e.target.value)} placeholder={t.keepForever} style={{ maxWidth: 160 }} />
          </label>
          <label className={styles.field}>
            {t.retentionAction}
            <select className={a.select} value={action} onChange={(e) => setAction(e.target.value as 'anonymise' | 'delete')}>
              <option value="anonymise">{t.anonymise}</option>
              <option value="delete">{t.deleteThem}</option>
            </select>
          </label>
        </div>
        {daysBad && (
          <p className={styles.error} role="alert">
            {t.errDays}
          </p>
        )}
        <div className={styles.row}>
          <button type="submit" className={styles.primary} disabled={saveRetention.isPending || daysBad}>
            {t.save}
          </button>
          {saveRetention.isSuccess && (
            <span className={styles.ok} role="status">
              {t.saved}
            </span>
          )}
          {saveRetention.error && (
            <span className={styles.error} role="alert">
              {adminErrorText(t.locale, saveRetention.error.message)}
            </span>
          )}
        </div>
      </form>
    </>
  );
}
