import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

// Customers are often on 2G/3G: everything the widget loads stays within budget (loader ≤ 3 KB gzipped,
// iframe page JS ≤ 120 KB gzipped), measured on the production build the journeys run against.
test('the widget loader and the iframe page stay within their gzip budgets', async ({ request }) => {
  const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
  const loader = await request.get('/widget.js');
  expect(loader.ok()).toBe(true);
  const loaderGz = gz(await loader.body());
  expect(loaderGz).toBeLessThanOrEqual(3 * 1024);

  const page = await request.get('/widget/demo-shop');
  expect(page.ok()).toBe(true);
  const html = await page.text();
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  let jsGz = 0;
  for (const src of scripts) {
    const res = await request.get(src);
    expect(res.ok()).toBe(true);
    jsGz += gz(await res.body());
  }
  console.log(`widget loader ${loaderGz} B gzip; iframe page JS ${jsGz} B gzip in ${scripts.length} file(s)`);
  expect(jsGz).toBeLessThanOrEqual(120 * 1024);
});
