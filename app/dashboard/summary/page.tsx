'use client';
import { DashboardShell } from '@/components/analytics/dashboard-shell';
import { SummaryView } from '@/components/analytics/summary-view';
import { AppProviders } from '@/lib/trpc';

export default function SummaryPage() {
  return (
    <AppProviders>
      <DashboardShell page="summary">{(locale, t) => <SummaryView locale={locale} t={t} />}</DashboardShell>
    </AppProviders>
  );
}
