'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { deskDictionaries, type DeskLocale } from '@/lib/desk-i18n';
import styles from './desk.module.css';

export function LoginForm() {
  const trpc = useTRPC();
  const [locale, setLocale] = useState<DeskLocale>(() =>
    typeof navigator !== 'undefined' && navigator.language.startsWith('bn') ? 'bn' : 'en',
  );
  const t = deskDictionaries[locale];
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: ({ role }) => {
        const next = new URLSearchParams(window.location.search).get('next');
        const home = role === 'vendor' ? '/vendor' : role === 'executive' ? '/dashboard' : '/desk';
        window.location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : home);
      },
    }),
  );
  return (
    <main className={styles.loginPage}>
      <form
        className={styles.loginCard}
        onSubmit={(e) => {
          e.preventDefault();
          signIn.mutate({ email, password });
        }}
      >
        <div className={styles.loginHead}>
          <h1>Alap · আলাপ</h1>
          <button type="button" className={styles.linkButton} onClick={() => setLocale(locale === 'en' ? 'bn' : 'en')}>
            {locale === 'en' ? 'বাংলা' : 'English'}
          </button>
        </div>
        <label>
          {t.email}
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </label>
        <label>
          {t.password}
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {signIn.error && (
          <p role="alert" className={styles.error}>
            {signIn.error.message}
          </p>
        )}
        <button type="submit" className={styles.primary} disabled={signIn.isPending}>
          {signIn.isPending ? t.signingIn : t.signIn}
        </button>
      </form>
    </main>
  );
}
