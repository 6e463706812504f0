import { expect, test } from '@playwright/test';
import { newAgentPage, trpc } from './helpers';
import { openConversationInDesk, unique } from './widget-helpers';

// The admin console's people (issue 7): an admin invites an agent by link; the agent signs up through it and
// reaches the desk; the admin deactivates them, and their open desk is signed out at once.
test('an admin invites an agent who signs up through the link and receives a chat; deactivating signs them out', async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const admin = await newAgentPage(browser, 'admin@dokanbazar.test');
  // A team of its own for the new agent, and a widget that routes to it: the chat can only be theirs.
  const teamName = unique('Night shift');
  const team = await trpc<{ id: string }>(admin.page, 'admin.createTeam', { name: teamName }, 'mutation');
  const widget = await trpc<{ key: string }>(
    admin.page,
    'admin.createWidget',
    { name: 'Night chat', color: '#1d4ed8', greetingEn: 'Hello!', greetingBn: 'হ্যালো!', offlineTextEn: null, offlineTextBn: null, prechatEnabled: false, prechatFields: [], allowedOrigins: [], verifiedOnly: false, defaultTeamId: team.data.id, intentRouting: false, calendarId: null },
    'mutation',
  );
  expect(widget.status).toBe(200);
  await admin.page.getByTestId('admin-link').click();
  await admin.page.waitForURL(/\/admin$/);
  const email = `${unique('nadia')}@dokanbazar.test`;
  await admin.page.getByLabel('Email').fill(email);
  await admin.page.getByLabel('Name (optional)').fill('Nadia Islam');
  await admin.page.getByLabel(teamName).first().check();
  await admin.page.getByRole('button', { name: 'Create invitation link' }).click();
  const url = (await admin.page.getByTestId('link-text').textContent())!;
  expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
  await expect(admin.page.getByTestId('pending')).toContainText(email);
  await admin.page.screenshot({ path: test.info().outputPath('admin-people.png'), fullPage: true });

  const ctx = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'en-US' });
  const page = await ctx.newPage();
  await page.goto(url);
  await expect(page.getByText(/You are invited as Agent/)).toBeVisible();
  await page.getByLabel('Your name').fill('Nadia Islam');
  await page.getByLabel('Password', { exact: true }).fill('password1234');
  await page.getByLabel('Password again').fill('password1234');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /common|easy to guess/ })).toBeVisible();
  const password = 'river tiffin lantern 58';
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password again').fill(password);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await page.getByTestId('invite-sign-in').click();
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(/\/desk/);
  await expect(page.getByTestId('account-link')).toContainText('Nadia Islam');

  // A customer writes through the team's widget: the chat is assigned to Nadia, live in her desk.
  const shopper = await browser.newContext({ baseURL, viewport: { width: 390, height: 780 }, locale: 'bn-BD' });
  const chat = await shopper.newPage();
  await chat.goto(`/widget/${widget.data.key}`);
  const tag = unique('rat');
  await chat.getByTestId('widget-input').fill(`রাতে ডেলিভারি হয়? ${tag}`);
  await chat.getByTestId('widget-input').press('Enter');
  await expect(chat.getByTestId('widget-header-agent')).toContainText('Nadia Islam');
  await openConversationInDesk(page, tag);

  // The admin sees the new agent, and deactivates them: the open desk goes to the sign-in page.
  await admin.page.reload();
  const person = admin.page.locator(`[data-testid="person"][data-email="${email}"]`);
  await expect(person).toHaveAttribute('data-active', 'true');
  admin.page.once('dialog', (d) => void d.accept());
  await person.getByRole('button', { name: 'Deactivate' }).click();
  await expect(person).toHaveAttribute('data-active', 'false');
  await page.waitForURL(/\/login/, { timeout: 15_000 });
  // Her open chat went back to the queue.
  await expect(admin.page.getByRole('status').filter({ hasText: 'Nadia Islam is deactivated; 1 conversation(s) went back to the queue.' })).toBeVisible();
  await Promise.all([ctx.close(), shopper.close(), admin.context.close()]);
});

test('an admin creates a team, gives it members and a routing strategy, renames it and deletes it', async ({ browser }) => {
  const admin = await newAgentPage(browser, 'admin@dokanbazar.test');
  await admin.page.goto('/admin');
  await admin.page.getByTestId('admin-tab-teams').click();
  const name = unique('Returns desk');
  await admin.page.getByLabel('Team name').first().fill(name);
  await admin.page.getByRole('button', { name: 'Create team' }).click();
  const team = admin.page.locator(`[data-testid="team"][data-name="${name}"]`);
  await expect(team).toBeVisible();
  await team.getByLabel('Sadia Islam').check();
  await team.getByLabel('Tanvir Hasan').check();
  await team.getByRole('button', { name: 'Save members' }).click();
  await expect(team.getByRole('button', { name: 'Save members' })).toHaveCount(0);
  await team.getByLabel('Routing').selectOption('load_balanced');
  await expect.poll(async () => (await trpc<{ name: string; routingStrategy: string; memberIds: string[] }[]>(admin.page, 'admin.teams', undefined)).data.find((x) => x.name === name)).toMatchObject({ routingStrategy: 'load_balanced' });
  const saved = (await trpc<{ name: string; memberIds: string[] }[]>(admin.page, 'admin.teams', undefined)).data.find((x) => x.name === name)!;
  expect(saved.memberIds).toHaveLength(2);
  await admin.page.screenshot({ path: test.info().outputPath('admin-teams.png'), fullPage: true });
  await team.getByLabel('Team name').fill(`${name} (BD)`);
  await team.getByRole('button', { name: 'Save', exact: true }).click();
  const renamed = admin.page.locator(`[data-testid="team"][data-name="${name} (BD)"]`);
  await expect(renamed).toBeVisible();
  admin.page.once('dialog', (d) => void d.accept());
  await renamed.getByRole('button', { name: 'Delete team' }).click();
  await expect(renamed).toHaveCount(0);
  await admin.context.close();
});
