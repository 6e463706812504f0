import { Suspense } from 'react';
import { DeskApp } from '@/components/desk/desk-app';
import { AppProviders } from '@/lib/trpc';

export const metadata = { title: 'Vendor inbox · Alap' };

export default function VendorPage() {
  return (
    <AppProviders>
      <Suspense>
        <DeskApp mode="vendor" />
      </Suspense>
    </AppProviders>
  );
}
