'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useDeskLocale } from '@/components/desk/use-desk-locale';
import { type AccountDict, accountDictionaries } from '@/lib/account-i18n';
import type { DeskLocale } from '@/lib/desk-i18n';
import { useTRPC } from '@/lib/trpc';
import styles from './account.module.css';
import { CodeInput, RecoveryCodes, TotpQr } from './two-factor-parts';

const when = (d: Date | string, locale: DeskLocale) =>
  new Date(d).toLocaleString(locale === 'bn' ? 'bn-BD' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "Chrome on Android" from a user agent, enough to recognise a device; the whole string is in the title. */
function deviceName(ua: string | null, t: AccountDict) {
  if (!ua) return t.unknownDevice;
  const browser = /Edg\//.test(ua) ? 'Edge' : /OPR\//.test(ua) ? 'Opera' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  return browser && os ? `${browser} · ${os}` : (browser ?? os ?? t.unknownDevice);
}

/** Your own account (/account, every role): two-factor sign-in and recovery codes, sessions, password. */
export function AccountView() {
  const trpc = useTRPC();
  const [locale, setLocale] = useDeskLocale();
  const t = accountDictionaries[locale];
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { retry: false }));
  useEffect(() => {
    if (me.error) window.location.assign('/login?next=/account');
  }, [me.error]);
  const home = me.data?.role === 'vendor' ? '/vendor' : me.data?.role === 'executive' ? '/dashboard' : '/desk';
  return (
    <div className={styles.page} lang={locale}>
      <header className={styles.top}>
        <a href={home} className={styles.secondary}>
          ← {t.back}
        </a>
        <h1>{t.pageTitle}</h1>
        <button type="button" className={styles.secondary} onClick={() => setLocale(locale === 'en' ? 'bn' : 'en')}>
          {locale === 'en' ? 'বাংলা' : 'English'}
        </button>
      </header>
      {me.data ? (
        <>
          <p className={styles.small}>
            {me.data.name} · {me.data.email}
          </p>
          <TwoFactorCard t={t} locale={locale} />
          <SessionsCard t={t} locale={locale} />
          <PasswordCard t={t} locale={locale} />
        </>
      ) : (
        <p className={styles.small}>{t.loading}</p>
      )}
    </div>
  );
}

