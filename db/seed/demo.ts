import { eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '@/db/client';
import { automationRules, businessCalendars, contacts, conversations, csatResponses, messageAnnotations, messages, orders, products, macros, slaEvents, slaPolicies, teams, tickets, users, workspaces } from '@/db/schema';
import type { App } from '@/server/app';
import type { AuthService } from '@/server/auth/auth.service';
import { indexQueuedMessages } from '@/server/search/indexer';
import { backfillReporting } from '@/server/reporting/backfill';
import { businessSecondsBetween } from '@/server/sla/business-time';
import { SlaService } from '@/server/sla/sla.service';
import * as content from './demo-content';
import { fieldCrypto } from '@/server/security/field-crypto';
import { DEMO_ADMIN_TOTP_SECRET } from './demo-secrets';
import { seedLabelsAndCanned, seedTeam, seedUser, seedVendor, seedWidget } from './factories';
import { mulberry32 } from '@/lib/random';

export const DEMO_PASSWORD = 'alap-demo-2026';
export const DEMO_WIDGET_KEY = 'demo-shop';

// Demo logins (listed in the README). Everyone shares DEMO_PASSWORD.
export const demoLogins = {
  admin: 'admin@dokanbazar.test',
  supervisor: 'supervisor@dokanbazar.test',
  agents: [
    'rahim@dokanbazar.test',
    'farhana@dokanbazar.test',
    'tanvir@dokanbazar.test',
    'sadia@dokanbazar.test',
    'arif@dokanbazar.test',
    'mitu@dokanbazar.test',
    'kamrul@dokanbazar.test',
    'shirin@dokanbazar.test',
  ],
  executive: 'ceo@dokanbazar.test',
  vendorRangdhanu: ['owner@rangdhanu.test', 'staff@rangdhanu.test'],
  vendorGadgetghor: ['owner@gadgetghor.test', 'staff@gadgetghor.test'],
} as const;

const agentNames = ['Rahim Uddin', 'Farhana Akter', 'Tanvir Hasan', 'Sadia Islam', 'Arif Chowdhury', 'Mitu Rahman', 'Kamrul Hossain', 'Shirin Sultana'];

// The models' intent for each demo topic (lib/contracts/ai.ts intents).
const intentOfTopic = {
  order_status: 'order_status',
  delivery_delay: 'order_status',
  refund: 'return_refund',
  return: 'return_refund',
  payment: 'payment',
  product_question: 'product_info',
  account: 'account',
  complaint: 'other',
  cancel: 'cancel_order',
  praise: 'other',
} as const;

export async function seedDemoIfEmpty(app: App) {
  const [row] = await app.db.select({ n: sql<number>`count(*)::int` }).from(workspaces).where(sql`${workspaces.slug} = 'dokan-bazar'`);
  if (Number(row?.n ?? 0) > 0) return null;
  const seeded = await seedDemo(app.db);
  await enrollDemoAdminTotp(app.db, app.auth);
  return seeded;
}

/** Turns on the demo admin's two-factor sign-in with DEMO_ADMIN_TOTP_SECRET. */
export async function enrollDemoAdminTotp(db: Db, auth: Pick<AuthService, 'enrollTotpSecret'>) {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoLogins.admin));
  if (admin) await auth.enrollTotpSecret(admin.id, DEMO_ADMIN_TOTP_SECRET);
}

