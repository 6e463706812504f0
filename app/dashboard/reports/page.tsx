'use client';
import { DashboardShell } from '@/components/analytics/dashboard-shell';
import { ReportsView } from '@/components/analytics/reports-view';
import { AppProviders } from '@/lib/trpc';

export default function ReportsPage() {
  return (
    <AppProviders>
      <DashboardShell page="reports">{(locale, t) => <ReportsView locale={locale} t={t} />}</DashboardShell>
    </AppProviders>
  );
}
