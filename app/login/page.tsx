import { AppProviders } from '@/lib/trpc';
import { LoginForm } from '@/components/desk/login-form';

export const metadata = { title: 'Sign in · Alap' };

export default function LoginPage() {
  return (
    <AppProviders>
      <LoginForm />
    </AppProviders>
  );
}
