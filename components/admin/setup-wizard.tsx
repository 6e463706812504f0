'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import styles from '@/components/desk/desk.module.css';
import { AuthCardHead, AuthMessageCard } from '@/components/shared/auth-card';
import { adminDictionaries, fillText } from '@/lib/admin-i18n';
import type { DeskLocale } from '@/lib/desk-i18n';
import { adminErrorText } from '@/lib/admin-errors';
import { useTRPC } from '@/lib/trpc';
import { CopyBox } from './copy-box';

type Step = 0 | 1 | 2;
const STEPS = 3;

/**
 * /setup: the first run of a deployment without an admin. Three steps (workspace; the admin's account; first
 * team and widget), each checked before the next, then the widget's snippet and the way to sign in.
 */
export function SetupWizard() {
  const trpc = useTRPC();
  const [locale, setLocale] = useState<DeskLocale>(() => (typeof navigator !== 'undefined' && navigator.language.startsWith('bn') ? 'bn' : 'en'));
  const t = adminDictionaries[locale];
  const status = useQuery(trpc.setup.status.queryOptions(undefined, { retry: false }));
  const complete = useMutation(trpc.setup.complete.mutationOptions());
  const [step, setStep] = useState<Step>(0);
  const [f, setF] = useState({ workspaceName: '', defaultLocale: locale, adminName: '', email: '', password: '', again: '', teamName: t.setupTeamDefault, widgetName: t.setupWidgetDefault, setupToken: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF((x) => ({ ...x, [k]: e.target.value }));
  useEffect(() => {
    if (status.data && !status.data.needed && !complete.data) window.location.replace('/login');
  }, [status.data, complete.data]);

  if (complete.data) {
    const origin = window.location.origin;
    return (
      <AuthMessageCard locale={locale} onLocale={setLocale}>
        <h2 className={styles.loginStep}>{t.setupDone}</h2>
        <CopyBox label={t.snippetHelp} text={`<script src="${origin}/widget.js" data-widget="${complete.data.widgetKey}" async></script>`} copy={t.copySnippet} copied={t.copied} testId="setup-snippet" block />
        <CopyBox label={fillText(t.secretOnce, { name: f.widgetName })} text={complete.data.identitySecret} copy={t.copySecret} copied={t.copied} testId="setup-secret" />
        <p className={styles.loginHelp}>{t.setupNext}</p>
        <a href="/login" className={styles.primary} style={{ textAlign: 'center', textDecoration: 'none' }} data-testid="setup-sign-in">
          {t.signIn}
        </a>
      </AuthMessageCard>
    );
  }
  if (!status.data?.needed) {
    return (
      <AuthMessageCard locale={locale} onLocale={setLocale}>
        <p className={styles.loginHelp}>{status.error ? adminErrorText(t.locale, status.error.message) : t.loading}</p>
      </AuthMessageCard>
    );
  }

  const check = (s: Step): string | null => {
    if (s === 0) return f.workspaceName.trim().length < 2 ? t.errWorkspaceName : status.data?.tokenRequired && !f.setupToken.trim() ? t.errSetupToken : null;
    if (s === 1) {
      if (f.adminName.trim().length < 2) return t.errYourName;
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email.trim())) return t.errEmail;
      if (f.password.length < 12) return t.errPasswordShort;
      if (f.password !== f.again) return t.mismatch;
      return null;
    }
    return f.teamName.trim().length < 2 ? t.errTeamName : f.widgetName.trim().length < 2 ? t.errWidgetName : null;
  };
  const next = (e: React.FormEvent) => {
    e.preventDefault();
    const p = check(step);
    setProblem(p);
    if (p) return;
    if (step < 2) return setStep((step + 1) as Step);
    const { again: _again, setupToken, ...rest } = f;
    complete.mutate({ ...rest, defaultLocale: f.defaultLocale, ...(setupToken ? { setupToken } : {}) });
  };
  const error = problem ?? (complete.error ? adminErrorText(t.locale, complete.error.message) : null);

  return (
    <main className={styles.loginPage} lang={locale}>
      <form className={styles.loginCard} onSubmit={next} noValidate aria-labelledby="setup-title">
        <AuthCardHead locale={locale} onLocale={setLocale} />
        <h2 className={styles.loginStep} id="setup-title">
          {t.setupTitle}
        </h2>
        <p className={styles.loginHelp}>{fillText(t.setupStep, { n: step + 1, of: STEPS })}</p>
        <progress max={STEPS} value={step + 1} aria-label={fillText(t.setupStep, { n: step + 1, of: STEPS })} style={{ width: '100%' }} />
        {step === 0 && (
          <>
            <p className={styles.loginHelp}>{t.setupIntro}</p>
            <label>
              {t.workspaceName}
              <input value={f.workspaceName} onChange={set('workspaceName')} maxLength={80} autoFocus placeholder="Dokan Bazar" />
            </label>
            <label>
              {t.defaultLanguage}
              <select value={f.defaultLocale} onChange={set('defaultLocale')}>
                <option value="bn">বাংলা</option>
                <option value="en">English</option>
              </select>
            </label>
            {status.data.tokenRequired && (
              <label>
                {t.setupToken}
                <input value={f.setupToken} onChange={set('setupToken')} autoComplete="off" />
              </label>
            )}
          </>
        )}
        {step === 1 && (
          <>
            <p className={styles.loginHelp}>{t.setupAdminHelp}</p>
            <label>
              {t.yourName}
              <input value={f.adminName} onChange={set('adminName')} maxLength={100} autoComplete="name" autoFocus />
            </label>
            <label>
              {t.email}
              <input type="email" value={f.email} onChange={set('email')} maxLength={200} autoComplete="username" />
            </label>
            <label>
              {t.password}
              <input type="password" value={f.password} onChange={set('password')} autoComplete="new-password" aria-describedby="setup-rules" />
            </label>
            <label>
              {t.passwordAgain}
              <input type="password" value={f.again} onChange={set('again')} autoComplete="new-password" />
            </label>
            <p id="setup-rules" className={styles.loginHelp}>
              {t.passwordRules}
            </p>
          </>
        )}
        {step === 2 && (
          <>
            <p className={styles.loginHelp}>{t.setupTeamHelp}</p>
            <label>
              {t.teamName}
              <input value={f.teamName} onChange={set('teamName')} maxLength={60} autoFocus />
            </label>
            <label>
              {t.setupWidgetName}
              <input value={f.widgetName} onChange={set('widgetName')} maxLength={60} />
            </label>
          </>
        )}
        {error && (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        )}
        <div style={{ display: 'flex', gap: 8 }}>
          {step > 0 && (
            <button type="button" className={styles.linkButton} onClick={() => (setProblem(null), setStep((step - 1) as Step))}>
              {t.back2}
            </button>
          )}
          <button type="submit" className={styles.primary} disabled={complete.isPending} style={{ flex: 1 }}>
            {complete.isPending ? t.loading : step < 2 ? t.next : t.finishSetup}
          </button>
        </div>
      </form>
    </main>
  );
}
