import { PeopleView } from '@/components/admin/people-view';
import { AppProviders } from '@/lib/trpc';

export const metadata = { title: 'Admin · Alap' };

export default function AdminPage() {
  return (
    <AppProviders>
      <PeopleView />
    </AppProviders>
  );
}
