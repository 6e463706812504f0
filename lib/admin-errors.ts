import type { DeskLocale } from './desk-i18n';

// The admin console's server messages in Bengali. The server answers in English (its logs and API clients read
// them); the console shows a Bengali-speaking admin the same message in Bengali. Names and addresses inside a
// message are kept as written. A message not listed here is shown as the server sent it.
type Rule = [RegExp, (m: RegExpMatchArray) => string];

const rules: Rule[] = [
  [/^A team with this name already exists$/, () => 'এই নামে একটি টিম আগে থেকেই আছে'],
  [/^A vendor called “(.+)” already exists$/, (m) => `“${m[1]}” নামে একটি বিক্রেতা আগে থেকেই আছে`],
  [/^The label “(.+)” already exists$/, (m) => `“${m[1]}” লেবেলটি আগে থেকেই আছে`],
  [/^\/(\S+) already exists(; edit it instead)?$/, (m) => `/${m[1]} আগে থেকেই আছে${m[2] ? '; সেটিই সম্পাদনা করুন' : ''}`],
  [/^Someone already has an account with this email$/, () => 'এই ইমেইলে আগে থেকেই একটি অ্যাকাউন্ট আছে'],
  [/^That already exists \(someone just created it\); refresh and try again$/, () => 'এটি এইমাত্র অন্য কেউ তৈরি করেছেন; পাতা রিফ্রেশ করে আবার চেষ্টা করুন'],
  [/^This team has (\d+) open conversation\(s\): transfer them first$/, (m) => `এই টিমে ${bnDigits(m[1]!)}টি খোলা কথোপকথন আছে: আগে সেগুলো অন্য টিমে পাঠান`],
  [/^The widget "(.+)" routes to this team: choose another team for it first$/, (m) => `“${m[1]}” উইজেটের চ্যাট এই টিমে আসে: আগে উইজেটটির জন্য অন্য টিম বাছুন`],
  [/^Keep at least one active admin: make someone else an admin first$/, () => 'অন্তত একজন সক্রিয় অ্যাডমিন রাখতে হবে: আগে অন্য কাউকে অ্যাডমিন করুন'],
  [/^You cannot deactivate yourself$/, () => 'নিজেকে নিষ্ক্রিয় করা যায় না'],
  [/^You cannot take away your own admin role; ask another admin$/, () => 'নিজের অ্যাডমিন ভূমিকা সরানো যায় না; অন্য একজন অ্যাডমিনকে বলুন'],
  [/^Choose the vendor this person works for$/, () => 'এই ব্যক্তি কোন বিক্রেতার হয়ে কাজ করেন তা বাছুন'],
  [/^Only admins, supervisors and agents of this workspace can be team members$/, () => 'শুধু এই ওয়ার্কস্পেসের অ্যাডমিন, সুপারভাইজার ও এজেন্টরা টিমের সদস্য হতে পারেন'],
  [/^Choose one of your teams$/, () => 'আপনার টিমগুলোর একটি বাছুন'],
  [/^Choose one of your business-hours calendars$/, () => 'আপনার কর্মঘণ্টা ক্যালেন্ডারগুলোর একটি বাছুন'],
  [/^“(.+)” is not a website address; write it as https:\/\/shop\.example\.com$/, (m) => `“${m[1]}” ওয়েবসাইটের ঠিকানা নয়; লিখুন এভাবে: https://shop.example.com`],
  [/^“(.+)”: give the website only \(https:\/\/shop\.example\.com\), without a page path$/, (m) => `“${m[1]}”: শুধু ওয়েবসাইট দিন (https://shop.example.com), পাতার পথ ছাড়া`],
  [/^“(.+)”: only http and https websites can embed the chat$/, (m) => `“${m[1]}”: শুধু http ও https ওয়েবসাইটে চ্যাট বসানো যায়`],
  [/^Unknown placeholder (\{\{.+?\}\}); use (.+)$/, (m) => `${m[1]} অচেনা প্লেসহোল্ডার; ব্যবহার করুন: ${m[2]}`],
  [/^Write the reply in English, Bengali or both$/, () => 'ইংরেজি, বাংলা বা দুই ভাষাতেই উত্তর লিখুন'],
  [/^The logo must be a PNG, JPEG or WebP picture$/, () => 'লোগো হতে হবে PNG, JPEG বা WebP ছবি'],
  [/^The logo file is too large \(at most 180 KB after scaling\)$/, () => 'লোগো ফাইলটি খুব বড় (ছোট করার পর সর্বোচ্চ ১৮০ KB)'],
  [/^The logo is too large \(at most 4096 × 4096 pixels\)$/, () => 'লোগোটি খুব বড় (সর্বোচ্চ ৪০৯৬ × ৪০৯৬ পিক্সেল)'],
  [/^That invitation is no longer open$/, () => 'এই আমন্ত্রণটি আর খোলা নেই'],
  [/^Enter a valid email$/, () => 'সঠিক ইমেইল লিখুন'],
  [/^Enter your name$/, () => 'আপনার নাম লিখুন'],
  [/^Give it a title$/, () => 'একটি শিরোনাম দিন'],
  [/^Name the (team|vendor|widget|workspace|first team|label)(?: \(2 characters or more\))?$/, (m) => `${({ team: 'টিমের', vendor: 'বিক্রেতার', widget: 'উইজেটের', workspace: 'ওয়ার্কস্পেসের', 'first team': 'প্রথম টিমের', label: 'লেবেলের' } as Record<string, string>)[m[1]!]} নাম দিন`],
  [/^Write a greeting in (English|Bengali)$/, (m) => `${m[1] === 'English' ? 'ইংরেজিতে' : 'বাংলায়'} শুভেচ্ছা লিখুন`],
  [/^Pick a colour like #0f766e$/, () => '#0f766e-এর মতো একটি রং বাছুন'],
  [/^At most 20 websites$/, () => 'সর্বোচ্চ ২০টি ওয়েবসাইট'],
  [/^At least 1 hour$/, () => 'অন্তত ১ ঘণ্টা'],
  [/^At most 90 days \(2,160 hours\)$/, () => 'সর্বোচ্চ ৯০ দিন (২,১৬০ ঘণ্টা)'],
  [/^A short code is letters a–z, digits, - or _, up to 40 \(typed after \/ in the composer\)$/, () => 'শর্ট কোডে a–z অক্ষর, অঙ্ক, - বা _ (৪০টি পর্যন্ত; কম্পোজারে / এর পরে লেখা হয়)'],
  [/^This server is already set up; sign in instead$/, () => 'এই সার্ভার আগেই চালু করা হয়েছে; সাইন ইন করুন'],
  [/^The setup token is not right \(it is the SETUP_TOKEN of this server\)$/, () => 'সেটআপ টোকেন ঠিক নয় (এটি এই সার্ভারের SETUP_TOKEN)'],
];

const BN = '০১২৩৪৫৬৭৮৯';
const bnDigits = (s: string) => s.replace(/[0-9]/g, (d) => BN[Number(d)]!);

function one(msg: string): string {
  for (const [re, to] of rules) {
    const m = msg.match(re);
    if (m) return to(m);
  }
  return msg;
}

/**
 * A server message as a Bengali- or English-speaking admin reads it. Input errors come as "field: message; …":
 * the field paths are dropped and each message is put in the admin's language.
 */
export function adminErrorText(locale: DeskLocale, message: string): string {
  const parts = message.split('; ');
  const fields = parts.every((p) => /^[\w.]+: /.test(p));
  const messages = fields ? parts.map((p) => p.replace(/^[\w.]+: /, '')) : [message];
  return (locale === 'en' ? messages : messages.map(one)).join('; ');
}
