import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, experimentExposures, orders, widgets } from '@/db/schema';
import { seedContact, seedLabelsAndCanned, seedWidget } from '@/db/seed/factories';
import { assignVariant, sampleSizeMeans, sampleSizeProportions, summarize, twoProportionTest, welchTest } from '@/lib/analytics/experiment-stats';
import type { ExperimentInput } from '@/lib/contracts/experiments';
import { callerFor, cid, createTestApp, newConversation, type SeededStaff, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const caller = (who: SeededStaff) => callerFor(t.app, who.cookie);

let seq = 0;
function draft(over: Partial<ExperimentInput> = {}): ExperimentInput {
  seq++;
  return {
    name: `Suggestions test ${seq}`,
    key: `suggestions-${seq}`,
    kind: 'reply_suggestions',
    variants: [
      { key: 'off', name: 'Off', weight: 1, suggestions: false },
      { key: 'on', name: 'On', weight: 1, suggestions: true },
    ],
    primaryMetric: 'resolution_rate',
    minDetectableEffect: 0.1,
    ...over,
  };
}

async function createAndStart(who: SeededStaff, input: ExperimentInput) {
  const c = await caller(who);
  const e = await c.experiments.create(input);
  return c.experiments.start({ id: e.id });
}

/** Exposes `count` fresh contacts through the assignment API; returns them grouped by the variant they got. */
async function exposeContacts(shop: Shop, kind: 'reply_suggestions' | 'widget_greeting', count: number) {
  const byVariant = new Map<string, string[]>();
  for (let i = 0; i < count; i++) {
    const contact = await seedContact(t.app.db, shop.ws.id);
    const a = await t.app.experiments.variantFor(shop.ws.id, null, contact.id, kind);
    byVariant.set(a!.variant.key, [...(byVariant.get(a!.variant.key) ?? []), contact.id]);
  }
  return byVariant;
}

describe('assignment and exposure', () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await seedShop(t.app);
  });

  it('gives a contact the same variant on every call, as the hash says, and logs the exposure once', async () => {
    const e = await createAndStart(shop.supervisor, draft());
    const contact = await seedContact(t.app.db, shop.ws.id);
    const first = await t.app.experiments.variantFor(shop.ws.id, null, contact.id, 'reply_suggestions');
    expect(first!.variant.key).toBe(assignVariant(e.key, contact.id, e.variants));
    expect(first!.isControl).toBe(first!.variant.key === 'off');
    expect(first!.variant.suggestions).toBe(first!.variant.key === 'on');
    const exposure = () => t.app.db.select().from(experimentExposures).where(and(eq(experimentExposures.experimentId, e.id), eq(experimentExposures.contactId, contact.id)));
    const [logged] = await exposure();
    for (let i = 0; i < 3; i++) {
      const again = await t.app.experiments.variantFor(shop.ws.id, null, contact.id, 'reply_suggestions');
      expect(again!.variant.key).toBe(first!.variant.key);
    }
    const rows = await exposure();
    expect(rows).toHaveLength(1);
    // The first exposure's time stays: outcomes count from it.
    expect(rows[0]!.exposedAt.getTime()).toBe(logged!.exposedAt.getTime());
    expect(rows[0]!.variant).toBe(first!.variant.key);

    // Both arms are used: over 40 contacts, each gets some (a 50/50 split; 2^-39 odds of failing by chance).
    const arms = await exposeContacts(shop, 'reply_suggestions', 40);
    expect([...arms.keys()].sort()).toEqual(['off', 'on']);

    // Another kind with nothing running: no assignment, nothing logged.
    expect(await t.app.experiments.variantFor(shop.ws.id, null, contact.id, 'widget_greeting')).toBeNull();
    // Stopped: no assignment any more.
    await (await caller(shop.admin)).experiments.stop({ id: e.id });
    expect(await t.app.experiments.variantFor(shop.ws.id, null, contact.id, 'reply_suggestions')).toBeNull();
  });

  it('refuses to run two overlapping experiments of one kind, to edit a running one, or to restart a stopped one', async () => {
    const c = await caller(shop.admin);
    const greeting = (en: string) => [
      { key: 'own', name: 'Own', weight: 1 },
      { key: 'new', name: 'New', weight: 1, greetingEn: en },
    ];
    const a = await createAndStart(shop.admin, draft({ kind: 'widget_greeting', variants: greeting('Hello!') }));
    const b = await c.experiments.create(draft({ kind: 'widget_greeting', variants: greeting('Hi there!') }));
    expect((await trpcError(c.experiments.start({ id: b.id }))).code).toBe('CONFLICT');
    expect((await trpcError(c.experiments.update({ ...draft(), id: a.id }))).code).toBe('CONFLICT');
    await c.experiments.stop({ id: a.id });
    expect((await trpcError(c.experiments.start({ id: a.id }))).code).toBe('CONFLICT');
    // With the first one stopped, the second may start.
    expect((await c.experiments.start({ id: b.id })).status).toBe('running');
    await c.experiments.stop({ id: b.id });
  });
});

