'use client';
import { DashboardShell } from '@/components/analytics/dashboard-shell';
import { ExperimentsView } from '@/components/analytics/experiments-view';
import { AppProviders } from '@/lib/trpc';

export default function ExperimentsPage() {
  return (
    <AppProviders>
      <DashboardShell page="experiments">{(locale) => <ExperimentsView locale={locale} />}</DashboardShell>
    </AppProviders>
  );
}
