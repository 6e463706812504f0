import { SetupWizard } from '@/components/admin/setup-wizard';
import { AppProviders } from '@/lib/trpc';

export const metadata = { title: 'Set up · Alap' };

export default function SetupPage() {
  return (
    <AppProviders>
      <SetupWizard />
    </AppProviders>
  );
}
