import { SupervisorView } from '@/components/desk/supervisor-view';
import { AppProviders } from '@/lib/trpc';

export const metadata = { title: 'Supervisor · Alap' };

export default function SupervisorPage() {
  return (
    <AppProviders>
      <SupervisorView />
    </AppProviders>
  );
}
