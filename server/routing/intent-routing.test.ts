import { describe, expect, it } from 'vitest';
import { type IntentRouteInput, type IntentSignal, planIntentRoute } from './intent-routing';

const teams = [
  { id: 't-orders', name: 'Orders & Delivery' },
  { id: 't-pay', name: 'Payments & Refunds' },
  { id: 't-general', name: 'General Support' },
];
const sig = (messageId: number, intent: IntentSignal['intent'], confidence: number, team: string | null): IntentSignal => ({ messageId, intent, confidence, team });
const base = (over: Partial<IntentRouteInput> = {}): IntentRouteInput => ({
  conversation: { teamId: 't-general', vendorId: null, status: 'open', firstResponseAt: null },
  decisions: [{ source: 'widget', intent: null, confidence: null }],
  signals: [],
  teams,
  generalTeam: 'General Support',
  minConfidence: 0.6,
  ...over,
});

describe('planIntentRoute', () => {
  it('routes a confident first message to its intent team, with the reason', () => {
    const plan = planIntentRoute(base({ signals: [sig(1, 'order_status', 0.93, 'Orders & Delivery')] }));
    expect(plan).toMatchObject({ teamId: 't-orders', intent: 'order_status', confident: true });
    expect(plan!.reason).toBe('Intent order_status (93% confident) maps to Orders & Delivery');
  });

  it('leaves alone a conversation whose widget keeps its chats in its own team', () => {
    expect(planIntentRoute(base({ signals: [sig(1, 'order_status', 0.93, 'Orders & Delivery')], widgetAllows: false }))).toBeNull();
  });

  it('matches team names case- and space-insensitively', () => {
    expect(planIntentRoute(base({ signals: [sig(1, 'payment', 0.8, ' payments & refunds ')] }))?.teamId).toBe('t-pay');
  });

  it('sends an unclear first message to the general queue and says why', () => {
    const low = planIntentRoute(base({ signals: [sig(1, 'payment', 0.45, 'Payments & Refunds')] }));
    expect(low).toMatchObject({ teamId: 't-general', confident: false });
    expect(low!.reason).toContain('only 45% confident, below 60%');
    const other = planIntentRoute(base({ signals: [sig(1, 'other', 0.97, 'General Support')] }));
    expect(other).toMatchObject({ teamId: 't-general', confident: false });
    expect(other!.reason).toContain('no support intent recognised');
  });

  it('lets a clearer second message move a conversation out of the general queue, once', () => {
    const decisions = [{ source: 'widget', intent: null, confidence: null }, { source: 'ai', intent: 'other', confidence: 0.9 }];
    const signals = [sig(1, 'other', 0.9, 'General Support'), sig(2, 'return_refund', 0.88, 'Payments & Refunds')];
    expect(planIntentRoute(base({ decisions, signals }))).toMatchObject({ teamId: 't-pay', intent: 'return_refund' });
    // Already routed on a confident reading: nothing more to do.
    const routed = [...decisions, { source: 'ai', intent: 'return_refund', confidence: 0.88 }];
    expect(planIntentRoute(base({ decisions: routed, signals: [...signals, sig(3, 'payment', 0.99, 'Payments & Refunds')] }))).toBeNull();
    // Unclear again after the general-queue decision: not decided twice.
    expect(planIntentRoute(base({ decisions, signals: [sig(1, 'other', 0.9, 'General Support'), sig(2, 'other', 0.9, 'General Support')] }))).toBeNull();
  });

  it('looks only at the first three customer messages', () => {
    const signals = [sig(1, 'other', 0.9, 'General Support'), sig(2, 'other', 0.9, 'General Support'), sig(3, 'other', 0.9, 'General Support'), sig(4, 'payment', 0.99, 'Payments & Refunds')];
    expect(planIntentRoute(base({ decisions: [{ source: 'ai', intent: 'other', confidence: 0.9 }], signals }))).toBeNull();
  });

  it('picks the most confident clear reading among the first messages', () => {
    const signals = [sig(1, 'order_status', 0.7, 'Orders & Delivery'), sig(2, 'cancel_order', 0.65, 'Orders & Delivery'), sig(3, 'payment', 0.95, 'Payments & Refunds')];
    expect(planIntentRoute(base({ signals }))).toMatchObject({ teamId: 't-pay', intent: 'payment', confidence: 0.95 });
  });

  it('never moves vendor, answered, resolved or hand-routed conversations', () => {
    const signals = [sig(1, 'order_status', 0.99, 'Orders & Delivery')];
    const c = base().conversation;
    expect(planIntentRoute(base({ signals, conversation: { ...c, vendorId: 'v1' } }))).toBeNull();
    expect(planIntentRoute(base({ signals, conversation: { ...c, firstResponseAt: new Date() } }))).toBeNull();
    expect(planIntentRoute(base({ signals, conversation: { ...c, status: 'resolved' } }))).toBeNull();
    expect(planIntentRoute(base({ signals, decisions: [{ source: 'manual', intent: null, confidence: null }] }))).toBeNull();
    // Nor one an automation rule routed on purpose.
    expect(planIntentRoute(base({ signals, decisions: [{ source: 'automation', intent: null, confidence: null }] }))).toBeNull();
  });

  it('skips intents whose team does not exist in this workspace', () => {
    const plan = planIntentRoute(base({ signals: [sig(1, 'order_status', 0.99, 'Logistics')] }));
    expect(plan).toMatchObject({ teamId: 't-general', confident: false });
    expect(planIntentRoute(base({ generalTeam: 'Nope', signals: [sig(1, 'order_status', 0.99, 'Logistics')] }))).toBeNull();
  });

  it('does nothing without readings', () => {
    expect(planIntentRoute(base())).toBeNull();
  });
});
