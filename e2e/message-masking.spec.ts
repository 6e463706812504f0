import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique } from './widget-helpers';

test('a card number and a one-time code sent from the widget are masked before anyone sees them; the customer is told why', async ({ browser, baseURL }) => {
  const agent = await newAgentPage(browser);
  const tag = unique('mask');
  const customer = await openShopWidget(browser, baseURL!);
  const { widget } = customer;
  await fillPrechat(widget, `Sumi ${tag}`);
  await sendFromWidget(widget, `payment fail holo ${tag}, card 4111 1111 1111 1111, OTP 482913`);

  const masked = `payment fail holo ${tag}, card •••• •••• •••• 1111, OTP ••••••`;
  const mine = widget.getByTestId('widget-message').filter({ hasText: tag });
  await expect(mine).toContainText(masked);
  await expect(mine).not.toContainText('4111 1111');
  await expect(mine.getByTestId('widget-masked-note')).toBeVisible();
  await customer.page.screenshot({ path: test.info().outputPath('masked-widget.png') });

  await openConversationInDesk(agent.page, tag);
  const inDesk = agent.page.getByTestId('desk-message').filter({ hasText: tag });
  await expect(inDesk).toContainText(masked);
  await expect(inDesk).not.toContainText('482913');
  await customer.context.close();
  await agent.context.close();
});
