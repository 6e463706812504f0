import { describe, expect, it } from 'vitest';
import { type Candidate, estimateWaitSeconds, matchedSkills, rankCandidates } from './strategies';

const at = (min: number | null) => (min === null ? null : new Date(Date.UTC(2026, 11, 4, 10, min)));
const agent = (id: string, v: Partial<Candidate> = {}): Candidate => ({
  id,
  name: id.toUpperCase(),
  lastAssignedAt: null,
  load: 0,
  capacity: 3,
  languages: [],
  skills: [],
  ...v,
});
const ids = (choices: { candidate: Candidate }[]) => choices.map((c) => c.candidate.id);

describe('round robin', () => {
  it('takes the agent assigned longest ago first; never-assigned agents come first', () => {
    const list = [agent('a', { lastAssignedAt: at(5) }), agent('b', { lastAssignedAt: at(1) }), agent('c', { lastAssignedAt: at(null) })];
    expect(ids(rankCandidates('round_robin', list))).toEqual(['c', 'b', 'a']);
  });

  it('skips agents at capacity and agents with no capacity', () => {
    const list = [agent('a', { load: 3, capacity: 3 }), agent('b', { capacity: 0 }), agent('c', { load: 2, capacity: 3, lastAssignedAt: at(9) })];
    expect(ids(rankCandidates('round_robin', list))).toEqual(['c']);
  });

  it('turns around: after an assignment the next agent is first', () => {
    const list = [agent('a', { lastAssignedAt: at(1) }), agent('b', { lastAssignedAt: at(2) })];
    const first = rankCandidates('round_robin', list)[0]!.candidate;
    first.lastAssignedAt = at(3);
    expect(rankCandidates('round_robin', list)[0]!.candidate.id).toBe('b');
  });

  it('returns nobody when everybody is full', () => {
    expect(rankCandidates('round_robin', [agent('a', { load: 1, capacity: 1 })])).toEqual([]);
  });
});

describe('load balanced', () => {
  it('takes the lowest share of own capacity in use', () => {
    const list = [agent('a', { load: 1, capacity: 2 }), agent('b', { load: 2, capacity: 8 }), agent('c', { load: 3, capacity: 4 })];
    expect(ids(rankCandidates('load_balanced', list))).toEqual(['b', 'a', 'c']);
  });

  it('breaks equal shares by fewer chats, then round robin', () => {
    const list = [agent('a', { load: 2, capacity: 4, lastAssignedAt: at(1) }), agent('b', { load: 1, capacity: 2 }), agent('c', { load: 1, capacity: 2, lastAssignedAt: at(0) })];
    expect(ids(rankCandidates('load_balanced', list))).toEqual(['b', 'c', 'a']);
  });
});

describe('skills', () => {
  const facts = { lang: 'bn', intent: 'return_refund', category: 'electronics' };

  it('matches language, intent and product category', () => {
    expect(matchedSkills(agent('a', { languages: ['bn', 'en'], skills: ['electronics', 'return_refund'] }), facts)).toEqual(['bn', 'return_refund', 'electronics']);
    expect(matchedSkills(agent('a', { languages: ['en'] }), facts)).toEqual([]);
    // A mixed-script message asks for no particular language.
    expect(matchedSkills(agent('a', { languages: ['bn'] }), { lang: 'mixed' })).toEqual([]);
  });

  it('prefers the most matching skills, then the lower load', () => {
    const list = [
      agent('en-only', { languages: ['en'] }),
      agent('bn', { languages: ['bn'], load: 0 }),
      agent('bn-refunds-busy', { languages: ['bn'], skills: ['return_refund'], load: 2, capacity: 3 }),
      agent('bn-refunds', { languages: ['bn'], skills: ['return_refund'], load: 1, capacity: 3 }),
    ];
    const ranked = rankCandidates('skills', list, facts);
    expect(ids(ranked)).toEqual(['bn-refunds', 'bn-refunds-busy', 'bn', 'en-only']);
    expect(ranked[0]!.matched).toEqual(['bn', 'return_refund']);
  });

  it('still serves the customer with a free agent when nobody with the skill has room', () => {
    const list = [agent('bn', { languages: ['bn'], load: 1, capacity: 1 }), agent('en', { languages: ['en'] })];
    const ranked = rankCandidates('skills', list, facts);
    expect(ids(ranked)).toEqual(['en']);
    expect(ranked[0]!.matched).toEqual([]);
  });

  it('with no facts it balances load', () => {
    const list = [agent('a', { load: 2 }), agent('b', { load: 1 })];
    expect(ids(rankCandidates('skills', list, {}))).toEqual(['b', 'a']);
  });
});

describe('estimated wait', () => {
  it('is position × handle time / online chat slots, in whole minutes, at least one', () => {
    expect(estimateWaitSeconds(1, 2, 600)).toBe(300);
    expect(estimateWaitSeconds(3, 2, 600)).toBe(900);
    expect(estimateWaitSeconds(1, 16, 480)).toBe(60);
    expect(estimateWaitSeconds(2, 3, 500)).toBe(360);
  });

  it('promises nothing when nobody is online', () => {
    expect(estimateWaitSeconds(1, 0, 600)).toBeNull();
  });
});