describe('reply suggestions experiment', () => {
  it('the desk gets no suggestions for customers in an "off" arm, and its usual ones for the others; both count as exposed', async () => {
    const shop = await seedShop(t.app);
    await seedLabelsAndCanned(t.app.db, shop.ws.id, [], [{ shortCode: 'cod', title: 'Cash on delivery', lang: 'en', content: 'Cash on delivery is available all over Bangladesh.' }]);
    const e = await createAndStart(shop.supervisor, draft());
    // Customers until both arms have one (the assignment is the contact id's hash).
    const byArm = new Map<string, Awaited<ReturnType<typeof newConversation>>>();
    while (byArm.size < 2) {
      const c = await newConversation(t.app, shop.widget.key);
      const arm = assignVariant(e.key, c.visitor.actor.contactId, e.variants);
      if (!byArm.has(arm)) byArm.set(arm, c);
    }
    const ask = async (c: Awaited<ReturnType<typeof newConversation>>) => {
      await t.app.chat.sendMessage(c.visitor.actor, { conversationId: c.conversation.id, clientId: cid(), body: 'Is cash on delivery available?' });
      return (await caller(shop.agent)).desk.suggestReplies({ conversationId: c.conversation.id });
    };
    const off = await ask(byArm.get('off')!);
    expect(off).toMatchObject({ withheld: true, suggestions: [] });
    const on = await ask(byArm.get('on')!);
    expect(on.withheld).toBeUndefined();
    expect(on.suggestions.map((x) => x.text)).toContain('Cash on delivery is available all over Bangladesh.');
    const exposed = await t.app.db.select().from(experimentExposures).where(eq(experimentExposures.experimentId, e.id));
    expect(exposed.map((x) => `${x.contactId}:${x.variant}`).sort()).toEqual(
      [...byArm.entries()].map(([arm, c]) => `${c.visitor.actor.contactId}:${arm}`).sort(),
    );
  });
});

