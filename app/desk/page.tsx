import { Suspense } from 'react';
import { DeskApp } from '@/components/desk/desk-app';
import { AppProviders } from '@/lib/trpc';

export const metadata = { title: 'Desk · Alap' };

export default function DeskPage() {
  return (
    <AppProviders>
      <Suspense>
        <DeskApp mode="desk" />
      </Suspense>
    </AppProviders>
  );
}
