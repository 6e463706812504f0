import { describe, expect, it } from 'vitest';
import { adminErrorText } from './admin-errors';

describe('admin console error messages', () => {
  it('puts server messages in Bengali, keeping names and addresses as written', () => {
    expect(adminErrorText('bn', 'A vendor called “Tant Ghor” already exists')).toBe('“Tant Ghor” নামে একটি বিক্রেতা আগে থেকেই আছে');
    expect(adminErrorText('bn', '/greet already exists; edit it instead')).toBe('/greet আগে থেকেই আছে; সেটিই সম্পাদনা করুন');
    expect(adminErrorText('bn', 'This team has 12 open conversation(s): transfer them first')).toBe('এই টিমে ১২টি খোলা কথোপকথন আছে: আগে সেগুলো অন্য টিমে পাঠান');
    expect(adminErrorText('bn', 'Unknown placeholder {{order.number}}; use {{customer.name}}, {{agent.name}}')).toBe('{{order.number}} অচেনা প্লেসহোল্ডার; ব্যবহার করুন: {{customer.name}}, {{agent.name}}');
  });
  it('drops input field paths, in either language; unknown messages pass through', () => {
    expect(adminErrorText('en', 'name: Name the widget (2 characters or more); greetingBn: Write a greeting in Bengali')).toBe('Name the widget (2 characters or more); Write a greeting in Bengali');
    expect(adminErrorText('bn', 'name: Name the widget (2 characters or more); greetingBn: Write a greeting in Bengali')).toBe('উইজেটের নাম দিন; বাংলায় শুভেচ্ছা লিখুন');
    expect(adminErrorText('bn', 'Something new went wrong')).toBe('Something new went wrong');
  });
});
