import { VendorScorecard } from '@/components/desk/vendor-scorecard';
import { AppProviders } from '@/lib/trpc';

export const metadata = { title: 'Vendor scorecard · Alap' };

export default function VendorScorecardPage() {
  return (
    <AppProviders>
      <VendorScorecard />
    </AppProviders>
  );
}
