import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique, widgetMessage } from './widget-helpers';

test('a customer writes in Bengali from the shop widget; the agent sees it live, replies; typing, read state, resolve', async ({ browser, baseURL }) => {
  const agent = await newAgentPage(browser);
  const tag = unique('k');
  const customer = await openShopWidget(browser, baseURL!);
  const { widget } = customer;

  await fillPrechat(widget, `করিম ${tag}`);
  const question = `আমার অর্ডারটা কোথায়? ${tag}`;
  await sendFromWidget(widget, question);
  // Acknowledged after commit: no longer "sending".
  await expect(widgetMessage(widget, question)).toHaveAttribute('data-state', /sent|delivered|read/);

  // The agent's list updates live, without a reload.
  await openConversationInDesk(agent.page, tag);
  await expect(agent.page.getByTestId('desk-message').filter({ hasText: question })).toHaveAttribute('data-sender', 'contact');
  // The product the customer was looking at is attached.
  await expect(agent.page.getByTestId('conversation-context')).toBeVisible();

  // The agent has the conversation open: the customer sees "read".
  await expect(widgetMessage(widget, question)).toHaveAttribute('data-state', 'read');

  // Agent typing shows in the widget.
  const composer = agent.page.getByTestId('composer-input');
  await composer.pressSequentially('আপনার অর্ডার', { delay: 40 });
  await expect(widget.getByTestId('widget-typing')).toBeVisible();
  const reply = `আপনার অর্ডার DB-240101 আজ সন্ধ্যায় পৌঁছাবে। ${tag}`;
  await composer.fill(reply);
  await composer.press('Enter');

  // The customer sees the reply with the agent's name.
  await expect(widgetMessage(widget, reply)).toBeVisible();
  await expect(widgetMessage(widget, reply)).toHaveAttribute('data-sender', 'agent');
  // The widget is open, so the reply is read; the desk shows it.
  await expect(agent.page.getByTestId('desk-message').filter({ hasText: reply })).toHaveAttribute('data-state', 'read');

  // Customer typing shows in the desk.
  await widget.getByTestId('widget-input').pressSequentially('ধন্যবাদ', { delay: 60 });
  await expect(agent.page.getByTestId('desk-typing')).toContainText(/typing|লিখছেন/i);
  await widget.getByTestId('widget-input').press('Enter');
  await expect(agent.page.getByTestId('desk-message').filter({ hasText: 'ধন্যবাদ' })).toBeVisible();

  // A private note never reaches the customer.
  await agent.page.getByTestId('compose-note').click();
  const note = `internal note ${tag}`;
  await composer.fill(note);
  await composer.press('Enter');
  await expect(agent.page.getByTestId('desk-message').filter({ hasText: note })).toHaveAttribute('data-kind', 'note');

  // Resolve: the customer is told.
  await agent.page.getByTestId('resolve-button').click();
  await expect(agent.page.getByTestId('conversation-status')).toContainText(/resolved/i);
  await expect(widget.getByTestId('widget-resolved')).toBeVisible();
  await expect(widgetMessage(widget, note)).toHaveCount(0);

  await customer.context.close();
  await agent.context.close();
});
