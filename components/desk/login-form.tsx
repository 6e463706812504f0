'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { CodeInput, RecoveryCodes, TotpQr } from '@/components/account/two-factor-parts';
import { AuthCardHead, AuthMessageCard } from '@/components/shared/auth-card';
import { accountDictionaries } from '@/lib/account-i18n';
import { useTRPC } from '@/lib/trpc';
import { deskDictionaries, type DeskLocale } from '@/lib/desk-i18n';
import styles from './desk.module.css';

type Step = { kind: 'password' } | { kind: 'totp' | 'totp_setup'; challenge: string } | { kind: 'codes'; codes: string[]; role: string };

function goHome(role: string) {
  const next = new URLSearchParams(window.location.search).get('next');
  const home = role === 'vendor' ? '/vendor' : role === 'executive' ? '/dashboard' : '/desk';
  window.location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : home);
}

/**
 * Sign-in: the password, then (when the account has it) a code from the authenticator app or a recovery code;
 * an admin without two-factor sign-in sets it up here, sees the recovery codes once, then goes on.
 */
export function LoginForm() {
  const trpc = useTRPC();
  const [locale, setLocale] = useState<DeskLocale>(() =>
    typeof navigator !== 'undefined' && navigator.language.startsWith('bn') ? 'bn' : 'en',
  );
  const t = deskDictionaries[locale];
  const a = accountDictionaries[locale];
  // A deployment without an admin yet goes to the first-run wizard.
  const setupStatus = useQuery(trpc.setup.status.queryOptions(undefined, { retry: false, staleTime: Infinity }));
  useEffect(() => {
    if (setupStatus.data?.needed) window.location.replace('/setup');
  }, [setupStatus.data]);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (r) => {
        if (r.step === 'done') return goHome(r.role ?? 'agent');
        setCode('');
        setStep({ kind: r.step, challenge: r.challenge! });
        if (r.step === 'totp_setup') setup.mutate({ challenge: r.challenge! });
      },
    }),
  );
  const verify = useMutation(trpc.auth.verifyTotp.mutationOptions({ onSuccess: (r) => goHome(r.role) }));
  const setup = useMutation(trpc.auth.startTotpSetup.mutationOptions());
  const confirm = useMutation(trpc.auth.confirmTotpSetup.mutationOptions({ onSuccess: (r) => setStep({ kind: 'codes', codes: r.recoveryCodes, role: r.role }) }));
  const startOver = () => {
    signIn.reset();
    verify.reset();
    confirm.reset();
    setup.reset();
    setPassword('');
    setStep({ kind: 'password' });
  };
  const error = step.kind === 'password' ? signIn.error : step.kind === 'totp' ? verify.error : step.kind === 'totp_setup' ? (setup.error ?? confirm.error) : null;
  const pending = signIn.isPending || verify.isPending || confirm.isPending;

  const head = <AuthCardHead locale={locale} onLocale={setLocale} />;

  if (step.kind === 'codes') {
    return (
      <AuthMessageCard locale={locale} onLocale={setLocale}>
        <RecoveryCodes t={a} codes={step.codes} onDone={() => goHome(step.role)} />
      </AuthMessageCard>
    );
  }

  return (
    <main className={styles.loginPage} lang={locale}>
      <form
        className={styles.loginCard}
        onSubmit={(e) => {
          e.preventDefault();
          if (step.kind === 'password') signIn.mutate({ email, password });
          else if (step.kind === 'totp') verify.mutate({ challenge: step.challenge, code });
          else confirm.mutate({ challenge: step.challenge, code });
        }}
      >
        {head}
        {step.kind === 'password' && (
          <>
            <label>
              {t.email}
              <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
            </label>
            <label>
              {t.password}
              <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
          </>
        )}
        {step.kind === 'totp' && (
          <>
            <h2 className={styles.loginStep}>{a.codeTitle}</h2>
            <p className={styles.loginHelp}>{a.codeHelp}</p>
            <CodeInput label={a.code} value={code} onChange={setCode} autoFocus />
          </>
        )}
        {step.kind === 'totp_setup' && (
          <>
            <h2 className={styles.loginStep}>{a.setupTitle}</h2>
            <p className={styles.loginHelp}>{a.setupHelp}</p>
            {setup.data ? <TotpQr t={a} setup={setup.data} /> : !setup.error && <p className={styles.loginHelp}>{a.preparing}</p>}
            <CodeInput label={a.code} value={code} onChange={setCode} autoFocus />
          </>
        )}
        {error && (
          <p role="alert" className={styles.error}>
            {error.message}
          </p>
        )}
        <button type="submit" className={styles.primary} disabled={pending || (step.kind === 'totp_setup' && !setup.data)}>
          {step.kind === 'password' ? (pending ? t.signingIn : t.signIn) : pending ? a.verifying : step.kind === 'totp' ? a.verify : a.confirm}
        </button>
        {step.kind !== 'password' && (
          <button type="button" className={styles.linkButton} onClick={startOver}>
            {a.startOver}
          </button>
        )}
      </form>
    </main>
  );
}
