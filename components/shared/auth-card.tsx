'use client';
import type { ReactNode } from 'react';
import type { DeskLocale } from '@/lib/desk-i18n';
import styles from '@/components/desk/desk.module.css';

/** The title and language switch of the sign-in, invitation and password pages. */
export function AuthCardHead({ locale, onLocale }: { locale: DeskLocale; onLocale: (l: DeskLocale) => void }) {
  return (
    <div className={styles.loginHead}>
      <h1>Alap · আলাপ</h1>
      <button type="button" className={styles.linkButton} onClick={() => onLocale(locale === 'en' ? 'bn' : 'en')}>
        {locale === 'en' ? 'বাংলা' : 'English'}
      </button>
    </div>
  );
}

/** One of those pages showing a message rather than a form. */
export function AuthMessageCard({ locale, onLocale, children }: { locale: DeskLocale; onLocale: (l: DeskLocale) => void; children: ReactNode }) {
  return (
    <main className={styles.loginPage} lang={locale}>
      <div className={styles.loginCard}>
        <AuthCardHead locale={locale} onLocale={onLocale} />
        {children}
      </div>
    </main>
  );
}
