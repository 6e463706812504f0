import { expect, test } from '@playwright/test';
import { newAgentPage, trpc } from './helpers';
import { unique } from './widget-helpers';

type Experiment = { id: string; key: string; status: string };
type Results = { variants: { key: string; exposures: number }[] };

test('a proactive-delay experiment: the shop page shows the greeting beside the closed launcher after the arm’s delay; a click opens the chat', async ({ browser, baseURL }) => {
  const admin = await newAgentPage(browser, 'admin@dokanbazar.test');
  const tag = unique('nudge');
  const widgets = await trpc<{ id: string; key: string }[]>(admin.page, 'experiments.widgets', undefined);
  const demo = widgets.data.find((w) => w.key === 'demo-shop')!;

  // Without a delay of its own or an experiment, the demo widget shows nothing and loads no chat early.
  const before = await browser.newContext({ baseURL, locale: 'bn-BD' });
  const quiet = await before.newPage();
  await quiet.goto('/demo-shop.html');
  await expect(quiet.locator('#alap-launcher')).toBeVisible();
  await quiet.waitForTimeout(2_500);
  await expect(quiet.locator('#alap-proactive')).toHaveCount(0);
  await expect(quiet.locator('#alap-frame')).toHaveCount(0);
  await before.close();

  const created = await trpc<Experiment>(
    admin.page,
    'experiments.create',
    {
      name: `Nudge delay ${tag}`,
      key: tag.toLowerCase(),
      kind: 'proactive_delay',
      widgetId: demo.id,
      // All traffic on the 1-second arm, so this customer is in it.
      variants: [
        { key: 'late', name: 'After 10 minutes', weight: 0, delaySeconds: 600 },
        { key: 'soon', name: 'After 1 second', weight: 100, delaySeconds: 1 },
      ],
      primaryMetric: 'conversion',
      minDetectableEffect: 0.05,
    },
    'mutation',
  );
  expect(created.error).toBeUndefined();
  const id = created.data.id;
  try {
    expect((await trpc<Experiment>(admin.page, 'experiments.start', { id }, 'mutation')).data.status).toBe('running');

    const context = await browser.newContext({ baseURL, locale: 'bn-BD', viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.goto('/demo-shop.html');
    // The loader loads the chat in the background (closed), which opens the session and says when to show.
    const bubble = page.locator('#alap-proactive');
    await expect(bubble).toBeVisible({ timeout: 15_000 });
    await expect(bubble.getByRole('button').first()).not.toHaveText('');
    await expect(page.locator('#alap-frame')).toBeHidden();
    await page.screenshot({ path: test.info().outputPath('proactive-phone.png') });

    await bubble.getByRole('button').first().click();
    await expect(page.locator('#alap-frame')).toBeVisible();
    await expect(bubble).toHaveCount(0);
    await expect(page.frameLocator('iframe#alap-frame').getByTestId('widget-input').or(page.frameLocator('iframe#alap-frame').getByTestId('widget-prechat-name'))).toBeVisible();

    // Once per browser session: the next page of the shop shows no bubble.
    await page.goto('/demo-shop.html');
    await expect(page.locator('#alap-launcher')).toBeVisible();
    await page.waitForTimeout(2_500);
    await expect(bubble).toHaveCount(0);
    await context.close();

    const results = await trpc<Results>(admin.page, 'experiments.results', { id });
    expect(results.data.variants.map((v) => [v.key, v.exposures])).toEqual([
      ['late', 0],
      ['soon', 1],
    ]);
  } finally {
    await trpc(admin.page, 'experiments.stop', { id }, 'mutation');
    await admin.context.close();
  }
});
