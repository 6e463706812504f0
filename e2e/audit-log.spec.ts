import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseCsv } from '../lib/analytics/csv';
import { newAgentPage, trpc } from './helpers';
import { unique } from './widget-helpers';

test('an admin finds staff changes and sign-ins in the audit log, exports it as CSV and checks the chain; others cannot read it', async ({ browser }) => {
  const admin = await newAgentPage(browser, 'admin@dokanbazar.test');
  const name = unique('Audited policy');
  const saved = await trpc(admin.page, 'sla.savePolicy', { name, firstResponseSeconds: 900, nextResponseSeconds: null, resolutionSeconds: null, teamId: null, priority: null }, 'mutation');
  expect(saved.error).toBeUndefined();

  await admin.page.goto('/dashboard/audit');
  const rows = admin.page.getByTestId('audit-row');
  await expect(rows.filter({ hasText: 'sla.savePolicy' }).filter({ hasText: name })).toBeVisible();
  await admin.page.getByTestId('audit-action').fill('auth.sign_in');
  await expect(rows.first()).toContainText('auth.sign_in');
  await expect(rows.filter({ hasText: 'sla.savePolicy' })).toHaveCount(0);

  const [download] = await Promise.all([admin.page.waitForEvent('download'), admin.page.getByTestId('audit-export').click()]);
  const csv = parseCsv(fs.readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, ''));
  expect(csv[0]).toEqual(['id', 'at', 'actor', 'role', 'ip', 'action', 'target_type', 'target_id', 'before', 'after']);
  expect(csv.slice(1).every((r) => r[5]!.startsWith('auth.sign_in'))).toBe(true);

  await admin.page.getByTestId('audit-verify').click();
  await expect(admin.page.getByTestId('audit-verify-result')).toContainText(/Chain intact|শৃঙ্খল অক্ষত/);
  await admin.page.screenshot({ path: test.info().outputPath('audit-log.png'), fullPage: true });

  // A supervisor is refused, and sees no link to it.
  const supervisor = await newAgentPage(browser, 'supervisor@dokanbazar.test');
  expect((await trpc(supervisor.page, 'audit.search', { limit: 5 })).error?.data.code).toBe('FORBIDDEN');
  await supervisor.page.goto('/dashboard');
  await expect(supervisor.page.getByRole('link', { name: /Audit log|অডিট লগ/ })).toHaveCount(0);
  await admin.context.close();
  await supervisor.context.close();
});
