import { describe, expect, it } from 'vitest';
import { QUALITY_KEYS, type QualityKey } from '@/lib/contracts/quality';
import { formatDuration, QUALITY_WEIGHTS, type QualityInput, type QualityMessage, scoreConversation } from './quality';

const t0 = new Date('2026-03-01T10:00:00Z');
const at = (sec: number) => new Date(t0.getTime() + sec * 1000);
type Mood = 'negative' | 'neutral' | 'positive';
const scores: Record<Mood, { negative: number; neutral: number; positive: number }> = {
  negative: { negative: 0.9, neutral: 0.08, positive: 0.02 },
  neutral: { negative: 0.1, neutral: 0.8, positive: 0.1 },
  positive: { negative: 0.02, neutral: 0.08, positive: 0.9 },
};
const ann = (sentiment: Mood, lang = 'en') => ({ lang, sentiment, sentimentScores: scores[sentiment] });
const customer = (sec: number, body: string, annotation: QualityMessage['annotation'] = null): QualityMessage => ({
  senderType: 'contact',
  kind: 'text',
  body,
  createdAt: at(sec),
  annotation,
});
const agent = (sec: number, body: string): QualityMessage => ({ senderType: 'agent', kind: 'text', body, createdAt: at(sec) });
const note = (sec: number, body: string): QualityMessage => ({ senderType: 'agent', kind: 'note', body, createdAt: at(sec) });

function score(messages: QualityMessage[], extra: Partial<QualityInput> = {}) {
  const last = messages.reduce((m, x) => Math.max(m, x.createdAt.getTime()), t0.getTime());
  return scoreConversation({ messages, startedAt: t0, resolvedAt: new Date(last + 60_000), reopened: false, contactName: 'Rahim Uddin', ...extra });
}
const part = (r: ReturnType<typeof score>, key: QualityKey) => r.reasons.find((x) => x.key === key)!;

// An agent doing everything right: quick, greets by name, apologises, answers everything, same language.
const exemplary = [
  customer(0, 'Hi, where is my order #1234?', ann('neutral')),
  agent(30, 'Hello Rahim, let me check your order right away.'),
  customer(60, 'It has been 5 days, this is terrible', ann('negative')),
  agent(120, 'I am sorry about the delay. It leaves our warehouse today and arrives tomorrow.'),
  customer(180, 'Great, thanks!', ann('positive')),
  agent(200, 'You are welcome, Rahim. Have a nice day!'),
];

