import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rules';

const person = { email: 'nusrat.jahan@dokanbazar.test', name: 'Nusrat Jahan' };

describe('password rules', () => {
  it('refuses short, common, personal and guessable passwords', () => {
    expect(passwordProblem('short', person)).toBe('too_short');
    expect(passwordProblem('x'.repeat(201), person)).toBe('too_long');
    expect(passwordProblem('password1234', person)).toBe('common');
    expect(passwordProblem('qwertyuiop123', person)).not.toBeNull();
    expect(passwordProblem('nusrat.jahan2026', person)).toBe('personal');
    expect(passwordProblem('JahanNusrat!!99', person)).toBe('personal');
    expect(passwordProblem('aaaaaaaaaaaaaaaa', person)).toBe('weak');
    expect(passwordProblem('Dokanbazar!2026', person)).toBe('weak');
  });

  it('accepts long unrelated passphrases, Bengali ones too', () => {
    expect(passwordProblem('correct horse battery staple', person)).toBeNull();
    expect(passwordProblem('mango-river-Cobalt-tiger', person)).toBeNull();
    expect(passwordProblem('নদীর ধারে লাল বাড়ি আছে', person)).toBeNull();
  });
});
