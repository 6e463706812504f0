import { expect, test } from '@playwright/test';
import { newAgentPage, trpc } from './helpers';
import { openShopWidget, unique } from './widget-helpers';

type Experiment = { id: string; key: string; status: string };

test('an admin runs a greeting experiment: the customer sees the treatment greeting in the widget, the dashboard counts the exposure', async ({ browser, baseURL }) => {
  const admin = await newAgentPage(browser, 'admin@dokanbazar.test');
  const tag = unique('eid');
  const greetingBn = `ঈদ মোবারক! আজ সব অর্ডারে ফ্রি ডেলিভারি ${tag}`;
  const greetingEn = `Eid Mubarak! Free delivery on every order today ${tag}`;

  const widgets = await trpc<{ id: string; key: string }[]>(admin.page, 'experiments.widgets', undefined);
  const demo = widgets.data.find((w) => w.key === 'demo-shop');
  expect(demo, 'the demo widget exists').toBeTruthy();

  const created = await trpc<Experiment>(
    admin.page,
    'experiments.create',
    {
      name: `Eid greeting ${tag}`,
      key: tag.toLowerCase(),
      kind: 'widget_greeting',
      widgetId: demo!.id,
      // All traffic on the treatment: every customer must see it.
      variants: [
        { key: 'control', name: 'Own greeting', weight: 0 },
        { key: 'eid', name: 'Eid', weight: 100, greetingEn, greetingBn },
      ],
      primaryMetric: 'conversion',
      minDetectableEffect: 0.05,
    },
    'mutation',
  );
  expect(created.error).toBeUndefined();
  const id = created.data.id;
  try {
    const started = await trpc<Experiment>(admin.page, 'experiments.start', { id }, 'mutation');
    expect(started.data.status).toBe('running');

    const customer = await openShopWidget(browser, baseURL!);
    await expect(customer.widget.getByText(greetingBn)).toBeVisible();
    await customer.context.close();

    // The dashboard shows the experiment running, with the exposure counted and a warning not to stop early.
    await admin.page.goto('/dashboard/experiments');
    const row = admin.page.getByTestId('experiment-row').filter({ hasText: tag.toLowerCase() });
    await expect(row.getByTestId('experiment-status')).toHaveText(/running/i);
    await row.getByTestId('experiment-results-button').click();
    const treatment = admin.page.getByTestId('experiment-variant-result').and(admin.page.locator('[data-variant="eid"]'));
    await expect(treatment.getByTestId('result-exposures')).toHaveText('1');
    await expect(admin.page.getByTestId('experiment-warning')).toBeVisible();
  } finally {
    // Other journeys expect the widget's own greeting.
    await trpc(admin.page, 'experiments.stop', { id }, 'mutation');
    await admin.context.close();
  }
});
