// Search as counselors type: word order, case, apostrophes (' and ’), diacritics, hyphenated and
// two-part last names, suffixes, and a full SSN with or without dashes (the field-session roster).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type Session } from './harness';

const CASES: [query: string, expected: string][] = [
  ['whitfield dana', 'Whitfield, Dana'],
  ['Dana Whitfield', 'Whitfield, Dana'],
  ['oneill', "O'Neill, Patrick"],
  ['O’Neill', "O'Neill, Patrick"],
  ["o'neill patrick", "O'Neill, Patrick"],
  ['reyes', 'Thompson-Reyes, Angela'],
  ['thompson reyes', 'Thompson-Reyes, Angela'],
  ['Washington, George', 'Washington, Jr., George'],
  ['nunez jose', 'Núñez, José'],
  ['123-45-6706', 'Thompson-Reyes, Angela'],
  ['123456706', 'Thompson-Reyes, Angela'],
];

describe('search variants (preview transport, production CSP)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it.each(CASES)('"%s" finds %s', async (query, expected) => {
    await s.page.getByTestId('search').fill(query);
    await s.page.getByTestId('search-row').filter({ hasText: expected }).first().waitFor({ timeout: 5000 });
    const first = await s.page.getByTestId('search-row').first().textContent();
    expect(first).toContain(expected);
  });

  it('a full SSN finds only its member, and a wrong one nobody', () => {
    expect(s.app.services.members.search({ query: '123-45-6706' }).map((m) => m.lastName)).toEqual(['Thompson-Reyes']);
    expect(s.app.services.members.search({ query: '999-45-6706' })).toEqual([]);
  });
});
