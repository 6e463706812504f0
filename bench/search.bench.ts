// Search latency on demo-sized data and more: seeds a fresh database with the demo shop grown to tens of
// thousands of conversations, extra customers and extra Bengali / Banglish / English messages, then runs
// representative searches as the desk does (search.find, kind "all", 20 per kind) and prints median, p95 and
// p99 per search and overall. Target: p95 ≤ 200 ms.
//
//   npm run bench:search                       # fresh in-memory PGlite (the embedded default)
//   DATABASE_URL=postgres://… npm run bench:search   # a fresh database on that server, dropped afterwards
//
// SEARCH_BENCH_CONVERSATIONS (default 12000), SEARCH_BENCH_EXTRA_MESSAGES (default 20000),
// SEARCH_BENCH_CUSTOMERS (default 5000) and SEARCH_BENCH_RUNS (default 100 per search) size the run.
import { eq, sql } from 'drizzle-orm';
import { type DbHandle, runMigrations } from '@/db/client';
import { openFresh } from './fresh-db';
import { contacts, conversations, messages, users } from '@/db/schema';
import { demoLogins, seedDemo } from '@/db/seed/demo';
import { searchInput } from '@/lib/contracts/search';
import type { StaffActor } from '@/server/auth/auth.service';
import { SearchService } from '@/server/search/search.service';
import { mulberry32 } from '@/lib/random';
import { fieldCrypto } from '@/server/security/field-crypto';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};
const CONVERSATIONS = num('SEARCH_BENCH_CONVERSATIONS', 12_000);
const EXTRA_MESSAGES = num('SEARCH_BENCH_EXTRA_MESSAGES', 20_000);
const CUSTOMERS = num('SEARCH_BENCH_CUSTOMERS', 5_000);
const RUNS = num('SEARCH_BENCH_RUNS', 100);
const TARGET_P95_MS = 200;

const rand = mulberry32(7);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

const firstNames = ['Tanvir', 'Nusrat', 'Farhana', 'Mahmudul', 'Arif', 'Sabbir', 'Sumaiya', 'Rakib', 'Jannatul', 'Imran', 'Mehedi', 'Sharmin', 'রফিক', 'সাকিব', 'তাসলিমা', 'নাসরিন', 'মেহেদী', 'সুমাইয়া'];
const lastNames = ['Ahmed', 'Hossain', 'Islam', 'Rahman', 'Akter', 'Chowdhury', 'Sarkar', 'Khan', 'ইসলাম', 'হাসান', 'বেগম', 'আহমেদ', 'রহমান'];
const products = ['earbuds', 'jamdani saree', 'power bank', 'smart watch', 'panjabi', 'rice cooker', 'phone cover', 'kurti', 'ইয়ারবাড', 'শাড়ি', 'পাওয়ার ব্যাংক'];
const templates = [
  'আমার অর্ডার {order} এখনো পাইনি, কবে আসবে?',
  '{product} টা ভাঙা এসেছে, টাকা ফেরত চাই',
  'ডেলিভারি চার্জ কত {city} তে?',
  'বিকাশে পেমেন্ট করেছি কিন্তু অর্ডার কনফার্ম হয়নি',
  'অর্ডার বাতিল করতে চাই, {order}',
  'ami {product} order korsilam, ekhono ashe nai',
  'taka ferot kobe pabo? order {order}',
  'taka ferat dite hobe, product ta kharap',
  'bhai delivery koto din lagbe {city} te?',
  'bkash e payment korsi kintu confirm hoy nai',
  'size ta mile nai, exchange korte chai',
  'Where is my order {order}? It has been a week.',
  'I want a refund for the {product}, it stopped working.',
  'Can you deliver to {city} by Friday?',
  'The courier says the address is wrong, please update it.',
  'Payment failed but money was deducted from my card.',
  'Thanks, the {product} arrived in good condition.',
  'আপনার রিফান্ড প্রসেস হচ্ছে, ৩–৫ কর্মদিবস লাগবে।',
  'Your refund for {order} has been approved.',
  'কুরিয়ার আজকের মধ্যে যোগাযোগ করবে, ধন্যবাদ।',
];
const cities = ['Dhaka', 'Chattogram', 'Sylhet', 'Khulna', 'Rajshahi', 'Mirpur', 'Uttara', 'ঢাকা', 'সিলেট'];

const searches: { name: string; q: string; as?: 'vendor' }[] = [
  { name: 'Bengali word', q: 'ফেরত' },
  { name: 'Bengali phrase', q: 'অর্ডার বাতিল' },
  { name: 'Banglish word', q: 'ferot' },
  { name: 'Banglish variant', q: 'ferat' },
  { name: 'English word', q: 'refund' },
  { name: 'English phrase', q: 'courier address' },
  { name: 'Partial word', q: 'deliv' },
  { name: 'Customer name', q: 'Tanvir' },
  { name: 'Bengali name', q: 'সাকিব' },
  { name: 'Phone number (blind index)', q: '01712345678' },
  { name: 'As vendor: English', q: 'warranty', as: 'vendor' },
];

