import { describe, expect, it } from 'vitest';
import { fillPlaceholders, pickVariant, unknownPlaceholders } from './canned';

describe('canned response placeholders', () => {
  const v = { customer: { name: 'Nusrat Jahan', email: 'n@example.com', phone: '01711000000' }, agent: { name: 'Rahim Uddin' } };
  it('fills the customer and agent, by full and first name, in any script', () => {
    expect(fillPlaceholders('Hello {{customer.first_name}}! I am {{ agent.name }}.', v)).toBe('Hello Nusrat! I am Rahim Uddin.');
    expect(fillPlaceholders('আসসালামু আলাইকুম {{customer.name}}! আমি {{agent.first_name}}।', v)).toBe('আসসালামু আলাইকুম Nusrat Jahan! আমি Rahim।');
    expect(fillPlaceholders('We will call {{customer.phone}} or write to {{customer.email}}', v)).toBe('We will call 01711000000 or write to n@example.com');
  });
  it('a missing value leaves no stray space or comma; an unknown placeholder stays for the agent to see', () => {
    expect(fillPlaceholders('Hello {{customer.first_name}}, your order is on its way.', { agent: { name: 'Rahim' } })).toBe('Hello, your order is on its way.');
    expect(fillPlaceholders('ধন্যবাদ {{customer.name}}।', {})).toBe('ধন্যবাদ।');
    expect(fillPlaceholders('Order {{order.number}} ships today', v)).toBe('Order {{order.number}} ships today');
    expect(fillPlaceholders('{{constructor}} {{__proto__}}', v)).toBe('{{constructor}} {{__proto__}}');
    expect(unknownPlaceholders('Hi {{customer.name}}, order {{order.number}} and {{ Customer.Name }}')).toEqual(['order.number']);
  });
  it('picks the variant in the customer’s language, else English', () => {
    const rows = [{ lang: 'en', id: 1 }, { lang: 'bn', id: 2 }];
    expect(pickVariant(rows, 'bn')?.id).toBe(2);
    expect(pickVariant(rows, 'banglish')?.id).toBe(2);
    expect(pickVariant(rows, null)?.id).toBe(1);
    expect(pickVariant([{ lang: 'bn', id: 2 }], 'en')?.id).toBe(2);
  });
});
