import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';

test('security headers on the app and the widget page; a mutation from another site is refused', async ({ browser, request }) => {
  const desk = await request.get('/login');
  const h = desk.headers();
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['content-security-policy']).toContain("object-src 'none'");
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');

  // The demo widget names no allowed origins: any shop page may frame it.
  const widget = await request.get('/widget/demo-shop');
  expect(widget.ok()).toBe(true);
  expect(widget.headers()['content-security-policy']).toContain('frame-ancestors *');
  expect(widget.headers()['content-security-policy']).toContain("script-src 'self'");

  // The app still works under its policy: sign in, the desk loads with no CSP violation reported.
  const agent = await newAgentPage(browser);
  const violations: string[] = [];
  agent.page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await agent.page.goto('/desk');
  await expect(agent.page.getByTestId('conversation-item').first()).toBeVisible();
  expect(violations).toEqual([]);

  // CSRF: the same signed-in browser context, a POST whose Origin is another site.
  const forged = await agent.page.request.post('/api/trpc/desk.setStatus', {
    headers: { origin: 'https://evil.example' },
    data: { json: { id: '00000000-0000-4000-8000-000000000000', status: 'resolved' } },
  });
  expect(forged.status()).toBe(403);
  expect(JSON.stringify(await forged.json())).toContain('another site');
  await agent.context.close();
});
