'use client';
import { DashboardShell } from '@/components/analytics/dashboard-shell';
import { RevenueView } from '@/components/analytics/revenue-view';
import { AppProviders } from '@/lib/trpc';

export default function RevenuePage() {
  return (
    <AppProviders>
      <DashboardShell page="revenue">{(locale, t) => <RevenueView locale={locale} t={t} />}</DashboardShell>
    </AppProviders>
  );
}
