'use client';
import { AuditView } from '@/components/analytics/audit-view';
import { DashboardShell } from '@/components/analytics/dashboard-shell';
import { AppProviders } from '@/lib/trpc';

export default function AuditPage() {
  return (
    <AppProviders>
      <DashboardShell page="audit">{(locale, t) => <AuditView locale={locale} t={t} />}</DashboardShell>
    </AppProviders>
  );
}
