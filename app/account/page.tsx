import { AccountView } from '@/components/account/account-view';
import { AppProviders } from '@/lib/trpc';

export const metadata = { title: 'Account · Alap' };

export default function AccountPage() {
  return (
    <AppProviders>
      <AccountView />
    </AppProviders>
  );
}
