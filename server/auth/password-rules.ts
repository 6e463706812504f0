import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/**
 * Password rules for staff accounts, after NIST SP 800-63B: long enough (12 or more characters; no forced mix of
 * symbols), not one of the commonly used or leaked passwords, not guessable from the person's own name, email or
 * the product's name (zxcvbn's estimate must reach "safely unguessable", score 3 of 4).
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

let zxcvbn: ZxcvbnFactory | undefined;
const checker = () =>
  (zxcvbn ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }));

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'personal' | 'weak';

export function passwordProblem(password: string, person: { email: string; name: string }): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'too_short';
  if (length > PASSWORD_MAX) return 'too_long';
  const lower = password.toLowerCase();
  const local = person.email.toLowerCase().split('@')[0] ?? '';
  const nameParts = person.name.toLowerCase().split(/\s+/).filter((p) => p.length >= 3);
  if ((local.length >= 3 && lower.includes(local)) || nameParts.some((p) => lower.includes(p))) return 'personal';
  const result = checker().check(password, [person.email, local, ...nameParts, 'alap', 'dokanbazar', 'আলাপ']);
  if (result.score >= 3) return null;
  return result.sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'passwords-common') ? 'common' : 'weak';
}

export const passwordProblemText: Record<PasswordProblem, string> = {
  too_short: `Use at least ${PASSWORD_MIN} characters; a few unrelated words make a good one`,
  too_long: `Use at most ${PASSWORD_MAX} characters`,
  common: 'This password is too common: attackers try it first. Choose another',
  personal: 'Do not use your name or email in your password',
  weak: 'This password is too easy to guess. Add another unrelated word or two',
};