describe('widget greeting experiment', () => {
  it('changes the greeting the widget session returns for visitors in the treatment, not for the control', async () => {
    const shop = await seedShop(t.app);
    const otherWidget = await seedWidget(t.app.db, { workspaceId: shop.ws.id });
    const own = await t.app.widget.getPublicConfig(shop.widget.key);
    const treatment = { greetingEn: 'Eid Mubarak! 10% off today — ask us anything.', greetingBn: 'ঈদ মোবারক! আজ ১০% ছাড় — যা জানতে চান জিজ্ঞেস করুন।' };
    const e = await createAndStart(
      shop.admin,
      draft({
        kind: 'widget_greeting',
        key: 'eid-greeting',
        widgetId: shop.widget.id,
        variants: [
          { key: 'control', name: 'Own greeting', weight: 1 },
          { key: 'eid', name: 'Eid offer', weight: 1, ...treatment },
        ],
        primaryMetric: 'conversion',
        minDetectableEffect: 0.05,
      }),
    );

    const seen = { control: 0, eid: 0 };
    for (let i = 0; i < 40 && (seen.control < 2 || seen.eid < 2); i++) {
      const s = await t.app.widget.openSession(shop.widget.key, {});
      const contactId = (await t.app.auth.verifyVisitorToken(s.token))!.contactId;
      const arm = assignVariant(e.key, contactId, e.variants) as 'control' | 'eid';
      seen[arm]++;
      const expected = arm === 'eid' ? treatment : { greetingEn: own.greetingEn, greetingBn: own.greetingBn };
      expect({ greetingEn: s.config.greetingEn, greetingBn: s.config.greetingBn }).toEqual(expected);
      // A returning visitor (same token) sees the same greeting again.
      const again = await t.app.widget.openSession(shop.widget.key, { token: s.token });
      expect(again.config.greetingEn).toBe(expected.greetingEn);
    }
    expect(seen.control).toBeGreaterThanOrEqual(2);
    expect(seen.eid).toBeGreaterThanOrEqual(2);

    const exposures = await t.app.db.select().from(experimentExposures).where(eq(experimentExposures.experimentId, e.id));
    expect(exposures).toHaveLength(seen.control + seen.eid);

    // The experiment targets one widget: the workspace's other widget keeps its own greeting for everyone.
    for (let i = 0; i < 6; i++) expect((await t.app.widget.openSession(otherWidget.key, {})).config.greetingEn).toBe(own.greetingEn);
    // Results count every exposure, in its arm.
    const r = await (await caller(shop.executive)).experiments.results({ id: e.id });
    expect(r.variants.map((v) => [v.key, v.exposures])).toEqual([
      ['control', seen.control],
      ['eid', seen.eid],
    ]);
    expect(r.test).toBe('two_proportions');

    // Once stopped, everyone sees the widget's own greeting again.
    await (await caller(shop.admin)).experiments.stop({ id: e.id });
    for (let i = 0; i < 6; i++) expect((await t.app.widget.openSession(shop.widget.key, {})).config.greetingEn).toBe(own.greetingEn);
  });

  it('a workspace-wide greeting experiment applies to every widget of the workspace', async () => {
    const shop = await seedShop(t.app);
    const second = await seedWidget(t.app.db, { workspaceId: shop.ws.id });
    await createAndStart(
      shop.supervisor,
      draft({
        kind: 'widget_greeting',
        variants: [
          { key: 'control', name: 'Own', weight: 0 },
          { key: 'short', name: 'Short', weight: 1, greetingEn: 'Hello!' },
        ],
        primaryMetric: 'csat',
        minDetectableEffect: 0.3,
      }),
    );
    const own = await t.app.widget.getPublicConfig(second.key);
    for (const key of [shop.widget.key, second.key]) {
      const s = await t.app.widget.openSession(key, {});
      expect(s.config.greetingEn).toBe('Hello!');
      // Only English was changed: the Bengali greeting is the widget's own.
      expect(s.config.greetingBn).toBe(own.greetingBn);
    }
  });
});

