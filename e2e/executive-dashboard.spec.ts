import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseCsv } from '../lib/analytics/csv';
import { signIn } from './helpers';
import { fillPrechat, openShopWidget, sendFromWidget, unique, widgetMessage } from './widget-helpers';

const CEO = 'ceo@dokanbazar.test';
const count = async (text: Promise<string | null>) => Number((await text)?.replace(/[^\d]/g, '') ?? 'NaN');

test('an executive sees live KPIs; a customer writing in the widget moves the waiting count within 5 s', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, CEO);
  await expect(page).toHaveURL(/\/dashboard$/);
  const waiting = page.getByTestId('kpi-waiting');
  await expect(waiting).toHaveText(/^\d+$/);
  await expect(page.getByTestId('live-status')).toContainText('Live');
  await expect(page.getByTestId('kpi-open')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('agent-load')).toBeVisible();
  const before = await count(waiting.textContent());

  const customer = await openShopWidget(browser, baseURL!);
  const tag = unique('dash');
  await fillPrechat(customer.widget, `Dashboard ${tag}`);
  const sentAt = Date.now();
  await sendFromWidget(customer.widget, `amar order kothay? ${tag}`);
  await expect.poll(async () => count(waiting.textContent()), { timeout: 5_000, intervals: [50] }).toBeGreaterThan(before);
  const elapsed = Date.now() - sentAt;
  // The figure the issue asks for: from the customer's message to the changed number on the executive's screen.
  test.info().annotations.push({ type: 'event-to-screen-ms', description: String(elapsed) });
  console.log(`[dashboard] customer message -> waiting count on screen: ${elapsed} ms`);
  await expect(widgetMessage(customer.widget, tag)).toHaveAttribute('data-state', /sent|delivered|read/);
  await customer.context.close();
  await context.close();
});

test('reports drill down from a chart to the conversations behind a bar, and export as CSV that parses', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, CEO);
  await page.goto('/dashboard/reports');
  const bars = page.locator('[data-testid="report-chart"] .recharts-bar-rectangle path');
  await expect(bars.first()).toBeVisible();
  await bars.last().click();
  const drill = page.getByTestId('drill-panel');
  await expect(drill).toBeVisible();
  await expect(drill.getByTestId('drill-row').first()).toBeVisible();
  await expect(drill.getByRole('link', { name: 'Open' }).first()).toHaveAttribute('href', /\/desk\?c=[0-9a-f-]{36}/);

  // By team: one series per team (the demo's three, and any team another journey gave a conversation), and the
  // CSV has a value and a count column for each.
  await page.getByTestId('report-dimension').selectOption('team');
  const legend = page.locator('.recharts-legend-item');
  for (const team of ['Orders & Delivery', 'Payments & Refunds', 'General Support']) await expect(legend.filter({ hasText: team })).toHaveCount(1);
  const series = await legend.count();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^report-volume-team-.*\.csv$/);
  const rows = parseCsv(fs.readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, ''));
  expect(rows[0]![0]).toBe('bucket');
  expect(rows[0]!.length).toBe(1 + series * 2);
  expect(rows.length).toBeGreaterThan(25);
  const total = rows.slice(1).reduce((s, r) => s + Number(r[2]) + Number(r[4]) + Number(r[6]), 0);
  expect(total).toBeGreaterThan(100);
  await context.close();
});

test('forecast, revenue and a printable executive summary', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, CEO);
  await page.goto('/dashboard/forecast');
  await expect(page.getByTestId('forecast-chart').locator('.recharts-surface').first()).toBeVisible();
  await expect(page.getByTestId('backtest-mase')).toHaveText(/\d/);
  const peak = await count(page.getByTestId('peak-needed').textContent());
  // What-if: one chat at a time and a 99% target never need fewer agents.
  await page.getByTestId('whatif-concurrency').fill('1');
  await page.getByTestId('whatif-level').fill('99');
  await expect.poll(async () => count(page.getByTestId('peak-needed').textContent())).toBeGreaterThanOrEqual(peak);
  await page.goto('/dashboard/revenue');
  await expect(page.getByTestId('revenue-total')).toContainText('৳');
  await expect(page.getByTestId('revenue-table')).toBeVisible();
  await page.goto('/dashboard/summary');
  await expect(page.getByTestId('summary-kpis')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  expect(pdf.length).toBeGreaterThan(10_000);
  await context.close();
});
