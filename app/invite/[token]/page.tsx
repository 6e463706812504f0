import { InviteAccept } from '@/components/admin/invite-form';
import { AppProviders } from '@/lib/trpc';

export const metadata = { title: 'Join · Alap' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <AppProviders>
      <InviteAccept token={token} />
    </AppProviders>
  );
}