export async function seedDemo(db: Db, opts: { conversations?: number; now?: Date; slug?: string } = {}) {
  const rand = mulberry32(20261125);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const now = opts.now ?? new Date();
  const [ws] = await db.insert(workspaces).values({ name: 'Dokan Bazar', slug: opts.slug ?? 'dokan-bazar' }).returning();
  const workspaceId = ws!.id;

  const teamOrders = await seedTeam(db, workspaceId, 'Orders & Delivery');
  const teamPayments = await seedTeam(db, workspaceId, 'Payments & Refunds');
  const teamGeneral = await seedTeam(db, workspaceId, 'General Support');
  const teamBySlug = { orders: teamOrders.id, payments: teamPayments.id, general: teamGeneral.id } as const;

  const vRang = await seedVendor(db, workspaceId, 'Rangdhanu Fashion House');
  const vGadget = await seedVendor(db, workspaceId, 'GadgetGhor');
  const vendorBySlug = { rangdhanu: vRang.id, gadgetghor: vGadget.id } as const;

  const pw = { password: DEMO_PASSWORD, workspaceId };
  await seedUser(db, { ...pw, role: 'admin', name: 'Ayesha Siddiqua', email: demoLogins.admin, teamIds: [teamGeneral.id] });
  await seedUser(db, { ...pw, role: 'supervisor', name: 'Nusrat Jahan', email: demoLogins.supervisor, teamIds: [teamOrders.id, teamPayments.id, teamGeneral.id] });
  const teamOfAgent = [teamOrders.id, teamOrders.id, teamOrders.id, teamPayments.id, teamPayments.id, teamGeneral.id, teamGeneral.id, teamGeneral.id];
  const agents = [];
  for (let i = 0; i < agentNames.length; i++) {
    const extra = i === 5 ? [teamOrders.id] : [];
    agents.push(await seedUser(db, { ...pw, role: 'agent', name: agentNames[i]!, email: demoLogins.agents[i]!, teamIds: [teamOfAgent[i]!, ...extra] }));
  }
  // Routing profiles (server/routing): capacity, languages and skills as a real floor would have them.
  const profiles: { capacity: number; languages: string[]; skills: string[] }[] = [
    { capacity: 6, languages: ['bn', 'banglish', 'en'], skills: ['order_status', 'cancel_order', 'phone', 'earbuds'] },
    { capacity: 5, languages: ['bn', 'banglish'], skills: ['order_status', 'saree', 'womens-wear'] },
    { capacity: 4, languages: ['en', 'banglish'], skills: ['cancel_order', 'home-appliance'] },
    { capacity: 6, languages: ['bn', 'banglish', 'en'], skills: ['payment', 'return_refund'] },
    { capacity: 5, languages: ['bn', 'en'], skills: ['return_refund'] },
    { capacity: 6, languages: ['bn', 'banglish', 'en'], skills: ['account', 'product_info', 'grocery'] },
    { capacity: 5, languages: ['bn', 'banglish'], skills: ['product_info', 'panjabi', 'mens-wear'] },
    { capacity: 4, languages: ['en', 'bn'], skills: ['account', 'smartwatch', 'power-bank'] },
  ];
  for (let i = 0; i < agents.length; i++) {
    const p = profiles[i % profiles.length]!;
    await db.update(users).set({ maxConcurrentChats: p.capacity, languages: p.languages, skills: p.skills }).where(eq(users.id, agents[i]!.id));
  }
  // Each team routes its own way: skills for orders, load for payments, turns for general questions; an
  // unanswered chat moves on after 5 minutes, and orders overflow to general support after 10 minutes of waiting.
  await db.update(teams).set({ routingStrategy: 'skills', overflowAfterSeconds: 600, overflowTeamId: teamGeneral.id, reassignAfterSeconds: 300 }).where(eq(teams.id, teamOrders.id));
  await db.update(teams).set({ routingStrategy: 'load_balanced', reassignAfterSeconds: 300 }).where(eq(teams.id, teamPayments.id));
  await db.update(teams).set({ routingStrategy: 'round_robin', reassignAfterSeconds: 300 }).where(eq(teams.id, teamGeneral.id));
  // Business hours for SLA clocks: Saturday–Thursday 09:00–21:00, Friday 15:00–21:00 in Dhaka, and the public
  // holidays (the Eid dates follow the moon: these are the expected ones).
  const [calendar] = await db.insert(businessCalendars).values({
    workspaceId,
    name: 'Dhaka support hours',
    timezone: 'Asia/Dhaka',
    hours: [6, 0, 1, 2, 3, 4].map((day) => ({ day, open: 9 * 60, close: 21 * 60 })).concat([{ day: 5, open: 15 * 60, close: 21 * 60 }]),
    holidays: [
      { date: '2026-02-21', name: 'Shaheed Dibosh' },
      { date: '2026-03-20', name: 'Eid-ul-Fitr' },
      { date: '2026-03-21', name: 'Eid-ul-Fitr' },
      { date: '2026-03-22', name: 'Eid-ul-Fitr' },
      { date: '2026-03-26', name: 'Independence Day' },
      { date: '2026-04-14', name: 'Pohela Boishakh' },
      { date: '2026-05-01', name: 'May Day' },
      { date: '2026-05-27', name: 'Eid-ul-Adha' },
      { date: '2026-05-28', name: 'Eid-ul-Adha' },
      { date: '2026-05-29', name: 'Eid-ul-Adha' },
      { date: '2026-12-16', name: 'Victory Day' },
      { date: '2027-02-21', name: 'Shaheed Dibosh' },
      { date: '2027-03-10', name: 'Eid-ul-Fitr' },
      { date: '2027-03-11', name: 'Eid-ul-Fitr' },
      { date: '2027-03-12', name: 'Eid-ul-Fitr' },
      { date: '2027-03-26', name: 'Independence Day' },
      { date: '2027-04-14', name: 'Pohela Boishakh' },
      { date: '2027-05-01', name: 'May Day' },
      { date: '2027-05-16', name: 'Eid-ul-Adha' },
      { date: '2027-05-17', name: 'Eid-ul-Adha' },
      { date: '2027-05-18', name: 'Eid-ul-Adha' },
      { date: '2027-12-16', name: 'Victory Day' },
    ],
    isDefault: true,
  }).returning();
  // SLA targets in business time: stricter as the priority rises.
  const min = 60;
  const policies = await db.insert(slaPolicies).values([
    { workspaceId, name: 'Standard', firstResponseSeconds: 15 * min, nextResponseSeconds: 30 * min, resolutionSeconds: 24 * 60 * min },
    { workspaceId, name: 'High priority', priority: 'high', firstResponseSeconds: 10 * min, nextResponseSeconds: 20 * min, resolutionSeconds: 8 * 60 * min },
    { workspaceId, name: 'Urgent', priority: 'urgent', firstResponseSeconds: 5 * min, nextResponseSeconds: 10 * min, resolutionSeconds: 4 * 60 * min },
    { workspaceId, name: 'Payments (money at stake)', teamId: teamPayments.id, firstResponseSeconds: 10 * min, nextResponseSeconds: 20 * min, resolutionSeconds: 12 * 60 * min },
  ]).returning();
  await seedUser(db, { ...pw, role: 'executive', name: 'Mahmudul Karim', email: demoLogins.executive });
  await seedUser(db, { ...pw, role: 'vendor', name: 'Shathi Roy', email: demoLogins.vendorRangdhanu[0], vendorId: vRang.id });
  await seedUser(db, { ...pw, role: 'vendor', name: 'Rafi Ahmed', email: demoLogins.vendorRangdhanu[1], vendorId: vRang.id });
  await seedUser(db, { ...pw, role: 'vendor', name: 'Jubayer Alam', email: demoLogins.vendorGadgetghor[0], vendorId: vGadget.id });
  await seedUser(db, { ...pw, role: 'vendor', name: 'Priya Das', email: demoLogins.vendorGadgetghor[1], vendorId: vGadget.id });
  const vendorUserIds = new Map<string, string[]>();
  for (const u of await db.query.users.findMany({ where: (t, { eq }) => eq(t.role, 'vendor') })) {
    vendorUserIds.set(u.vendorId!, [...(vendorUserIds.get(u.vendorId!) ?? []), u.id]);
  }

  const widget = await seedWidget(db, { workspaceId, key: DEMO_WIDGET_KEY, defaultTeamId: teamGeneral.id, prechatEnabled: true });

  await seedLabelsAndCanned(db, workspaceId, content.labels, content.cannedResponses.map(({ shortCode, title, content: c, lang }) => ({ shortCode, title, content: c, lang })));

  // Automation: ready-made rules, off until a supervisor turns them on (Supervisor view → Automation rules),
  // and macros the agents can run from the conversation header.
  await db.insert(automationRules).values([
    {
      workspaceId,
      name: 'Refunds to Payments',
      enabled: false,
      trigger: 'message_created',
      match: 'all',
      position: 0,
      conditions: [{ field: 'text', op: 'contains', value: 'refund, ফেরত, ferot, taka back' }],
      actions: [
        { type: 'assign_team', teamId: teamPayments.id },
        { type: 'add_labels', labels: ['refund'] },
        { type: 'set_priority', priority: 'high' },
      ],
    },
    {
      workspaceId,
      name: 'After-hours auto-reply',
      enabled: false,
      trigger: 'conversation_created',
      match: 'all',
      position: 1,
      conditions: [{ field: 'business_hours', op: 'is_false', value: '' }],
      actions: [{ type: 'send_reply', body: 'আমাদের সাপোর্ট এখন বন্ধ (শনি–বৃহস্পতি ৯টা–৯টা)। আপনার বার্তা পেয়েছি, খোলার পরই উত্তর দেব। / We are closed now; we will reply as soon as we open.' }],
    },
  ]);
  await db.insert(macros).values([
    {
      workspaceId,
      name: 'Wrong item: apologise and escalate',
      actions: [
        { type: 'add_labels', labels: ['wrong-item'] },
        { type: 'set_priority', priority: 'high' },
        { type: 'send_reply', body: 'দুঃখিত, ভুল পণ্য পৌঁছেছে। আমরা বদলে দেওয়ার ব্যবস্থা করছি, কুরিয়ার ২–৩ দিনের মধ্যে যোগাযোগ করবে।' },
      ],
    },
    {
      workspaceId,
      name: 'Refund started: note and resolve',
      actions: [
        { type: 'add_labels', labels: ['refund'] },
        { type: 'send_reply', body: 'আপনার রিফান্ড শুরু হয়েছে; ৩–৫ কর্মদিবসের মধ্যে টাকা আপনার বিকাশ/নগদ/কার্ডে ফেরত যাবে।' },
        { type: 'add_note', body: 'Refund started via macro' },
        { type: 'resolve' },
      ],
    },
  ]);

  const productRows = await db
    .insert(products)
    .values(
      content.products.map((p) => ({
        workspaceId,
        vendorId: p.vendor ? vendorBySlug[p.vendor] : null,
        sku: p.sku,
        name: p.name,
        nameBn: p.nameBn,
        category: p.category,
        priceBdt: p.priceBdt,
      })),
    )
    .returning();

  const fc = await fieldCrypto(db);
  const contactRows = await db
    .insert(contacts)
    .values(
      content.customerNames.map((c, i) => ({
        workspaceId,
        externalId: `cust-${1000 + i}`,
        isVerified: true,
        name: c.name,
        ...fc.contactFields({ email: c.email ?? null, phone: c.phone ?? null }),
        createdAt: new Date(now.getTime() - (40 + i) * 86400_000),
      })),
    )
    .returning();

  const couriers = ['Pathao', 'RedX', 'Steadfast', 'Sundarban'];
  const cities = ['Dhaka', 'Chattogram', 'Sylhet', 'Khulna', 'Rajshahi', 'Gazipur', 'Narayanganj'];
  const payments = ['bKash', 'Nagad', 'Cash on delivery', 'Card'];
  const statuses = ['delivered', 'delivered', 'shipped', 'processing', 'cancelled', 'returned'];
  const orderValues = [];
  let orderNo = 240100;
  for (const c of contactRows) {
    const n = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < n; k++) {
      const items = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => {
        const p = pick(productRows);
        return { sku: p.sku, name: p.name, qty: 1 + Math.floor(rand() * 2), priceBdt: p.priceBdt, vendorId: p.vendorId };
      });
      orderValues.push({
        workspaceId,
        contactId: c.id,
        orderNumber: `DB-${orderNo++}`,
        status: pick(statuses),
        paymentMethod: pick(payments),
        courier: pick(couriers),
        city: pick(cities),
        totalBdt: items.reduce((s, i) => s + i.qty * i.priceBdt, 0) + 60,
        items,
        placedAt: new Date(now.getTime() - Math.floor(rand() * 35 * 86400_000)),
      });
    }
  }
  const orderRows = await db.insert(orders).values(orderValues).returning();
  const ordersByContact = new Map<string, typeof orderRows>();
  for (const o of orderRows) ordersByContact.set(o.contactId!, [...(ordersByContact.get(o.contactId!) ?? []), o]);

  const agentsByTeam = new Map<string, string[]>();
  agents.forEach((a, i) => {
    const teamsOfAgent = [teamOfAgent[i]!, ...(i === 5 ? [teamOrders.id] : [])];
    for (const t of teamsOfAgent) agentsByTeam.set(t, [...(agentsByTeam.get(t) ?? []), a.id]);
  });

  const total = opts.conversations ?? 420;
  let messageCount = 0;
  const convValues: (typeof conversations.$inferInsert)[] = [];
  const scriptOf: (typeof content.scripts)[number][] = [];
  const msgBatches: { convIndex: number; rows: Omit<typeof messages.$inferInsert, 'conversationId'>[] }[] = [];
  for (let i = 0; i < total; i++) {
    const script = pick(content.scripts);
    const contact = pick(contactRows);
    // More traffic on recent days and in Bangladeshi daytime/evening.
    const daysAgo = Math.floor(Math.pow(rand(), 1.3) * 30);
    const hour = 9 + Math.floor(rand() * 14);
    const start = new Date(now.getTime() - daysAgo * 86400_000);
    start.setUTCHours(hour - 6, Math.floor(rand() * 60), 0, 0);
    if (start > now) start.setTime(now.getTime() - 3600_000 * (1 + rand() * 5));
    const teamId = teamBySlug[script.team];
    const vendorId = script.vendor ? vendorBySlug[script.vendor] : null;
    const fits = productRows.filter(
      (p) => (!script.vendor || p.vendorId === vendorId) && (!script.productCategories || script.productCategories.includes(p.category ?? '')),
    );
    const product = pick(fits.length ? fits : productRows);
    const order = pick(ordersByContact.get(contact.id) ?? orderRows);
    const recent = daysAgo === 0;
    const status = recent ? pick(['open', 'open', 'pending'] as const) : rand() < 0.93 ? 'resolved' : pick(['open', 'pending', 'snoozed'] as const);
    const assigneeId = recent && rand() < 0.3 ? null : pick(agentsByTeam.get(teamId) ?? [agents[0]!.id]);
    const fill = (t: string) => t.replaceAll('{order}', order.orderNumber).replaceAll('{product}', script.lang === 'bn' ? (product.nameBn ?? product.name) : product.name);
    let t = start.getTime();
    const rows: (typeof msgBatches)[number]['rows'] = [];
    for (let k = 0; k < script.lines.length; k++) {
      const line = script.lines[k]!;
      t += (k === 0 ? 0 : 30 + Math.floor(rand() * 420)) * 1000;
      const senderId = line.from === 'customer' ? contact.id : line.from === 'vendor' ? pick(vendorUserIds.get(vendorId!) ?? [agents[0]!.id]) : assigneeId ?? pick(agents).id;
      rows.push({
        senderType: line.from === 'customer' ? 'contact' : 'agent',
        senderId,
        kind: 'text',
        body: fill(line.text),
        clientId: `seed-${i}-${k}`,
        createdAt: new Date(Math.min(t, now.getTime() - 1000)),
      });
    }
    const firstAgent = rows.find((r) => r.senderType === 'agent');
    const last = rows[rows.length - 1]!;
    convValues.push({
      workspaceId,
      contactId: contact.id,
      widgetId: widget.id,
      channel: 'web',
      status,
      priority: script.priority ?? 'none',
      assigneeId,
      teamId,
      vendorId,
      labels: content.topicLabels[script.topic]?.slice(0, 2) ?? [],
      context: script.needsOrder
        ? { type: 'order', id: order.orderNumber, title: `Order ${order.orderNumber}` }
        : script.needsProduct || script.vendor
          ? { type: 'product', id: product.sku, title: product.name, priceBdt: product.priceBdt }
          : null,
      snoozedUntil: status === 'snoozed' ? new Date(now.getTime() + 86400_000) : null,
      lastMessageAt: last.createdAt!,
      lastMessagePreview: last.body.slice(0, 140),
      firstResponseAt: firstAgent?.createdAt ?? null,
      resolvedAt: status === 'resolved' ? new Date(last.createdAt!.getTime() + 120_000) : null,
      assignedAt: assigneeId ? start : null,
      queuedAt: assigneeId ? null : start,
      createdAt: start,
    });
    msgBatches.push({ convIndex: i, rows });
    scriptOf.push(script);
    messageCount += rows.length;
  }

  const convRows: { id: string }[] = [];
  for (let i = 0; i < convValues.length; i += 200) {
    convRows.push(...(await db.insert(conversations).values(convValues.slice(i, i + 200)).returning({ id: conversations.id })));
  }
  const allMessages = msgBatches.flatMap((b) => b.rows.map((r) => ({ ...r, conversationId: convRows[b.convIndex]!.id })));
  allMessages.sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime());
  for (let i = 0; i < allMessages.length; i += 1000) {
    await db.insert(messages).values(allMessages.slice(i, i + 1000));
  }
  // What the models would have said about each conversation's first customer message, and the customers'
  // ratings of resolved ones: the dashboards and reports have a month of intent, language, sentiment and CSAT.
  const firstContact = new Map(
    rowsOf<{ conversation_id: string; id: string | number; created_at: string | Date }>(
      await db.execute(sql`select distinct on (m.conversation_id) m.conversation_id, m.id, m.created_at from messages m
        join conversations c on c.id = m.conversation_id
        where c.workspace_id = ${workspaceId} and m.sender_type = 'contact' order by m.conversation_id, m.id`),
    ).map((r) => [r.conversation_id, r]),
  );
  const annotationRows: (typeof messageAnnotations.$inferInsert)[] = [];
  const csatRows: (typeof csatResponses.$inferInsert)[] = [];
  convValues.forEach((c, i) => {
    const id = convRows[i]!.id;
    const script = scriptOf[i]!;
    const m = firstContact.get(id);
    if (m) {
      const negative = ['complaint', 'delivery_delay'].includes(script.topic) || (script.topic === 'refund' && rand() < 0.5);
      const sentiment = negative ? 'negative' : script.topic === 'praise' ? 'positive' : 'neutral';
      const top = 0.7 + rand() * 0.25;
      const rest = (1 - top) / 2;
      annotationRows.push({
        messageId: Number(m.id),
        conversationId: id,
        lang: script.lang,
        sentiment,
        sentimentScores: { negative: sentiment === 'negative' ? top : rest, neutral: sentiment === 'neutral' ? top : rest, positive: sentiment === 'positive' ? top : rest },
        intent: intentOfTopic[script.topic],
        intentConfidence: 0.6 + rand() * 0.38,
        createdAt: new Date(m.created_at),
      });
    }
    if (c.status === 'resolved' && c.resolvedAt && rand() < 0.7) {
      const r = rand();
      const rating = script.topic === 'praise' ? 5 : script.topic === 'complaint' ? (r < 0.4 ? 2 : r < 0.7 ? 3 : 4) : r < 0.45 ? 5 : r < 0.78 ? 4 : r < 0.9 ? 3 : r < 0.96 ? 2 : 1;
      csatRows.push({ conversationId: id, workspaceId, contactId: c.contactId, assigneeId: c.assigneeId ?? null, teamId: c.teamId ?? null, vendorId: c.vendorId ?? null, rating, createdAt: new Date(c.resolvedAt.getTime() + 300_000) });
    }
  });
  for (let i = 0; i < annotationRows.length; i += 500) await db.insert(messageAnnotations).values(annotationRows.slice(i, i + 500));
  for (let i = 0; i < csatRows.length; i += 500) await db.insert(csatResponses).values(csatRows.slice(i, i + 500));
  await db.execute(sql`update conversations c set csat_rating = r.rating from csat_responses r where r.conversation_id = c.id and c.workspace_id = ${workspaceId}`);
  // How the month's first responses and resolutions did against the SLA policies, in business time (the SLA
  // service's record of stopped clocks): the backfill turns them into SLA attainment for the reports.
  const cal = { timezone: calendar!.timezone, hours: calendar!.hours, holidays: calendar!.holidays.map((h) => h.date) };
  const slaRows: (typeof slaEvents.$inferInsert)[] = [];
  convValues.forEach((c, i) => {
    const policy = SlaService.policyFor(policies, c.teamId ?? null, c.priority ?? 'none');
    const stopped = (kind: 'first_response' | 'resolution', target: number | null, at: Date | null | undefined) => {
      if (!policy || !target || !at) return;
      const businessSeconds = businessSecondsBetween(cal, c.createdAt!, at);
      slaRows.push({ workspaceId, conversationId: convRows[i]!.id, kind, event: businessSeconds <= target ? 'met' : 'missed', targetSeconds: target, businessSeconds, wallSeconds: (at.getTime() - c.createdAt!.getTime()) / 1000, at });
    };
    stopped('first_response', policy?.firstResponseSeconds ?? null, c.firstResponseAt);
    if (c.status === 'resolved') stopped('resolution', policy?.resolutionSeconds ?? null, c.resolvedAt);
  });
  for (let i = 0; i < slaRows.length; i += 500) await db.insert(slaEvents).values(slaRows.slice(i, i + 500));
  await backfillReporting(db, workspaceId);
  // The seeded history is searchable at once (a running server indexes new messages in the background).
  await indexQueuedMessages(db, allMessages.length + 1000);
  // Watermarks from the inserted ids: seeded history is fully delivered and read, except today's open ones.
  await db.execute(sql`
    update conversations c set
      last_message_id = m.max_id,
      last_contact_message_id = coalesce(m.max_contact_id, 0),
      agent_delivered_up_to = m.max_id, contact_delivered_up_to = m.max_id,
      agent_read_up_to = case when c.status = 'resolved' then m.max_id else coalesce(m.max_agent_id, 0) end,
      contact_read_up_to = m.max_id
    from (select conversation_id, max(id) as max_id,
                 max(id) filter (where sender_type = 'contact') as max_contact_id,
                 max(id) filter (where sender_type = 'agent') as max_agent_id
          from messages group by conversation_id) m
    where m.conversation_id = c.id and c.workspace_id = ${workspaceId}`);

  // A few tickets: chats that needed follow-up (one overdue, one with a reminder tomorrow, one solved).
  const ticketSources = convValues
    .map((c, i) => ({ c, id: convRows[i]!.id }))
    .filter(({ c }) => !c.vendorId && c.lastMessagePreview)
    .slice(0, 4);
  const day = 86_400_000;
  const plans = [
    { priority: 'high', status: 'open', dueAt: new Date(now.getTime() - day / 4), subject: 'Courier says delivered, customer has no parcel' },
    { priority: 'normal', status: 'pending', dueAt: new Date(now.getTime() + 2 * day), subject: 'Refund to bKash not received', remindAt: new Date(now.getTime() + day), reminderNote: 'Check with Payments if the refund went out' },
    { priority: 'urgent', status: 'open', dueAt: new Date(now.getTime() + day / 8), subject: 'Wrong size delivered, needs exchange before Eid' },
    { priority: 'low', status: 'solved', dueAt: null, subject: 'Change delivery address' },
  ] as const;
  for (const [i, { c, id }] of ticketSources.entries()) {
    const plan = plans[i]!;
    const order = (ordersByContact.get(c.contactId) ?? [])[0];
    await db.insert(tickets).values({
      workspaceId,
      number: i + 1,
      conversationId: id,
      contactId: c.contactId,
      teamId: c.teamId ?? null,
      assigneeId: c.assigneeId ?? null,
      subject: plan.subject,
      priority: plan.priority,
      status: plan.status,
      dueAt: plan.dueAt,
      orderId: order?.id ?? null,
      source: 'chat',
      remindAt: 'remindAt' in plan ? plan.remindAt : null,
      reminderNote: 'reminderNote' in plan ? plan.reminderNote : null,
      solvedAt: plan.status === 'solved' ? now : null,
    });
  }

  return { workspaceId, conversations: convRows.length, messages: messageCount, contacts: contactRows.length, orders: orderRows.length };
}
