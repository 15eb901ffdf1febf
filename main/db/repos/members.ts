import type { Db } from '../connection';

/** A row of `members` as stored. Money and dates are TEXT; flags are 0/1. */
export type MemberRow = {
  id: number;
  member_id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  ssn: string | null;
  ssn_last4: string | null;
  birth_date: string;
  email: string | null;
  phone: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  first_employment_date: string | null;
  left_before_vesting_and_returned: number;
  returned_after_buyout: number;
  plan_override: string | null;
  employment_status: string;
  last_day_worked: string | null;
  service_as_of: string | null;
  earned_months: number | null;
  purchased_months: number;
  transferred_months: number;
  sick_leave_hours: number;
  final_average_pay: string | null;
  projection_from: string | null;
  projection_rate: string | null;
  optional_life_coverage: string | null;
  retirement_date: string | null;
  backdrop_months: number | null;
  bank_routing: string | null;
  bank_account: string | null;
  bank_account_type: string | null;
  archived: number;
  version: number;
  created_at: string;
  updated_at: string;
};

/** The editable columns (everything but id, keys, version and timestamps). */
export type MemberColumns = Omit<MemberRow, 'id' | 'version' | 'created_at' | 'updated_at' | 'ssn_last4'>;
export const MEMBER_COLUMNS: readonly (keyof MemberColumns)[] = [
  'member_id', 'first_name', 'middle_name', 'last_name', 'ssn', 'birth_date', 'email', 'phone', 'street', 'city', 'state', 'zip',
  'first_employment_date', 'left_before_vesting_and_returned', 'returned_after_buyout', 'plan_override', 'employment_status',
  'last_day_worked', 'service_as_of', 'earned_months', 'purchased_months', 'transferred_months', 'sick_leave_hours',
  'final_average_pay', 'projection_from', 'projection_rate', 'optional_life_coverage', 'retirement_date', 'backdrop_months',
  'bank_routing', 'bank_account', 'bank_account_type', 'archived',
];

export type SummaryRow = Pick<MemberRow, 'id' | 'member_id' | 'first_name' | 'last_name' | 'ssn_last4' | 'birth_date' | 'retirement_date' | 'archived'>;
const SUMMARY = 'id, member_id, first_name, last_name, ssn_last4, birth_date, retirement_date, archived';

