'use client';
import { DashboardShell } from '@/components/analytics/dashboard-shell';
import { LiveDashboard } from '@/components/analytics/live-dashboard';
import { AppProviders } from '@/lib/trpc';

export default function DashboardPage() {
  return (
    <AppProviders>
      <DashboardShell page="live">{(locale, t) => <LiveDashboard locale={locale} t={t} />}</DashboardShell>
    </AppProviders>
  );
}