describe('scoreConversation', () => {
  it('gives 100 to an exemplary conversation, with one reason per part that add up to the score', () => {
    const r = score(exemplary);
    expect(r.score).toBe(100);
    expect(r.reasons.map((x) => x.key)).toEqual([...QUALITY_KEYS]);
    for (const x of r.reasons) expect(x.points).toBe(x.max);
    expect(Object.values(QUALITY_WEIGHTS).reduce((s, w) => s + w, 0)).toBe(100);
    expect(part(r, 'sentiment').detail).toMatch(/improved from neutral .* to positive/);
  });

  it('every point lost is in a reason: the score is the sum of the parts, each within its maximum', () => {
    const convs = [
      [customer(0, 'hello?'), agent(2000, 'ok'), customer(2100, 'where is it?'), agent(4000, 'wait')],
      [customer(0, 'পণ্য ভাঙা এসেছে', ann('negative', 'bn')), agent(90, 'Please wait'), customer(100, 'খুব খারাপ', ann('negative', 'bn'))],
      [note(0, 'internal'), customer(5, 'hi')],
    ];
    for (const messages of convs) {
      const r = score(messages, { reopened: true });
      expect(Number.isInteger(r.score)).toBe(true);
      expect(r.score).toBe(r.reasons.reduce((s, x) => s + x.points, 0));
      expect(r.score).toBeLessThan(100);
      for (const x of r.reasons) {
        expect(x.points).toBeGreaterThanOrEqual(0);
        expect(x.points).toBeLessThanOrEqual(x.max);
        expect(x.detail.length).toBeGreaterThan(5);
      }
    }
  });

  describe('first response', () => {
    const withReplyAfter = (sec: number) => part(score([customer(0, 'hello, my parcel?'), agent(sec, 'Hello Rahim, checking now')]), 'first_response');

    it('full within a minute, sliding to nothing at 30 minutes', () => {
      expect(withReplyAfter(45).points).toBe(25);
      expect(withReplyAfter(60).points).toBe(25);
      // Any delay beyond the full-points limit costs at least a point.
      expect(withReplyAfter(61).points).toBe(24);
      expect(withReplyAfter(930)).toMatchObject({ points: 13, detail: expect.stringContaining('15 min') });
      expect(withReplyAfter(1800).points).toBe(0);
      expect(withReplyAfter(7200).points).toBe(0);
    });

    it('is measured from the first customer message, not from an earlier agent message or a note', () => {
      const r = score([agent(0, 'Hello! How can I help?'), customer(600, 'my order?'), note(620, 'looking'), agent(630, 'Checking it, Rahim')]);
      expect(part(r, 'first_response')).toMatchObject({ points: 25, detail: expect.stringContaining('30 s') });
    });

    it('a customer who never got a reply: no first-response points and none for the replies', () => {
      const r = score([customer(0, 'is anyone there?'), customer(300, 'hello??'), note(400, 'spam, closing')]);
      expect(part(r, 'first_response')).toMatchObject({ points: 0, detail: 'The customer never got a reply' });
      for (const key of ['greeting', 'language', 'empathy', 'no_long_silences', 'no_one_word_replies'] as const) {
        expect(part(r, key)).toMatchObject({ points: 0, detail: 'No agent reply' });
      }
      expect(part(r, 'last_message_answered').points).toBe(0);
      // Resolved without reopening (10), within 30 min (8), no sentiment data (half of 20).
      expect(r.score).toBe(10 + 8 + 10);
    });
  });

  describe('resolution', () => {
    it('a reopened conversation loses the no-reopen points', () => {
      expect(part(score(exemplary), 'no_reopen').points).toBe(10);
      expect(part(score(exemplary, { reopened: true }), 'no_reopen')).toMatchObject({ points: 0, detail: 'Reopened after it had been resolved' });
      expect(score(exemplary, { reopened: true }).score).toBe(90);
    });

    it('time to resolve: full within 30 minutes, nothing after a day', () => {
      const msgs = exemplary;
      expect(part(score(msgs, { resolvedAt: at(1800) }), 'resolution_time').points).toBe(8);
      expect(part(score(msgs, { resolvedAt: at(12 * 3600) }), 'resolution_time')).toMatchObject({ points: 4, detail: expect.stringContaining('12 h') });
      expect(part(score(msgs, { resolvedAt: at(2 * 86400) }), 'resolution_time').points).toBe(0);
    });

    it('the customer’s last message must be answered, unless it is a thank-you', () => {
      const base = [customer(0, 'where is my refund?'), agent(20, 'Hello Rahim, it was sent yesterday')];
      expect(part(score(base), 'last_message_answered').points).toBe(7);
      expect(part(score([...base, customer(60, 'and my other order?')]), 'last_message_answered')).toMatchObject({
        points: 0,
        detail: expect.stringContaining('no reply'),
      });
      expect(part(score([...base, customer(60, 'ঠিক আছে, ধন্যবাদ')]), 'last_message_answered').points).toBe(7);
      expect(part(score([...base, customer(60, 'thanks')]), 'last_message_answered').detail).toContain('thank-you');
      // A question is never a closing message, thanks or not.
      expect(part(score([...base, customer(60, 'thanks, but when does it arrive?')]), 'last_message_answered').points).toBe(0);
    });
  });

  describe('sentiment, start versus end', () => {
    const conv = (...moods: Mood[]) =>
      part(score(moods.flatMap((m, i) => [customer(i * 100, `message ${i}`, ann(m)), agent(i * 100 + 20, `Hello Rahim, reply ${i}`)])), 'sentiment');

    it('improved or stayed positive: full; worsened: nothing', () => {
      expect(conv('negative', 'negative', 'neutral', 'positive').points).toBe(20);
      expect(conv('positive', 'positive').points).toBe(20);
      expect(conv('positive', 'positive').detail).toContain('stayed positive');
      expect(conv('neutral', 'negative')).toMatchObject({ points: 0, detail: expect.stringContaining('worsened') });
    });

    it('stayed negative or neutral earns part of the points', () => {
      expect(conv('negative', 'negative').points).toBe(5);
      expect(conv('neutral', 'neutral', 'neutral').points).toBe(15);
    });

    it('compares the mean of the first messages with the mean of the last ones', () => {
      // Six rated messages: the first three (all negative) against the last three (two positive, one negative).
      expect(conv('negative', 'negative', 'negative', 'positive', 'negative', 'positive').points).toBe(20);
      // A single angry message in the middle does not decide it.
      expect(conv('neutral', 'neutral', 'neutral', 'negative', 'neutral', 'neutral', 'neutral').points).toBe(15);
    });

    it('one rated message is judged on its own level', () => {
      expect(conv('positive')).toMatchObject({ points: 20, detail: expect.stringContaining('Only one customer message was rated') });
    });

    it('without annotations: half points and it says so', () => {
      const r = score([customer(0, 'where is my order?'), agent(20, 'Hello Rahim, on its way')]);
      expect(part(r, 'sentiment')).toMatchObject({ points: 10, detail: expect.stringContaining('No sentiment data') });
      expect(part(r, 'empathy')).toMatchObject({ points: 6, detail: 'No sentiment data: not judged' });
    });
  });

  describe('agent reply traits', () => {
    it('greeting and personalisation', () => {
      const conv = (reply: string, contactName: string | null = 'Rahim Uddin') =>
        part(score([customer(0, 'my order?'), agent(20, reply), agent(40, 'It arrives tomorrow.')], { contactName }), 'greeting');
      expect(conv('Hello Rahim, let me look.').points).toBe(5);
      expect(conv('আসসালামু আলাইকুম রহিম ভাই, দেখছি।', 'রহিম').points).toBe(5);
      expect(conv('Let me look.')).toMatchObject({ points: 0, detail: expect.stringContaining('did not greet') });
      expect(conv('Hi! Let me look.')).toMatchObject({ points: 3, detail: expect.stringContaining('never used their name (Rahim)') });
      expect(conv('Let me look, rahim.').points).toBe(2);
      // An anonymous visitor: the greeting alone earns everything.
      expect(conv('Hi! Let me look.', 'Visitor').points).toBe(5);
      expect(conv('Hi! Let me look.', null).points).toBe(5);
    });

    it('replies in Bengali script to a Bengali-writing customer, in Latin letters to an English one', () => {
      const bn = customer(0, 'আমার অর্ডার কোথায়?', ann('neutral', 'bn'));
      const en = customer(0, 'Where is my order?', ann('neutral', 'en'));
      const bengaliReply = agent(20, 'হ্যালো রহিম, আপনার অর্ডার আগামীকাল পৌঁছাবে');
      const englishReply = agent(40, 'Hello Rahim, your order arrives tomorrow');
      expect(part(score([bn, bengaliReply]), 'language')).toMatchObject({ points: 8, detail: expect.stringContaining('1 of 1 replies in Bengali script') });
      expect(part(score([bn, agent(20, 'Hello Rahim, it arrives tomorrow'), agent(30, 'Anything else?')]), 'language').points).toBe(0);
      expect(part(score([bn, bengaliReply, englishReply]), 'language').points).toBe(4);
      expect(part(score([en, englishReply]), 'language').points).toBe(8);
      expect(part(score([en, bengaliReply]), 'language').points).toBe(0);
    });

    it('without annotations the customer’s own script decides; Banglish accepts either script', () => {
      const reply = agent(20, 'Hello Rahim, your order arrives tomorrow');
      expect(part(score([customer(0, 'আমার অর্ডার কোথায়?'), reply]), 'language').points).toBe(0);
      expect(part(score([customer(0, 'where is my order'), reply]), 'language').points).toBe(8);
      const banglish = customer(0, 'amar order ta kothay?', ann('neutral', 'banglish'));
      expect(part(score([banglish, agent(20, 'হ্যালো রহিম, কাল পৌঁছাবে')]), 'language')).toMatchObject({ points: 8, detail: expect.stringContaining('Banglish') });
      // Emoji-only replies say nothing about language.
      expect(part(score([customer(0, 'আমার অর্ডার?'), agent(20, '👍')]), 'language').detail).toBe('The replies had no letters to judge');
    });

    it('apology or empathy after the customer was upset', () => {
      const upset = customer(0, 'Broken product, worst service ever', ann('negative'));
      expect(part(score([upset, agent(20, 'Hello Rahim, I am so sorry to hear that')]), 'empathy').points).toBe(6);
      expect(part(score([upset, agent(20, 'Hello Rahim'), agent(30, 'We understand, a replacement is on its way')]), 'empathy').points).toBe(6);
      expect(part(score([customer(0, 'জঘন্য সার্ভিস', ann('negative', 'bn')), agent(20, 'আমরা আন্তরিকভাবে দুঃখিত')]), 'empathy').points).toBe(6);
      expect(part(score([upset, agent(20, 'Send the order number')]), 'empathy')).toMatchObject({ points: 0, detail: expect.stringContaining('No apology') });
      // Only the two replies right after count: a late apology is too late.
      const late = [upset, agent(20, 'Order number?'), agent(30, 'Checking'), agent(40, 'Sorry about that')];
      expect(part(score(late), 'empathy').points).toBe(0);
      expect(part(score([customer(0, 'my order?', ann('neutral')), agent(20, 'Hello')]), 'empathy').detail).toBe('The customer was never upset');
    });

    it('no long silences between a customer’s follow-up and the reply', () => {
      const quick = [customer(0, 'q1'), agent(20, 'Hello Rahim, a1'), customer(60, 'q2'), agent(120, 'a2 here'), customer(200, 'q3'), agent(500, 'a3 here')];
      expect(part(score(quick), 'no_long_silences')).toMatchObject({ points: 6, detail: expect.stringContaining('longest 5 min') });
      // Two follow-ups in a row wait from the first of them: 100 s + 25 min.
      const slow = [customer(0, 'q1'), agent(20, 'Hello Rahim, a1'), customer(60, 'q2'), customer(160, 'q2 again'), agent(60 + 1500, 'a2 here'), customer(1600, 'q3'), agent(1620, 'a3 here')];
      expect(part(score(slow), 'no_long_silences')).toMatchObject({ points: 3, detail: '1 of 2 follow-ups waited over 10 min (longest 25 min)' });
      // The first wait is the first-response part, not this one.
      expect(part(score([customer(0, 'q1'), agent(3000, 'Hello Rahim, a1')]), 'no_long_silences').points).toBe(6);
    });

    it('no one-word replies', () => {
      expect(part(score([customer(0, 'my order?'), agent(20, 'Hello Rahim, checking')]), 'no_one_word_replies').points).toBe(5);
      const r = part(score([customer(0, 'my order?'), agent(20, 'ok'), agent(30, 'Hello Rahim, it arrives tomorrow'), agent(40, 'হ্যাঁ'), agent(50, 'Anything else?')]), 'no_one_word_replies');
      expect(r).toMatchObject({ points: 3, detail: '2 of 4 replies were a single word (“ok”)' });
      expect(part(score([customer(0, 'my order?'), agent(20, 'ok')]), 'no_one_word_replies').points).toBe(0);
    });
  });

  it('formats durations for the reasons', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(15 * 60_000 + 30_000)).toBe('15 min');
    expect(formatDuration(2 * 3600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(50 * 3600_000)).toBe('2 d 2 h');
  });
});