/** Lower-case, accent-free search key, so "Núñez" is found by "nun". */
export function searchKey(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * A string greater than every string starting with prefix (range scans on an index). U+10FFFF is
 * the largest code point, so it also sorts after a name with characters beyond U+FFFF.
 */
/** Name suffixes a search ignores ("Washington, Jr." is found as Washington). */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v']);

/**
 * A typed name as search words: searchKey (case, diacritics), apostrophes (' ’ ʼ) dropped, other
 * punctuation (hyphen, comma, period) a word break, suffixes left out. "O’Neill" → ["oneill"],
 * "Thompson-Reyes" → ["thompson", "reyes"].
 */
export function searchWords(s: string): string[] {
  return searchKey(s)
    .replace(/['\u2019\u02bc`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !SUFFIXES.has(w));
}

function prefixEnd(prefix: string): string {
  return prefix + '\u{10FFFF}';
}

export function membersRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO members (${MEMBER_COLUMNS.join(', ')}, last_key, first_key, ssn_last4, version, created_at, updated_at)
     VALUES (${MEMBER_COLUMNS.map((c) => `@${c}`).join(', ')}, @last_key, @first_key, @ssn_last4, 1, @now, @now)`,
  );
  const byId = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE id = ?');
  const byMemberId = db.prepare<[string], MemberRow>('SELECT * FROM members WHERE member_id = ?');
  const update = db.prepare(
    `UPDATE members SET ${MEMBER_COLUMNS.map((c) => `${c} = @${c}`).join(', ')}, last_key = @last_key, first_key = @first_key,
       ssn_last4 = @ssn_last4, version = version + 1, updated_at = @now
     WHERE id = @id AND version = @version`,
  );
  const bump = db.prepare('UPDATE members SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?');
  const byLast = db.prepare<[string, string, number, number], SummaryRow>(
    `SELECT ${SUMMARY} FROM members WHERE last_key >= ? AND last_key < ? AND archived <= ? ORDER BY last_key, first_key LIMIT ?`,
  );
  const byLastFirst = db.prepare<[string, string, string, number, number], SummaryRow>(
    `SELECT ${SUMMARY} FROM members WHERE last_key = ? AND first_key >= ? AND first_key < ? AND archived <= ? ORDER BY first_key LIMIT ?`,
  );
  const byLastAndFirstPrefix = db.prepare<[string, string, string, string, number, number], SummaryRow>(
    `SELECT ${SUMMARY} FROM members WHERE last_key >= ? AND last_key < ? AND first_key >= ? AND first_key < ? AND archived <= ? ORDER BY last_key, first_key LIMIT ?`,
  );
  const byFirst = db.prepare<[string, string, number, number], SummaryRow>(
    `SELECT ${SUMMARY} FROM members WHERE first_key >= ? AND first_key < ? AND archived <= ? ORDER BY first_key, last_key LIMIT ?`,
  );
  const byLast4 = db.prepare<[string, number, number], SummaryRow>(
    `SELECT ${SUMMARY} FROM members WHERE ssn_last4 = ? AND archived <= ? ORDER BY last_key, first_key LIMIT ?`,
  );
  // A last-name word anywhere in the stored name (the second half of "Thompson-Reyes", "oneill"
  // for "O'Neill"): the stored key with apostrophes dropped and punctuation as spaces, matched at
  // its start or after a space. A scan of the last-name index; only when the prefix searches
  // found fewer rows than asked for.
  // One scan tries every (last-name word, first-name prefix) pair at once: the normalized name is
  // worked out once per index entry, not once per pair.
  const NORM = `(' ' || replace(replace(replace(replace(replace(replace(last_key, '''', ''), '’', ''), 'ʼ', ''), '-', ' '), ',', ' '), '.', ' ') || ' ')`;
  const byWordsCache = new Map<number, { all: (...params: unknown[]) => SummaryRow[] }>();
  const byLastWords = (pairs: number) => {
    let st = byWordsCache.get(pairs);
    if (!st) {
      const or = Array.from({ length: pairs }, () => '(n LIKE ? ESCAPE \'\\\' AND f LIKE ? ESCAPE \'\\\')').join(' OR ');
      // One pair: filter in place. Several: the normalized names are worked out once into a
      // materialized table (a flattened subquery would repeat the expression for every pair).
      st =
        pairs === 1
          ? db.prepare<unknown[], SummaryRow>(`SELECT ${SUMMARY} FROM members WHERE archived <= ? AND ${NORM} LIKE ? ESCAPE '\\' AND first_key LIKE ? ESCAPE '\\' ORDER BY last_key, first_key LIMIT ?`)
          : db.prepare<unknown[], SummaryRow>(
              `WITH w AS MATERIALIZED (SELECT id, ${NORM} AS n, first_key AS f FROM members) SELECT ${SUMMARY} FROM members WHERE archived <= ? AND id IN (SELECT id FROM w WHERE ${or}) ORDER BY last_key, first_key LIMIT ?`,
            );
      byWordsCache.set(pairs, st);
    }
    return st;
  };
  const byIdPrefix = db.prepare<[string, string, number, number], SummaryRow>(
    `SELECT ${SUMMARY} FROM members WHERE member_id >= ? AND member_id < ? AND archived <= ? ORDER BY member_id LIMIT ?`,
  );
  const byRetirement = db.prepare<[string, string, number, number], SummaryRow>(
    `SELECT ${SUMMARY} FROM members WHERE retirement_date >= ? AND retirement_date <= ? AND archived <= ? ORDER BY retirement_date, last_key LIMIT ?`,
  );
  const all = db.prepare<[number, number, number], SummaryRow>(`SELECT ${SUMMARY} FROM members WHERE archived <= ? ORDER BY last_key, first_key LIMIT ? OFFSET ?`);

  const keys = (c: MemberColumns) => ({ last_key: searchKey(c.last_name), first_key: searchKey(c.first_name), ssn_last4: c.ssn ? c.ssn.slice(-4) : null });

  return {
    get: (id: number) => byId.get(id) ?? null,
    getByMemberId: (memberId: string) => byMemberId.get(memberId) ?? null,
    insert(c: MemberColumns, now: string): number {
      return Number(insert.run({ ...c, ...keys(c), now }).lastInsertRowid);
    },
    /** Writes the row if `version` is current; false when another edit came first. */
    update(id: number, version: number, c: MemberColumns, now: string): boolean {
      return update.run({ ...c, ...keys(c), id, version, now }).changes === 1;
    },
    /** A change to a member's child rows still moves the member's version (CONFLICT detection). */
    bumpVersion(id: number, version: number, now: string): boolean {
      return bump.run(now, id, version).changes === 1;
    },
    searchName(text: string, limit: number, includeArchived: boolean): SummaryRow[] {
      const arch = includeArchived ? 1 : 0;
      const out: SummaryRow[] = [];
      const seen = new Set<number>();
      const add = (rows: SummaryRow[]) => {
        for (const r of rows) {
          if (seen.has(r.id) || out.length >= limit) continue;
          seen.add(r.id);
          out.push(r);
        }
      };
      const like = (w: string) => w.replace(/[\\%_]/g, (c) => `\\${c}`);
      /** A last-name word (any part of the stored last name) and an optional first-name prefix. */
      /** Rows whose last name holds one of the `last` words and whose first name starts with its `first`. */
      const lastWords = (pairs: { last: string; first: string; whole?: boolean }[]) =>
        add(byLastWords(pairs.length).all(arch, ...pairs.flatMap((p) => [`% ${like(p.last)}${p.whole ? ' ' : ''}%`, `${like(p.first)}%`]), limit));
      const comma = text.indexOf(',');
      if (comma >= 0) {
        const last = searchKey(text.slice(0, comma));
        const first = searchKey(text.slice(comma + 1));
        add(byLastFirst.all(last, first, prefixEnd(first), arch, limit));
        // "Washington, George" for the stored "Washington, Jr.": the last name's words, suffix aside.
        const lw = searchWords(text.slice(0, comma));
        const fw = searchWords(text.slice(comma + 1)).join(' ');
        if (out.length < limit && lw.length > 0) lastWords([{ last: lw.join(' '), first: fw, whole: true }]);
        return out;
      }
      const words = searchWords(text);
      const key = searchKey(text);
      const typed = key.split(/\s+/);
      if (typed.length >= 2) {
        // "dana whitfield": the last word is a last-name prefix, the rest the first name; then
        // "whitfield dana": the first word the last name, the rest the first name.
        const last = typed[typed.length - 1]!;
        const first = typed.slice(0, -1).join(' ');
        add(byLastAndFirstPrefix.all(last, prefixEnd(last), first, prefixEnd(first), arch, limit));
        if (out.length > 0 && out.length >= limit) return out;
        const last2 = typed[0]!;
        const first2 = typed.slice(1).join(' ');
        add(byLastAndFirstPrefix.all(last2, prefixEnd(last2), first2, prefixEnd(first2), arch, limit));
        if (out.length > 0) return out;
      }
      add(byLast.all(key, prefixEnd(key), arch, limit));
      if (out.length < limit) add(byFirst.all(key, prefixEnd(key), arch, limit));
      // A word of a two-part last name, or a name typed without its apostrophe or hyphen.
      if (out.length < limit && words.length === 1) lastWords([{ last: words[0]!, first: '' }]);
      if (out.length < limit && words.length >= 2 && words.length <= 4) {
        // "thompson reyes" for "Thompson-Reyes": every word the last name; and every split of the
        // words into a last name and a first name, in either order. One scan for all of them.
        const pairs = [{ last: words.join(' '), first: '' }];
        for (let i = 1; i < words.length; i++) {
          pairs.push({ last: words.slice(0, i).join(' '), first: words.slice(i).join(' ') });
          pairs.push({ last: words.slice(i).join(' '), first: words.slice(0, i).join(' ') });
        }
        lastWords(pairs);
      }
      return out;
    },
    searchLast4: (last4: string, limit: number, includeArchived: boolean) => byLast4.all(last4, includeArchived ? 1 : 0, limit),
    searchMemberId: (prefix: string, limit: number, includeArchived: boolean) => byIdPrefix.all(prefix, prefixEnd(prefix), includeArchived ? 1 : 0, limit),
    retiringBetween: (from: string, to: string, limit: number, includeArchived: boolean) => byRetirement.all(from, to, includeArchived ? 1 : 0, limit),
    /** The whole range in order, one row at a time (to filter by text without a row cap). */
    iterateRetiringBetween: (from: string, to: string, includeArchived: boolean) => byRetirement.iterate(from, to, includeArchived ? 1 : 0, -1),
    list: (limit: number, offset: number, includeArchived: boolean) => all.all(includeArchived ? 1 : 0, limit, offset),
  };
}
export type MembersRepo = ReturnType<typeof membersRepo>;
