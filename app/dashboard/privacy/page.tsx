'use client';
import { PrivacyView } from '@/components/analytics/privacy-view';
import { DashboardShell } from '@/components/analytics/dashboard-shell';
import { AppProviders } from '@/lib/trpc';

export default function PrivacyPage() {
  return (
    <AppProviders>
      <DashboardShell page="privacy">{(locale, t) => <PrivacyView locale={locale} t={t} />}</DashboardShell>
    </AppProviders>
  );
}
