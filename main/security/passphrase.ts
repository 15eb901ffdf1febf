// What a new passphrase must be, and how fast wrong ones may be tried.
//
// Strength: zxcvbn-ts (its English and common dictionaries, keyboard patterns, dates, repeats,
// l33t) with the words of this workplace added (MOSERS, Missouri, caseload, …). A new passphrase
// needs at least 10 characters and zxcvbn's top score, 4: an estimated 10^10 guesses or more,
// which at scrypt's 0.35 s a guess is centuries on one core. "Summer2026!!" and
// "jeffersoncity2026" score 3 and are refused; four ordinary words are enough.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { AppFailure } from '../../shared/ipc/result';

const WORKPLACE = ['mosers', 'missouri', 'state', 'employees', 'retirement', 'system', 'counselor', 'caseload', 'workstation', 'jefferson', 'city', 'benefit', 'pension', 'passphrase', 'password'];

let factory: ZxcvbnFactory | null = null;

function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary, userInputs: WORKPLACE }, graphs: common.adjacencyGraphs, translations: en.translations });
  return factory;
}

export const MIN_PASSPHRASE_LENGTH = 10;
export const MIN_PASSPHRASE_SCORE = 4;

/** Why a new passphrase is refused, as the words beside its field; null when it is strong enough. */
export function passphraseWeakness(passphrase: string): string | null {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return `must be at least ${MIN_PASSPHRASE_LENGTH} characters`;
  // zxcvbn reads at most 100 characters; a longer passphrase is judged on its first 100.
  const r = zxcvbn().check(passphrase.slice(0, 100));
  if (r.score >= MIN_PASSPHRASE_SCORE) return null;
  const hint = r.feedback.warning ? ` (${r.feedback.warning.replace(/\.$/, '').toLowerCase()})` : '';
  return `is too easy to guess${hint}: use four or more ordinary words that do not belong together, such as "river copper lantern meadow"`;
}

/** Refuse a weak new passphrase: INVALID_INPUT naming `field`. */
export function requireStrongPassphrase(passphrase: string, field: string, label = 'The new passphrase'): void {
  const why = passphraseWeakness(passphrase);
  if (why) throw new AppFailure('INVALID_INPUT', `${label} ${why}.`, { [field]: why });
}

/**
 * The delay after wrong tries: none for the first two in a row, then 1 s, 2 s, 4 s … up to 60 s
 * before the next try is looked at; a right one resets it.
 */
export function wrongTryDelayMs(wrongInARow: number): number {
  if (wrongInARow < 3) return 0;
  return Math.min(60_000, 1000 * 2 ** (wrongInARow - 3));
}