describe('proactive message delay experiment', () => {
  it('the loader preloads only where a message may show; each visitor gets their arm’s delay, the widget’s own without an experiment', async () => {
    const shop = await seedShop(t.app);
    const other = await seedWidget(t.app.db, { workspaceId: shop.ws.id });
    // No delay of its own and no experiment: no proactive message, the loader loads nothing early.
    expect(await t.app.widget.getLoaderConfig(shop.widget.key)).toEqual({ proactive: false });
    expect((await t.app.widget.openSession(shop.widget.key, {})).config.proactiveDelaySeconds).toBeNull();
    await expect(t.app.widget.getLoaderConfig('no-such-widget')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const e = await createAndStart(
      shop.admin,
      draft({
        kind: 'proactive_delay',
        key: 'nudge-delay',
        widgetId: shop.widget.id,
        variants: [
          { key: 'slow', name: 'After 30 s', weight: 1, delaySeconds: 30 },
          { key: 'fast', name: 'After 5 s', weight: 1, delaySeconds: 5 },
        ],
        primaryMetric: 'conversion',
        minDetectableEffect: 0.05,
      }),
    );
    expect(await t.app.widget.getLoaderConfig(shop.widget.key)).toEqual({ proactive: true });
    // The experiment targets one widget: the other one still shows nothing.
    expect(await t.app.widget.getLoaderConfig(other.key)).toEqual({ proactive: false });
    expect((await t.app.widget.openSession(other.key, {})).config.proactiveDelaySeconds).toBeNull();

    const seen = { slow: 0, fast: 0 };
    for (let i = 0; i < 40 && (seen.slow < 2 || seen.fast < 2); i++) {
      const s = await t.app.widget.openSession(shop.widget.key, {});
      const contactId = (await t.app.auth.verifyVisitorToken(s.token))!.contactId;
      const arm = assignVariant(e.key, contactId, e.variants) as 'slow' | 'fast';
      seen[arm]++;
      expect(s.config.proactiveDelaySeconds).toBe(arm === 'fast' ? 5 : 30);
      expect((await t.app.widget.openSession(shop.widget.key, { token: s.token })).config.proactiveDelaySeconds).toBe(s.config.proactiveDelaySeconds);
    }
    expect(Math.min(seen.slow, seen.fast)).toBeGreaterThanOrEqual(2);
    const r = await (await caller(shop.executive)).experiments.results({ id: e.id });
    expect(r.variants.map((v) => [v.key, v.exposures])).toEqual([
      ['slow', seen.slow],
      ['fast', seen.fast],
    ]);

    // Stopped: the widget's own setting applies again (here: none, then 20 seconds once it has one).
    await (await caller(shop.admin)).experiments.stop({ id: e.id });
    expect(await t.app.widget.getLoaderConfig(shop.widget.key)).toEqual({ proactive: false });
    await t.app.db.update(widgets).set({ proactiveDelaySeconds: 20 }).where(eq(widgets.id, shop.widget.id));
    expect(await t.app.widget.getLoaderConfig(shop.widget.key)).toEqual({ proactive: true });
    expect((await t.app.widget.openSession(shop.widget.key, {})).config.proactiveDelaySeconds).toBe(20);
  });
});

describe('results', () => {
  async function insertConversations(shop: Shop, rows: { contactId: string; status?: 'open' | 'resolved'; csatRating?: number; firstResponseSeconds?: number; createdAt?: Date }[]) {
    const now = Date.now();
    await t.app.db.insert(conversations).values(
      rows.map((r) => {
        const createdAt = r.createdAt ?? new Date(now + 1000);
        return {
          workspaceId: shop.ws.id,
          contactId: r.contactId,
          status: r.status ?? 'open',
          csatRating: r.csatRating ?? null,
          createdAt,
          firstResponseAt: r.firstResponseSeconds === undefined ? null : new Date(createdAt.getTime() + r.firstResponseSeconds * 1000),
        };
      }),
    );
  }

  it('resolution rate: two proportions on resolved / conversations, with the planned sample and an early-stopping warning', async () => {
    const shop = await seedShop(t.app);
    const e = await createAndStart(shop.admin, draft({ minDetectableEffect: 0.1 }));
    const arms = await exposeContacts(shop, 'reply_suggestions', 80);
    const off = arms.get('off')!;
    const on = arms.get('on')!;
    // Control resolves 4 in 10, treatment 7 in 10.
    const resolvedOf = (ids: string[], perTen: number) => ids.map((contactId, i) => ({ contactId, status: (i % 10 < perTen ? 'resolved' : 'open') as 'open' | 'resolved' }));
    await insertConversations(shop, [...resolvedOf(off, 4), ...resolvedOf(on, 7)]);
    // Before the exposure: not caused by the experiment, not counted.
    await insertConversations(shop, [{ contactId: on[0]!, status: 'open', createdAt: new Date(Date.now() - 3600_000) }]);
    const count = (ids: string[], perTen: number) => ids.filter((_, i) => i % 10 < perTen).length;

    const r = await (await caller(shop.executive)).experiments.results({ id: e.id });
    expect(r.metric).toBe('resolution_rate');
    expect(r.test).toBe('two_proportions');
    const [control, variant] = r.variants;
    expect(control).toMatchObject({ key: 'off', isControl: true, exposures: off.length, conversations: off.length, n: off.length, successes: count(off, 4), comparison: null });
    expect(variant).toMatchObject({ key: 'on', isControl: false, exposures: on.length, conversations: on.length, n: on.length, successes: count(on, 7) });

    const expected = twoProportionTest({ successA: count(off, 4), totalA: off.length, successB: count(on, 7), totalB: on.length });
    const cmp = variant!.comparison!;
    expect(cmp.test).toBe('two_proportions');
    expect(cmp.diff).toBeCloseTo(expected.diff, 10);
    expect(cmp.diff).toBeGreaterThan(0.15);
    expect(cmp.relative).toBeCloseTo(expected.relativeLift!, 10);
    expect(cmp.pValue).toBeCloseTo(expected.pValue!, 10);
    expect(cmp.ci![0]).toBeCloseTo(expected.ci![0], 10);
    expect(cmp.ci![1]).toBeCloseTo(expected.ci![1], 10);
    expect(cmp.significant).toBe(expected.significant);
    expect(cmp.isImprovement).toBe(expected.significant ? true : null);
    expect(control!.value).toBeCloseTo(expected.pA, 10);

    // Planned from the control's rate and the minimum detectable effect of 10 points: far above 40 per arm.
    const required = sampleSizeProportions({ baseline: expected.pA, minDetectableEffect: 0.1 });
    expect(cmp.requiredPerArm).toBe(required);
    expect(r.requiredPerArm).toBe(required);
    expect(cmp.warning).toBe('underpowered');
    expect(r.warning).toBe('underpowered');
    expect(variant!.remaining).toBe(required - on.length);
    expect(control!.remaining).toBe(required - off.length);
  });

  it('CSAT: Welch on the ratings of exposed contacts’ conversations', async () => {
    const shop = await seedShop(t.app);
    const e = await createAndStart(
      shop.supervisor,
      draft({ kind: 'widget_greeting', variants: [{ key: 'd0', name: 'Own greeting', weight: 1 }, { key: 'd30', name: 'Warm', weight: 1, greetingEn: 'Hi! How can we help?' }], primaryMetric: 'csat', minDetectableEffect: 0.5 }),
    );
    const arms = await exposeContacts(shop, 'widget_greeting', 30);
    const control = arms.get('d0')!;
    const variant = arms.get('d30')!;
    const controlRatings = control.map((_, i) => [3, 4, 3, 2, 4][i % 5]!);
    const variantRatings = variant.map((_, i) => [4, 5, 5, 4, 3][i % 5]!);
    // Some conversations go unrated: they count as conversations, not in the CSAT sample.
    await insertConversations(shop, [
      ...control.map((contactId, i) => ({ contactId, csatRating: controlRatings[i] })),
      ...variant.map((contactId, i) => ({ contactId, csatRating: variantRatings[i] })),
      { contactId: control[0]! },
    ]);

    const r = await (await caller(shop.admin)).experiments.results({ id: e.id });
    expect(r.test).toBe('welch');
    const a = summarize(controlRatings);
    const b = summarize(variantRatings);
    const expected = welchTest({ meanA: a.mean, sdA: a.sd, nA: a.n, meanB: b.mean, sdB: b.sd, nB: b.n });
    const [c, v] = r.variants;
    expect(c).toMatchObject({ n: control.length, conversations: control.length + 1, successes: null });
    expect(c!.value).toBeCloseTo(a.mean, 6);
    expect(v!.value).toBeCloseTo(b.mean, 6);
    const cmp = v!.comparison!;
    expect(cmp.test).toBe('welch');
    expect(cmp.diff).toBeCloseTo(expected.diff, 6);
    expect(cmp.diff).toBeGreaterThan(0.5);
    expect(cmp.pValue).toBeCloseTo(expected.pValue!, 6);
    expect(cmp.ci![0]).toBeCloseTo(expected.ci![0], 6);
    expect(cmp.significant).toBe(true);
    expect(cmp.isImprovement).toBe(true);
    const pooledSd = Math.sqrt(((a.n - 1) * a.sd ** 2 + (b.n - 1) * b.sd ** 2) / (a.n + b.n - 2));
    expect(cmp.requiredPerArm).toBe(sampleSizeMeans({ sd: pooledSd, minDetectableEffect: 0.5 }));
  });

  it('first response time: lower is better; conversion: an order within the window after the exposure', async () => {
    const shop = await seedShop(t.app);
    const frt = await createAndStart(shop.admin, draft({ primaryMetric: 'first_response_time', minDetectableEffect: 30 }));
    const arms = await exposeContacts(shop, 'reply_suggestions', 24);
    const off = arms.get('off')!;
    const on = arms.get('on')!;
    const slow = off.map((_, i) => 120 + (i % 4) * 20);
    const fast = on.map((_, i) => 40 + (i % 4) * 10);
    await insertConversations(shop, [...off.map((contactId, i) => ({ contactId, firstResponseSeconds: slow[i] })), ...on.map((contactId, i) => ({ contactId, firstResponseSeconds: fast[i] }))]);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const r = await (await caller(shop.admin)).experiments.results({ id: frt.id });
    const cmp = r.variants[1]!.comparison!;
    expect(r.lowerIsBetter).toBe(true);
    expect(r.variants[0]!.value).toBeCloseTo(mean(slow), 3);
    expect(r.variants[1]!.value).toBeCloseTo(mean(fast), 3);
    expect(cmp.diff).toBeCloseTo(mean(fast) - mean(slow), 3);
    expect(cmp.diff).toBeLessThan(-50);
    expect(cmp.significant).toBe(true);
    // Faster is the improvement.
    expect(cmp.isImprovement).toBe(true);
    await (await caller(shop.admin)).experiments.stop({ id: frt.id });

    const conv = await createAndStart(shop.admin, draft({ primaryMetric: 'conversion', minDetectableEffect: 0.05, conversionDays: 7 }));
    const arms2 = await exposeContacts(shop, 'reply_suggestions', 24);
    const c2 = arms2.get('off')!;
    const v2 = arms2.get('on')!;
    const day = 86_400_000;
    const order = (contactId: string, placedAt: Date, n: number) => ({
      workspaceId: shop.ws.id,
      contactId,
      orderNumber: `EXP-${contactId.slice(0, 8)}-${n}`,
      status: 'delivered',
      paymentMethod: 'cod',
      totalBdt: 1000,
      items: [],
      placedAt,
    });
    await t.app.db.insert(orders).values([
      // Control: one order in the window, one too late, one before the exposure (none of the latter two count).
      order(c2[0]!, new Date(Date.now() + 2 * day), 1),
      order(c2[1]!, new Date(Date.now() + 8 * day), 1),
      order(c2[2]!, new Date(Date.now() - day), 1),
      // Treatment: three buyers, one with two orders (one converted contact).
      order(v2[0]!, new Date(Date.now() + day), 1),
      order(v2[0]!, new Date(Date.now() + 3 * day), 2),
      order(v2[1]!, new Date(Date.now() + 6 * day), 1),
      order(v2[2]!, new Date(Date.now() + 60_000), 1),
    ]);
    const r2 = await (await caller(shop.supervisor)).experiments.results({ id: conv.id });
    expect(r2.variants.map((v) => [v.n, v.successes])).toEqual([
      [c2.length, 1],
      [v2.length, 3],
    ]);
    const expected = twoProportionTest({ successA: 1, totalA: c2.length, successB: 3, totalB: v2.length });
    expect(r2.variants[1]!.comparison!.pValue).toBeCloseTo(expected.pValue!, 10);
  });

  it('with no data: nulls and the no-data warning, never a crash', async () => {
    const shop = await seedShop(t.app);
    for (const primaryMetric of ['csat', 'resolution_rate', 'first_response_time', 'conversion'] as const) {
      const c = await caller(shop.admin);
      const e = await c.experiments.create(draft({ primaryMetric, minDetectableEffect: primaryMetric === 'first_response_time' ? 30 : 0.1 }));
      // A draft has no results yet; a running one without any visitor neither.
      for (const status of ['draft', 'running']) {
        if (status === 'running') await c.experiments.start({ id: e.id });
        const r = await c.experiments.results({ id: e.id });
        expect(r.warning).toBe('no-data');
        expect(r.requiredPerArm).toBeNull();
        for (const v of r.variants) {
          expect(v).toMatchObject({ exposures: 0, conversations: 0, n: 0, value: null, remaining: null });
        }
        expect(r.variants[1]!.comparison).toMatchObject({ diff: null, ci: null, pValue: null, significant: false, warning: 'no-data' });
      }
      await c.experiments.stop({ id: e.id });
    }
  });
});

describe('access and validation', () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await seedShop(t.app);
  });

  it('agents and vendors cannot create or read; executives read but do not change; other workspaces see nothing', async () => {
    for (const who of [shop.agent, shop.vendorStaffA]) {
      const c = await caller(who);
      expect((await trpcError(c.experiments.create(draft()))).code).toBe('FORBIDDEN');
      expect((await trpcError(c.experiments.list())).code).toBe('FORBIDDEN');
    }
    expect((await trpcError((await callerFor(t.app)).experiments.list())).code).toBe('UNAUTHORIZED');
    const exec = await caller(shop.executive);
    expect((await trpcError(exec.experiments.create(draft()))).code).toBe('FORBIDDEN');

    const e = await (await caller(shop.supervisor)).experiments.create(draft());
    expect((await trpcError(exec.experiments.start({ id: e.id }))).code).toBe('FORBIDDEN');
    expect((await exec.experiments.list()).map((x) => x.id)).toContain(e.id);
    expect((await exec.experiments.results({ id: e.id })).experiment.id).toBe(e.id);

    const other = await seedShop(t.app);
    const theirs = await caller(other.admin);
    expect((await theirs.experiments.list()).map((x) => x.id)).not.toContain(e.id);
    expect((await trpcError(theirs.experiments.results({ id: e.id }))).code).toBe('NOT_FOUND');
    expect((await trpcError(theirs.experiments.start({ id: e.id }))).code).toBe('NOT_FOUND');
    expect((await trpcError(theirs.experiments.update({ ...draft(), id: e.id }))).code).toBe('NOT_FOUND');
    // Nor may an experiment target another workspace's widget.
    expect((await trpcError(theirs.experiments.create(draft({ kind: 'widget_greeting', widgetId: shop.widget.id, variants: [{ key: 'a', name: 'A', weight: 1 }, { key: 'b', name: 'B', weight: 1, greetingEn: 'Hi' }] })))).code).toBe('BAD_REQUEST');
  });

  it('rejects bad definitions with clear messages', async () => {
    const c = await caller(shop.admin);
    const bad = async (input: unknown, message: RegExp) => {
      const err = await trpcError(c.experiments.create(input as ExperimentInput));
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toMatch(message);
    };
    const v = (key: string, weight = 1, extra = {}) => ({ key, name: key.toUpperCase(), weight, suggestions: true, ...extra });
    await bad(draft({ variants: [v('only')] }), /2 to 5 variants/);
    await bad(draft({ variants: ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => v(k)) }), /2 to 5 variants/);
    await bad(draft({ variants: [v('same'), v('same')] }), /unique.*same/);
    await bad(draft({ variants: [v('a', 0), v('b', 0)] }), /weight above 0/);
    await bad(draft({ variants: [v('a', -1), v('b', 1)] }), /0 or more/);
    await bad(draft({ key: 'Not A Slug' }), /slug/);
    await bad(draft({ variants: [v('a'), v('B c')] }), /slug/);
    await bad(draft({ kind: 'widget_greeting', variants: [v('a'), v('b', 1, { greetingEn: 'x'.repeat(501) })] }), /at most 500/);
    await bad(draft({ kind: 'widget_greeting', variants: [v('a'), v('b')] }), /needs a greeting/);
    await bad(draft({ kind: 'proactive_delay', variants: [v('a', 1, { delaySeconds: 0 }), v('b', 1)] }), /needs a delay in seconds/);
    await bad(draft({ kind: 'proactive_delay', variants: [v('a', 1, { delaySeconds: 0 }), v('b', 1, { delaySeconds: 3601 })] }), /at most 3600/);
    await bad(draft({ primaryMetric: 'conversion', minDetectableEffect: 5 }), /share below 1/);
    await bad(draft({ minDetectableEffect: 0 }), /above 0/);

    const ok = await c.experiments.create(draft({ key: 'taken' }));
    expect(ok.status).toBe('draft');
    expect((await trpcError(c.experiments.create(draft({ key: 'taken' })))).code).toBe('CONFLICT');
    // A draft can be edited, its variants too.
    const edited = await c.experiments.update({ ...draft({ key: 'taken', name: 'Renamed' }), id: ok.id });
    expect(edited.name).toBe('Renamed');
  });
});