function TwoFactorCard({ t, locale }: { t: AccountDict; locale: DeskLocale }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const status = useQuery(trpc.account.security.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.account.security.queryKey() });
  const [mode, setMode] = useState<'idle' | 'setup' | 'disable' | 'regenerate'>('idle');
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = useMutation(trpc.account.startTotp.mutationOptions({ onSuccess: () => setMode('setup') }));
  const confirm = useMutation(trpc.account.confirmTotp.mutationOptions({ onSuccess: (r) => (setCodes(r.recoveryCodes), setMode('idle'), setCode(''), refresh()) }));
  const disable = useMutation(trpc.account.disableTotp.mutationOptions({ onSuccess: () => (setMode('idle'), setCode(''), refresh()) }));
  const regenerate = useMutation(trpc.account.regenerateRecoveryCodes.mutationOptions({ onSuccess: (r) => (setCodes(r.recoveryCodes), setMode('idle'), setCode(''), refresh()) }));
  const s = status.data;
  const error = start.error ?? confirm.error ?? disable.error ?? regenerate.error;
  const cancel = () => (setMode('idle'), setCode(''), confirm.reset(), disable.reset(), regenerate.reset());
  return (
    <section className={styles.card} aria-labelledby="twofa-title" data-testid="two-factor-card">
      <h2 id="twofa-title">
        {t.twoFactor}
        {s && <span className={s.totpEnabled ? styles.badgeOn : styles.badgeOff}>{s.totpEnabled ? t.on : t.off}</span>}
      </h2>
      {!s && <p className={styles.small}>{t.loading}</p>}
      {s && s.totpEnabled && (
        <p className={styles.small}>
          {s.totpEnabledAt && `${t.onSince} ${when(s.totpEnabledAt, locale)} · `}
          {t.codesLeft}: <strong data-testid="codes-left">{s.recoveryCodesLeft.toLocaleString(locale === 'bn' ? 'bn-BD' : 'en')}</strong>
          {s.totpRequired && ` · ${t.requiredForYou}`}
        </p>
      )}
      {s && !s.totpEnabled && mode === 'idle' && <p className={styles.small}>{t.offHelp}</p>}
      {codes && <RecoveryCodes t={t} codes={codes} onDone={() => setCodes(null)} />}
      {mode === 'setup' && start.data && (
        <form className={styles.form} onSubmit={(e) => (e.preventDefault(), confirm.mutate({ code }))}>
          <p className={styles.small}>{t.scanHelp}</p>
          <TotpQr t={t} setup={start.data} />
          <CodeInput label={t.code} value={code} onChange={setCode} autoFocus />
          <div className={styles.row}>
            <button type="submit" className={styles.primary} disabled={confirm.isPending}>
              {confirm.isPending ? t.verifying : t.confirm}
            </button>
            <button type="button" className={styles.secondary} onClick={cancel}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}
      {(mode === 'disable' || mode === 'regenerate') && (
        <form className={styles.form} onSubmit={(e) => (e.preventDefault(), (mode === 'disable' ? disable : regenerate).mutate({ code }))}>
          <CodeInput label={t.codeToConfirm} value={code} onChange={setCode} autoFocus />
          <div className={styles.row}>
            <button type="submit" className={mode === 'disable' ? styles.danger : styles.primary} disabled={disable.isPending || regenerate.isPending}>
              {mode === 'disable' ? t.turnOff : t.newCodes}
            </button>
            <button type="button" className={styles.secondary} onClick={cancel}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className={styles.error}>
          {error.message}
        </p>
      )}
      {s && mode === 'idle' && !codes && (
        <div className={styles.row}>
          {!s.totpEnabled && (
            <button type="button" className={styles.primary} onClick={() => start.mutate()} disabled={start.isPending}>
              {start.isPending ? t.preparing : t.turnOn}
            </button>
          )}
          {s.totpEnabled && (
            <button type="button" className={styles.secondary} onClick={() => setMode('regenerate')}>
              {t.newCodes}
            </button>
          )}
          {s.totpEnabled && !s.totpRequired && (
            <button type="button" className={styles.danger} onClick={() => setMode('disable')}>
              {t.turnOff}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function SessionsCard({ t, locale }: { t: AccountDict; locale: DeskLocale }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
  const revoke = useMutation(trpc.account.revokeSession.mutationOptions({ onSettled: refresh }));
  const others = useMutation(trpc.account.revokeOtherSessions.mutationOptions({ onSettled: refresh }));
  const list = sessions.data ?? [];
  return (
    <section className={styles.card} aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t.sessions}</h2>
      <p className={styles.small}>{t.sessionsHelp}</p>
      {sessions.isPending && <p className={styles.small}>{t.loading}</p>}
      <ul className={styles.sessions} data-testid="sessions">
        {list.map((s) => (
          <li key={s.id} className={styles.session} data-testid="session" data-current={s.current ? 'true' : 'false'}>
            <div className={styles.sessionMain}>
              <strong title={s.userAgent ?? undefined}>
                {deviceName(s.userAgent, t)} {s.current && <span className={styles.current}>· {t.thisDevice}</span>}
              </strong>
              <span className={styles.small}>
                {s.ip ?? '—'} · {t.signedIn} {when(s.createdAt, locale)} · {t.lastActive} {when(s.lastSeenAt, locale)}
              </span>
            </div>
            {!s.current && (
              <button type="button" className={styles.danger} onClick={() => revoke.mutate({ id: s.id })} disabled={revoke.isPending}>
                {t.endSession}
              </button>
            )}
          </li>
        ))}
      </ul>
      {revoke.error && <p role="alert" className={styles.error}>{revoke.error.message}</p>}
      {others.data && <p className={styles.ok}>{t.othersEnded(others.data.ended)}</p>}
      {list.filter((s) => !s.current).length > 1 && (
        <div className={styles.row}>
          <button type="button" className={styles.danger} onClick={() => others.mutate()} disabled={others.isPending}>
            {t.endOthers}
          </button>
        </div>
      )}
    </section>
  );
}

function PasswordCard({ t, locale }: { t: AccountDict; locale: DeskLocale }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const status = useQuery(trpc.account.security.queryOptions());
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => {
        setCurrent('');
        setNext('');
        setAgain('');
        void qc.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.account.security.queryKey() });
      },
    }),
  );
  const changed = status.data?.passwordChangedAt;
  return (
    <section className={styles.card} aria-labelledby="password-title">
      <h2 id="password-title">{t.password}</h2>
      <p className={styles.small}>{changed ? `${t.passwordChanged}: ${when(changed, locale)}` : t.passwordNever}</p>
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          setMismatch(next !== again);
          if (next === again) change.mutate({ currentPassword: current, newPassword: next });
        }}
      >
        <label className={styles.field}>
          {t.currentPassword}
          <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label className={styles.field}>
          {t.newPassword}
          <input type="password" autoComplete="new-password" required minLength={12} value={next} onChange={(e) => setNext(e.target.value)} aria-describedby="password-rules" />
        </label>
        <label className={styles.field}>
          {t.repeatPassword}
          <input type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
        </label>
        <p id="password-rules" className={styles.small}>
          {t.passwordRules}
        </p>
        {mismatch && <p role="alert" className={styles.error}>{t.mismatch}</p>}
        {change.error && <p role="alert" className={styles.error}>{change.error.message}</p>}
        {change.data && <p className={styles.ok}>{t.passwordDone(change.data.endedSessions)}</p>}
        <div className={styles.row}>
          <button type="submit" className={styles.primary} disabled={change.isPending}>
            {t.changePassword}
          </button>
        </div>
      </form>
    </section>
  );
}
