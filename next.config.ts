import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server code (database drivers, argon2) lives in the custom server, not in Next's bundles.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'postgres'],
  typescript: { ignoreBuildErrors: true },
  async headers() {
    const dev = process.env.NODE_ENV === 'development';
    // The app's pages: scripts and styles from this server only (Next's inline bootstrap scripts and recharts'
    // inline styles need 'unsafe-inline'; the dev server's hot reload needs eval), never framed, no plugins.
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob: https:",
      "font-src 'self' data:",
      "connect-src 'self' ws: wss:",
      "media-src 'self' blob:",
      "frame-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; ');
    const common = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' },
      { key: 'Permissions-Policy', value: 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=()' },
    ];
    return [
      // The widget's page (/widget/<key>) is served by the custom server with the widget's own frame-ancestors.
      { source: '/widget/:path*', headers: common },
      {
        source: '/((?!widget/).*)',
        headers: [...common, { key: 'Content-Security-Policy', value: csp }, { key: 'X-Frame-Options', value: 'DENY' }, { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' }],
      },
    ];
  },
};

export default config;
