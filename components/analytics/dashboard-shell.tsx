'use client';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useDeskLocale } from '@/components/desk/use-desk-locale';
import { analyticsDictionaries, type AnalyticsDict } from '@/lib/analytics-i18n';
import type { DeskLocale } from '@/lib/desk-i18n';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';

export type DashboardPage = 'live' | 'reports' | 'forecast' | 'experiments' | 'revenue' | 'summary' | 'audit' | 'privacy';

const links: { page: DashboardPage; href: string; key: keyof AnalyticsDict }[] = [
  { page: 'live', href: '/dashboard', key: 'navLive' },
  { page: 'reports', href: '/dashboard/reports', key: 'navReports' },
  { page: 'forecast', href: '/dashboard/forecast', key: 'navForecast' },
  { page: 'experiments', href: '/dashboard/experiments', key: 'navExperiments' },
  { page: 'revenue', href: '/dashboard/revenue', key: 'navRevenue' },
  { page: 'summary', href: '/dashboard/summary', key: 'navSummary' },
  // Admins only (the page's procedures refuse everyone else).
  { page: 'audit', href: '/dashboard/audit', key: 'navAudit' },
  { page: 'privacy', href: '/dashboard/privacy', key: 'navPrivacy' },
];
const adminOnly: DashboardPage[] = ['audit', 'privacy'];

/**
 * The frame of every /dashboard page: navigation, language, sign-in check. Executives, supervisors and admins
 * only (others are sent to their own home); children get the reader's language.
 */
export function DashboardShell({ page, children }: { page: DashboardPage; children: (locale: DeskLocale, t: AnalyticsDict) => React.ReactNode }) {
  const trpc = useTRPC();
  const [locale, setLocale] = useDeskLocale();
  const t = analyticsDictionaries[locale];
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { retry: false }));
  useEffect(() => {
    if (me.error) window.location.assign(`/login?next=${encodeURIComponent(location.pathname)}`);
    else if (me.data && !['executive', 'supervisor', 'admin'].includes(me.data.role)) window.location.assign(me.data.role === 'vendor' ? '/vendor' : '/desk');
  }, [me.data, me.error]);
  const allowed = me.data && ['executive', 'supervisor', 'admin'].includes(me.data.role);
  return (
    <div className={styles.shell} lang={locale}>
      <header className={styles.topbar}>
        <strong className={styles.brand}>Alap</strong>
        <nav className={styles.nav} aria-label={t.navLabel}>
          {links.filter((l) => !adminOnly.includes(l.page) || me.data?.role === 'admin').map((l) => (
            <a key={l.page} href={l.href} className={l.page === page ? styles.navActive : styles.navLink} aria-current={l.page === page ? 'page' : undefined}>
              {t[l.key]}
            </a>
          ))}
        </nav>
        <span className={styles.spacer} />
        {me.data?.role !== 'executive' && (
          <a href="/desk" className={styles.linkButton}>
            {t.backToDesk}
          </a>
        )}
        <button type="button" className={styles.linkButton} onClick={() => setLocale(locale === 'en' ? 'bn' : 'en')} data-testid="dashboard-lang-toggle">
          {locale === 'en' ? 'বাংলা' : 'English'}
        </button>
        {me.data && (
          <a href="/account" className={styles.linkButton} title={me.data.email} data-testid="account-link">
            {me.data.name}
          </a>
        )}
      </header>
      <main className={styles.main}>{allowed ? children(locale, t) : <p className={styles.muted}>{t.loading}</p>}</main>
    </div>
  );
}
