export const metadata = { title: 'Dashboards · Alap' };

export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return children;
}
