import Link from 'next/link';

export default function Home() {
  return (
    <main style={{ maxWidth: 640, margin: '10vh auto', padding: 24, lineHeight: 1.6 }}>
      <h1 style={{ marginBottom: 0 }}>Alap · আলাপ</h1>
      <p style={{ color: 'var(--muted)', marginTop: 4 }}>Realtime customer support for marketplaces.</p>
      <ul>
        <li><Link href="/login">Sign in to the desk</Link></li>
        <li><a href="/demo-shop.html">Open the demo shop (customer widget)</a></li>
      </ul>
    </main>
  );
}
