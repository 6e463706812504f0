import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import postgres from 'postgres';
import { signIn as signInWith, trpc } from './helpers';
import { type RunningServer, startServer } from './server';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique } from './widget-helpers';

// The routing journeys change team and agent settings, so they run on a server and database of their own
// (on Postgres when DATABASE_URL is set: a database created here), with a fast routing sweep and no models.
const port = Number(process.env.E2E_ROUTING_PORT ?? 3302);
const base = `http://localhost:${port}`;

let server: RunningServer;
let dropDatabase = async () => {};

async function privateDatabase(): Promise<Record<string, string>> {
  const url = process.env.DATABASE_URL;
  if (!url) return {};
  const name = `alap_e2e_routing_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  dropDatabase = async () => {
    const again = postgres(url, { max: 1, onnotice: () => {} });
    await again.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await again.end();
  };
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { DATABASE_URL: u.toString() };
}

async function signIn(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await signInWith(page, email);
  return { context, page };
}

type Settings = {
  teams: { id: string; name: string }[];
  agents: { id: string; name: string; capacity: number; load: number; presence: string }[];
};
type ListPage = { items: { id: string; teamName: string | null }[]; nextCursor: string | null };

test.describe.serial('routing', () => {
  let admin: { context: BrowserContext; page: Page };
  let generalId = '';
  const agents: { id: string; name: string; email: string }[] = [];

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    server = await startServer({ port, env: { ...(await privateDatabase()), ROUTING_SWEEP_MS: '500', AI_ENABLED: 'false' } });
    admin = await signIn(browser, 'admin@dokanbazar.test');
    const settings = (await trpc<Settings>(admin.page, 'routing.settings', undefined)).data;
    generalId = settings.teams.find((t) => t.name === 'General Support')!.id;
    for (const [name, email] of [
      ['Kamrul Hossain', 'kamrul@dokanbazar.test'],
      ['Shirin Sultana', 'shirin@dokanbazar.test'],
    ] as const) {
      agents.push({ id: settings.agents.find((a) => a.name === name)!.id, name, email });
    }
    // A clean floor: the demo's open General Support conversations are resolved, so the queue starts empty.
    let cursor: string | null = null;
    do {
      const page: ListPage = (await trpc<ListPage>(admin.page, 'desk.listConversations', { view: 'all', statuses: ['open', 'pending'], limit: 100, ...(cursor ? { cursor } : {}) })).data;
      for (const c of page.items.filter((x) => x.teamName === 'General Support')) {
        expect((await trpc(admin.page, 'desk.setStatus', { id: c.id, status: 'resolved' }, 'mutation')).status).toBe(200);
      }
      cursor = page.nextCursor;
    } while (cursor);
  });

  test.afterAll(async () => {
    await admin?.context.close();
    await server?.stop();
    await dropDatabase();
  });

  test('two agents with one chat each: the third customer waits at position 1 and is served when a chat is resolved', async ({ browser }) => {
    test.setTimeout(180_000);
    for (const a of agents) {
      const res = await trpc(admin.page, 'routing.updateAgent', { userId: a.id, maxConcurrentChats: 1 }, 'mutation');
      expect(res.status).toBe(200);
    }
    const [kamrul, shirin] = await Promise.all(agents.map((a) => signIn(browser, a.email)));
    // Both are online with room: the settings page shows 0 / 1 for each.
    await expect
      .poll(async () => (await trpc<Settings>(admin.page, 'routing.settings', undefined)).data.agents.filter((a) => agents.some((x) => x.id === a.id) && a.presence === 'online' && a.load === 0).length)
      .toBe(2);

    const customers = [];
    for (let i = 1; i <= 3; i++) {
      const tag = unique(`q${i}`);
      const customer = await openShopWidget(browser, base, { locale: 'en-US' });
      await fillPrechat(customer.widget, `Queue ${tag}`);
      await sendFromWidget(customer.widget, `Hello from customer ${i} ${tag}`);
      customers.push({ ...customer, tag });
      if (i < 3) await expect(customer.widget.getByTestId('widget-header-agent')).toBeVisible();
    }
    const third = customers[2]!;
    // Both agents are busy: the third customer sees their place in line and an estimate, not an agent.
    await expect(third.widget.getByTestId('widget-queue')).toContainText('You are #1 in line');
    await expect(third.widget.getByTestId('widget-queue-eta')).toContainText(/about \d+ min/);
    await expect(third.widget.getByTestId('widget-header-agent')).toHaveCount(0);
    await third.page.screenshot({ path: test.info().outputPath('queue-position.png') });

    // The first customer's agent resolves that chat: the third customer is served by the freed agent at once.
    const firstAgentName = (await customers[0]!.widget.getByTestId('widget-header-agent').locator('h1').textContent())!.trim();
    const resolver = firstAgentName === agents[0]!.name ? kamrul : shirin;
    await resolver.page.reload();
    await openConversationInDesk(resolver.page, customers[0]!.tag);
    await resolver.page.getByTestId('resolve-button').click();
    await expect(customers[0]!.widget.getByTestId('widget-resolved')).toBeVisible();
    await expect(third.widget.getByTestId('widget-header-agent')).toContainText(firstAgentName);
    await expect(third.widget.getByTestId('widget-queue')).toHaveCount(0);

    // The desk shows why: assigned from the queue after waiting.
    await openConversationInDesk(resolver.page, third.tag);
    await expect(resolver.page.getByTestId('routing-decision').filter({ hasText: /From the queue to/ })).toBeVisible();

    for (const c of customers) await c.context.close();
    await kamrul.context.close();
    await shirin.context.close();
  });

  test('an unanswered chat is reassigned to another agent after the team limit', async ({ browser }) => {
    test.setTimeout(180_000);
    // Room for this journey, and a 5-second limit instead of the demo's 5 minutes.
    for (const a of agents) expect((await trpc(admin.page, 'routing.updateAgent', { userId: a.id, maxConcurrentChats: 3 }, 'mutation')).status).toBe(200);
    expect((await trpc(admin.page, 'routing.updateTeam', { teamId: generalId, reassignAfterSeconds: 5 }, 'mutation')).status).toBe(200);
    const [kamrul, shirin] = await Promise.all(agents.map((a) => signIn(browser, a.email)));

    const tag = unique('ra');
    const customer = await openShopWidget(browser, base, { locale: 'en-US' });
    await fillPrechat(customer.widget, `Reassign ${tag}`);
    await sendFromWidget(customer.widget, `Is anyone there? ${tag}`);
    const header = customer.widget.getByTestId('widget-header-agent').locator('h1');
    await expect(header).toBeVisible();
    const first = (await header.textContent())!.trim();
    const other = agents.find((a) => a.name !== first)!.name;
    // Nobody answers: within the limit plus a sweep or two, the chat moves to the other agent.
    await expect(header).toHaveText(other, { timeout: 20_000 });

    const desk = other === agents[0]!.name ? kamrul : shirin;
    await desk.page.reload();
    await openConversationInDesk(desk.page, tag);
    await expect(desk.page.getByTestId('routing-decision').filter({ hasText: `${first} did not answer within 5 s: reassigned to ${other}` })).toBeVisible();
    // The new agent answers: the customer sees the reply from them, and it stays put.
    await desk.page.getByTestId('composer-input').fill(`On it! ${tag}`);
    await desk.page.getByTestId('composer-input').press('Enter');
    await expect(customer.widget.getByTestId('widget-message').filter({ hasText: `On it! ${tag}` })).toBeVisible();
    await desk.page.waitForTimeout(7_000);
    await expect(header).toHaveText(other);

    await customer.context.close();
    await kamrul.context.close();
    await shirin.context.close();
  });
});
