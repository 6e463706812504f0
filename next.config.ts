import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server code (database drivers, argon2) lives in the custom server, not in Next's bundles.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'postgres'],
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      // The widget page is embedded by shops on their own origins.
      { source: '/widget/:path*', headers: [{ key: 'Content-Security-Policy', value: 'frame-ancestors *' }] },
      { source: '/((?!widget).*)', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] },
    ];
  },
};

export default config;
