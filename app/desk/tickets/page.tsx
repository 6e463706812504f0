import { Suspense } from 'react';
import { TicketsView } from '@/components/desk/tickets-view';
import { AppProviders } from '@/lib/trpc';

export const metadata = { title: 'Tickets · Alap' };

export default function TicketsPage() {
  return (
    <AppProviders>
      <Suspense>
        <TicketsView />
      </Suspense>
    </AppProviders>
  );
}
