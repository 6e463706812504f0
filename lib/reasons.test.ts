import { describe, expect, it } from 'vitest';
import { alreadyThere, formatReason, reasons, reasonText } from './reasons';

describe('reasons', () => {
  it('English is the text the server has always stored', () => {
    expect(reasonText(reasons.aiIntent('order_status', 0.934, 'Orders & Delivery'))).toBe('Intent order_status (93% confident) maps to Orders & Delivery');
    expect(reasonText(alreadyThere(reasons.aiIntent('payment', 0.7, 'Payments')))).toBe('Intent payment (70% confident) maps to Payments (already there)');
    expect(reasonText(reasons.aiLowConfidence('payment', 0.45, 0.6, 'General'))).toBe('Low confidence: intent payment only 45% confident, below 60%; general queue General');
    expect(reasonText(reasons.aiNoIntent(0.8, 'General'))).toBe('Low confidence: no support intent recognised (80%); general queue General');
    expect(reasonText(reasons.widgetDefaultTeam('Support', true))).toBe("Widget's default team Support: no agent online with room, waiting in its queue");
    expect(reasonText(reasons.widgetDefaultTeam('Support', false))).toBe("Widget's default team Support");
    expect(reasonText(reasons.widgetNoTeam())).toBe('The widget has no default team: unassigned queue');
    expect(reasonText(reasons.manualAssigned('Rina', 'Sumon'))).toBe('Assigned to Rina by Sumon');
    expect(reasonText(reasons.manualAssigned(null, 'Sumon'))).toBe('Assigned to an agent by Sumon');
    expect(reasonText(reasons.manualUnassigned('Sumon'))).toBe('Unassigned by Sumon');
    expect(reasonText(reasons.manualTransferred('Payments', null, 'Sumon'))).toBe('Transferred to Payments by Sumon: waiting in its queue');
    expect(reasonText(reasons.manualTransferred('Payments', 'Rina', 'Sumon'))).toBe('Transferred to Payments by Sumon; assigned to Rina');
    expect(reasonText(reasons.escalationSharp(0.92))).toBe('Sharply negative message (92% negative)');
    expect(reasonText(reasons.escalationWorsening(0.456, -0.51))).toBe('Sentiment worsening (from 0.46 to -0.51 on a −1…1 scale)');
    expect(reasonText(reasons.notifyEscalated('Karim', 'high'))).toBe('Escalated: Karim (priority high)');
    expect(reasonText(reasons.notifyEscalated(null, 'urgent'))).toBe('Escalated: A customer (priority urgent)');
  });

  it('Bengali: Bengali words, digits, intent and priority names; names as they are', () => {
    expect(formatReason(reasons.aiIntent('order_status', 0.934, 'Orders & Delivery'), 'bn')).toBe('উদ্দেশ্য „অর্ডারের অবস্থা” (৯৩% নিশ্চিত), তাই Orders & Delivery টিমে');
    expect(formatReason(alreadyThere(reasons.aiIntent('payment', 0.7, 'Payments')), 'bn')).toContain('(আগে থেকেই সেখানে)');
    expect(formatReason(reasons.aiLowConfidence('payment', 0.45, 0.6, 'General'), 'bn')).toBe('নিশ্চয়তা কম: উদ্দেশ্য „পেমেন্ট” মাত্র ৪৫% নিশ্চিত, দরকার ৬০%; সাধারণ সারি General');
    expect(formatReason(reasons.escalationSharp(0.92), 'bn')).toBe('তীব্র নেতিবাচক বার্তা (৯২% নেতিবাচক)');
    expect(formatReason(reasons.escalationWorsening(0.456, -0.51), 'bn')).toBe('মনোভাব খারাপের দিকে (−১…১ মাপে ০.৪৬ থেকে -০.৫১)');
    expect(formatReason(reasons.notifyEscalated('করিম', 'urgent'), 'bn')).toBe('এস্কেলেশন: করিম (অগ্রাধিকার জরুরি)');
    expect(formatReason(reasons.manualTransferred('Payments', null, 'সুমন'), 'bn')).toBe('সুমন পাঠালেন Payments: সারিতে অপেক্ষায়');
    for (const d of [reasons.widgetDefaultTeam('S', true), reasons.widgetNoTeam(), reasons.aiNoIntent(0.5, 'G'), reasons.manualAssigned(null, 'A'), reasons.manualUnassigned('A')]) {
      expect(formatReason(d, 'bn')).toMatch(/[\u0980-\u09FF]/);
    }
  });

  it('an unknown code or none gives null: the desk shows the stored text', () => {
    expect(formatReason({ code: 'from.a.newer.version', params: {} }, 'bn')).toBeNull();
    expect(formatReason(null, 'en')).toBeNull();
    expect(formatReason(undefined, 'bn')).toBeNull();
  });
});
