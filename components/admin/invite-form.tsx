'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { adminDictionaries, fillText } from '@/lib/admin-i18n';
import type { DeskLocale } from '@/lib/desk-i18n';
import { adminErrorText } from '@/lib/admin-errors';
import { useTRPC } from '@/lib/trpc';
import styles from '@/components/desk/desk.module.css';
import { AuthCardHead, AuthMessageCard } from '@/components/shared/auth-card';

/** /invite/<token>: accept an invitation (name and password) or set a new password from a reset link. */
export function InviteAccept({ token }: { token: string }) {
  const trpc = useTRPC();
  const [locale, setLocale] = useState<DeskLocale>(() => (typeof navigator !== 'undefined' && navigator.language.startsWith('bn') ? 'bn' : 'en'));
  const t = adminDictionaries[locale];
  const info = useQuery(trpc.invite.lookup.queryOptions({ token }, { retry: false }));
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const accept = useMutation(trpc.invite.accept.mutationOptions());
  const head = <AuthCardHead locale={locale} onLocale={setLocale} />;
  if (info.error || !info.data) {
    return (
      <AuthMessageCard locale={locale} onLocale={setLocale}>
        {info.error ? (
          <p role="alert" className={styles.error}>
            {adminErrorText(t.locale, info.error.message)}
          </p>
        ) : (
          <p className={styles.loginHelp}>{t.loading}</p>
        )}
        <a href="/login" className={styles.linkButton}>
          {t.signIn}
        </a>
      </AuthMessageCard>
    );
  }
  const d = info.data;
  if (accept.data) {
    return (
      <AuthMessageCard locale={locale} onLocale={setLocale}>
        <p role="status">{fillText(t.done, { email: accept.data.email })}</p>
        <a href="/login" className={styles.primary} style={{ textAlign: 'center', textDecoration: 'none' }} data-testid="invite-sign-in">
          {t.signIn}
        </a>
      </AuthMessageCard>
    );
  }
  return (
    <main className={styles.loginPage} lang={locale}>
      <form
        className={styles.loginCard}
        onSubmit={(e) => {
          e.preventDefault();
          setMismatch(password !== again);
          if (password === again) accept.mutate({ token, password, ...(d.kind === 'invite' ? { name } : {}) });
        }}
      >
        {head}
        <h2 className={styles.loginStep}>{d.kind === 'invite' ? fillText(t.joinTitle, { workspace: d.workspaceName }) : t.resetTitle}</h2>
        {d.kind === 'invite' && <p className={styles.loginHelp}>{fillText(t.joinAs, { role: t.roles[d.role], email: d.email })}</p>}
        {d.kind === 'invite' && (
          <label>
            {t.yourName}
            <input required minLength={2} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" autoFocus />
          </label>
        )}
        <input type="email" value={d.email} readOnly hidden autoComplete="username" />
        <label>
          {t.password}
          <input type="password" required value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" aria-describedby="invite-rules" />
        </label>
        <label>
          {t.passwordAgain}
          <input type="password" required value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" />
        </label>
        <p id="invite-rules" className={styles.loginHelp}>
          {t.passwordRules}
        </p>
        {(mismatch || accept.error) && (
          <p role="alert" className={styles.error}>
            {mismatch ? t.mismatch : adminErrorText(t.locale, accept.error?.message ?? '')}
          </p>
        )}
        <button type="submit" className={styles.primary} disabled={accept.isPending}>
          {d.kind === 'invite' ? t.join : t.setPassword}
        </button>
      </form>
    </main>
  );
}
