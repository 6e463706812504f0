import { getWidgetBundle } from '../widget-bundle';

// Prerendered at `next build`: production serves the stored bundle and never runs esbuild. A widget key
// can never contain a dot, so /widget/widget.js cannot collide with /widget/[key].
export const dynamic = 'force-static';

export async function GET() {
  const { js, hash } = await getWidgetBundle();
  const dev = process.env.NODE_ENV === 'development';
  return new Response(js, {
    headers: {
      'content-type': 'application/javascript; charset=utf-8',
      etag: `"${hash}"`,
      // The page links it as /widget/widget.js?v=<build id>: a new build is a new URL, so phones may keep it a year.
      'cache-control': dev ? 'no-store' : 'public, max-age=31536000, immutable',
    },
  });
}
