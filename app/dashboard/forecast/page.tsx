'use client';
import { DashboardShell } from '@/components/analytics/dashboard-shell';
import { ForecastView } from '@/components/analytics/forecast-view';
import { AppProviders } from '@/lib/trpc';

export default function ForecastPage() {
  return (
    <AppProviders>
      <DashboardShell page="forecast">{(locale, t) => <ForecastView locale={locale} t={t} />}</DashboardShell>
    </AppProviders>
  );
}
