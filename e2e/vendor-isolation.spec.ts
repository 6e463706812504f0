import { expect, test } from '@playwright/test';
import { io } from 'socket.io-client';
import { newAgentPage, trpc } from './helpers';

type ListOut = { items: { id: string; vendorName: string | null; vendorId: string | null }[] };
const allStatuses = ['open', 'pending', 'snoozed', 'resolved'];

test('a vendor cannot open another vendor’s conversation by URL, tRPC call or socket room join', async ({ browser, baseURL }) => {
  // The supervisor sees every conversation: find one for each vendor.
  const sup = await newAgentPage(browser, 'supervisor@dokanbazar.test');
  const all = await trpc<ListOut>(sup.page, 'desk.listConversations', { view: 'all', statuses: allStatuses, limit: 100 });
  expect(all.status).toBe(200);
  const gadget = all.data.items.find((c) => c.vendorName === 'GadgetGhor');
  const rangdhanu = all.data.items.find((c) => c.vendorName === 'Rangdhanu Fashion House');
  expect(gadget, 'the demo data has a GadgetGhor conversation').toBeTruthy();
  expect(rangdhanu, 'the demo data has a Rangdhanu conversation').toBeTruthy();
  await sup.context.close();

  const vendor = await newAgentPage(browser, 'owner@rangdhanu.test');
  const { page } = vendor;
  await expect(page).toHaveURL(/\/vendor/);

  // Their own inbox lists only their own conversations.
  const mine = await trpc<ListOut>(page, 'desk.listConversations', { view: 'all', statuses: allStatuses, limit: 100 });
  expect(mine.data.items.length).toBeGreaterThan(0);
  expect(mine.data.items.every((c) => c.vendorName === 'Rangdhanu Fashion House')).toBe(true);

  // Own conversation opens by URL…
  await page.goto(`/vendor?c=${rangdhanu!.id}`);
  await expect(page.getByTestId('message-log')).toBeVisible();
  // …the other vendor's does not.
  await page.goto(`/vendor?c=${gadget!.id}`);
  await expect(page.getByTestId('conversation-error')).toContainText(/not found/i);
  await expect(page.getByTestId('message-log')).toHaveCount(0);

  // tRPC: detail and history are NOT_FOUND, nothing leaks.
  const detail = await trpc(page, 'desk.conversation', { id: gadget!.id });
  expect(detail.status).toBe(404);
  expect(detail.error?.data.code).toBe('NOT_FOUND');
  const history = await trpc(page, 'desk.history', { conversationId: gadget!.id, limit: 10 });
  expect(history.status).toBe(404);
  const status = await trpc(page, 'desk.setStatus', { id: gadget!.id, status: 'resolved' }, 'mutation');
  expect(status.status).toBe(404);

  // Socket: joining the other vendor's room, syncing or sending is refused.
  const cookies = await vendor.context.cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const socket = io(baseURL!, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = (event: string, payload: unknown) =>
    new Promise<{ ok: boolean; error?: { code: string } }>((resolve) => socket.emit(event, payload, resolve));
  expect(await ack('conversation:join', { conversationId: gadget!.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await ack('conversation:sync', { conversationId: gadget!.id, afterId: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await ack('message:send', { conversationId: gadget!.id, clientId: 'vendor-probe-0001', body: 'hello' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect(await ack('conversation:join', { conversationId: rangdhanu!.id })).toMatchObject({ ok: true });
  socket.disconnect();
  await vendor.context.close();
});