async function seed(handle: DbHandle) {
  const { db } = handle;
  const demo = await seedDemo(db, { conversations: CONVERSATIONS });
  const ws = demo.workspaceId;
  // More customers, so that names and phone numbers are not a handful of rows.
  const fc = await fieldCrypto(db);
  const extra = Array.from({ length: CUSTOMERS }, (_, i) => {
    const name = `${pick(firstNames)} ${pick(lastNames)}`;
    return {
      workspaceId: ws,
      name,
      // Sealed with blind indexes, as the app stores them.
      ...fc.contactFields({
        email: rand() < 0.6 ? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}${i}@example.com`.replace(/^\.+/, 'c') : null,
        phone: i === 0 ? '+8801712345678' : `+8801${pick(['3', '5', '6', '7', '8', '9'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      }),
    };
  });
  for (let i = 0; i < extra.length; i += 1000) await db.insert(contacts).values(extra.slice(i, i + 1000));
  // Spread the conversations over all customers.
  await db.execute(sql`
    with n as (select id, row_number() over (order by id) - 1 as rn from contacts where workspace_id = ${ws}),
         cnt as (select count(*) as c from n)
    update conversations c set contact_id = n.id from n, cnt
    where c.workspace_id = ${ws} and n.rn = abs(hashtext(c.id::text)) % cnt.c`);
  const convs = await db.select({ id: conversations.id, createdAt: conversations.createdAt }).from(conversations).where(eq(conversations.workspaceId, ws));
  const rows = Array.from({ length: EXTRA_MESSAGES }, (_, i) => {
    const c = pick(convs);
    const body = pick(templates)
      .replaceAll('{order}', `DB-${240100 + Math.floor(rand() * 9000)}`)
      .replaceAll('{product}', pick(products))
      .replaceAll('{city}', pick(cities));
    const isCustomer = rand() < 0.6;
    return {
      conversationId: c.id,
      senderType: isCustomer ? ('contact' as const) : ('agent' as const),
      kind: rand() < 0.03 ? ('note' as const) : ('text' as const),
      body,
      clientId: `bench-${i}`,
      createdAt: new Date(c.createdAt.getTime() + Math.floor(rand() * 3600_000)),
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await db.insert(messages).values(rows.slice(i, i + 1000));
  await db.execute(sql`analyze`);
  const count = async (t: typeof messages | typeof contacts | typeof conversations) =>
    Number((await db.select({ n: sql<number>`count(*)::int` }).from(t))[0]!.n);
  return { ws, messages: await count(messages), contacts: await count(contacts), conversations: await count(conversations) };
}

async function actorFor(handle: DbHandle, email: string): Promise<StaffActor> {
  const u = (await handle.db.select().from(users).where(eq(users.email, email)))[0]!;
  return { kind: 'staff', userId: u.id, workspaceId: u.workspaceId, role: u.role, name: u.name, email: u.email, avatarUrl: null, vendorId: u.vendorId, teamIds: [] };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const fmt = (ms: number) => ms.toFixed(1).padStart(8);

const { handle, where, drop } = await openFresh('alap_search_bench');
try {
  await runMigrations(handle);
  const seedStart = performance.now();
  const data = await seed(handle);
  console.log(`Database: ${where}`);
  console.log(`Data: ${data.messages} messages, ${data.conversations} conversations, ${data.contacts} customers (seeded in ${((performance.now() - seedStart) / 1000).toFixed(0)} s)`);
  console.log(`Each search: kind "all", 20 per kind, ${RUNS} timed runs after 5 warm-up runs\n`);

  const service = new SearchService(handle);
  const admin = await actorFor(handle, demoLogins.admin);
  const vendor = await actorFor(handle, demoLogins.vendorGadgetghor[0]);
  const all: number[] = [];
  const lines: string[] = [];
  const header = `${'search'.padEnd(20)} ${'query'.padEnd(16)} ${'hits'.padStart(5)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`;
  lines.push(header, '-'.repeat(header.length));
  for (const s of searches) {
    const input = searchInput.parse({ q: s.q, kind: 'all', limit: 20 });
    const actor = s.as === 'vendor' ? vendor : admin;
    let hits = 0;
    for (let i = 0; i < 5; i++) hits = (await service.search(actor, input)).items.length;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await service.search(actor, input);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    const line = `${s.name.padEnd(20)} ${s.q.padEnd(16)} ${String(hits).padStart(5)} ${fmt(percentile(times, 50)).padStart(10)} ${fmt(percentile(times, 95))} ${fmt(percentile(times, 99))}`;
    lines.push(line);
    if (process.env.SEARCH_BENCH_VERBOSE) console.log(line);
  }
  all.sort((a, b) => a - b);
  lines.push('-'.repeat(header.length));
  const p95 = percentile(all, 95);
  lines.push(`${'overall'.padEnd(20)} ${''.padEnd(16)} ${''.padStart(5)} ${fmt(percentile(all, 50)).padStart(10)} ${fmt(p95)} ${fmt(percentile(all, 99))}`);
  console.log(lines.join('\n'));
  console.log(`\nTarget p95 ≤ ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'met' : 'NOT met'} (${p95.toFixed(1)} ms)`);
} finally {
  await handle.close();
  await drop();
}
