// Passphrase strength (zxcvbn-ts, score 4 and at least 10 characters) for the CLI as for the app.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/cli';
import { passphraseWeakness, wrongTryDelayMs } from '../../../main/security/passphrase';

describe('passphrase strength', () => {
  it('refuses common, patterned and workplace passphrases; accepts four unrelated words', () => {
    for (const weak of ['Summer2026!!', 'jeffersoncity2026', 'password1234', 'qwertyuiop12', 'aaaaaaaaaaaa', 'mosers caseload']) expect(passphraseWeakness(weak), weak).toMatch(/^is too easy to guess/);
    expect(passphraseWeakness('river copper lantern meadow')).toBeNull();
    expect(passphraseWeakness('field session passphrase 2026')).toBeNull();
    expect(passphraseWeakness('pässe')).toBe('must be at least 10 characters');
  });

  it('the delay after wrong tries grows from the third, capped at a minute', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 30].map(wrongTryDelayMs)).toEqual([0, 0, 1000, 2000, 4000, 60_000, 60_000, 60_000]);
  });

  it('key setup and a new caseload from the CLI refuse a weak passphrase and write nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weak-'));
    const err: string[] = [];
    const code = runCli(['members', 'import', join(import.meta.dirname, '../../../examples/roster-field-session.csv'), '--db', join(dir, 'c.db')], { stdout: () => undefined, stderr: (s) => err.push(s), env: { MOSERS_PASSPHRASE: 'Summer2026!!', XDG_CONFIG_HOME: dir } });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/^members import: the passphrase is too easy to guess.*use four or more ordinary words/);
  });
});
