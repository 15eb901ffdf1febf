import { compareDates, parseDate } from '../../shared/calc/dates';
import { retiresFromActive } from '../../shared/calc/eligibility';
import {
  type BeneficiaryInput,
  type Designation,
  type MemberFacts,
  type MemberPatch,
  type MemberRecord,
  type MemberSummary,
  type SpouseInput,
} from '../../shared/domain/member';
import { maskAccount, maskSsn } from '../../shared/domain/validators';
import { AppFailure } from '../../shared/ipc/result';
import type { BeneficiaryRow } from '../db/repos/member-children';
import { searchKey, type MemberColumns, type MemberRow, type SummaryRow } from '../db/repos/members';
import type { ServiceContext } from './context';

export function toSummary(r: SummaryRow): MemberSummary {
  return {
    id: r.id,
    memberId: r.member_id,
    firstName: r.first_name,
    lastName: r.last_name,
    ssnMasked: r.ssn_last4 ? `***-**-${r.ssn_last4}` : null,
    birthDate: r.birth_date,
    retirementDate: r.retirement_date,
    archived: r.archived === 1,
  };
}

/** The facts as the editable columns of a member row. */
export function factsToColumns(f: MemberFacts, archived = false): MemberColumns {
  return {
    member_id: f.memberId,
    first_name: f.firstName,
    middle_name: f.middleName || null,
    last_name: f.lastName,
    ssn: f.ssn ?? null,
    birth_date: f.birthDate,
    email: f.email ?? null,
    phone: f.phone ?? null,
    street: f.street || null,
    city: f.city || null,
    state: f.state ?? null,
    zip: f.zip ?? null,
    first_employment_date: f.firstEmploymentDate ?? null,
    left_before_vesting_and_returned: f.leftBeforeVestingAndReturned ? 1 : 0,
    returned_after_buyout: f.returnedAfterBuyout ? 1 : 0,
    plan_override: f.planOverride ?? null,
    employment_status: f.employmentStatus,
    last_day_worked: f.lastDayWorked ?? null,
    service_as_of: f.service?.asOf ?? null,
    earned_months: f.service?.earnedMonths ?? null,
    purchased_months: f.service?.purchasedMonths ?? 0,
    transferred_months: f.service?.transferredMonths ?? 0,
    sick_leave_hours: f.service?.sickLeaveHours ?? 0,
    final_average_pay: f.finalAveragePay ?? null,
    projection_from: f.projection?.fromMonth ?? null,
    projection_rate: f.projection?.monthlyRate ?? null,
    optional_life_coverage: f.optionalLifeCoverage ?? null,
    retirement_date: f.retirementDate ?? null,
    backdrop_months: f.backdropMonths ?? null,
    bank_routing: f.directDeposit?.routingNumber ?? null,
    bank_account: f.directDeposit?.accountNumber ?? null,
    bank_account_type: f.directDeposit?.accountType ?? null,
    archived: archived ? 1 : 0,
  };
}

/** A stored row back as facts (full SSN and account: main process only). */
export function rowToFacts(r: MemberRow): MemberFacts {
  return {
    memberId: r.member_id,
    firstName: r.first_name,
    middleName: r.middle_name,
    lastName: r.last_name,
    ssn: r.ssn,
    birthDate: r.birth_date,
    email: r.email,
    phone: r.phone,
    street: r.street,
    city: r.city,
    state: r.state,
    zip: r.zip,
    firstEmploymentDate: r.first_employment_date,
    leftBeforeVestingAndReturned: r.left_before_vesting_and_returned === 1,
    returnedAfterBuyout: r.returned_after_buyout === 1,
    planOverride: r.plan_override as MemberFacts['planOverride'],
    employmentStatus: r.employment_status as MemberFacts['employmentStatus'],
    lastDayWorked: r.last_day_worked,
    service:
      r.service_as_of !== null && r.earned_months !== null
        ? { asOf: r.service_as_of, earnedMonths: r.earned_months, purchasedMonths: r.purchased_months, transferredMonths: r.transferred_months, sickLeaveHours: r.sick_leave_hours }
        : null,
    finalAveragePay: r.final_average_pay,
    projection: r.projection_from && r.projection_rate ? { fromMonth: r.projection_from, monthlyRate: r.projection_rate } : null,
    optionalLifeCoverage: r.optional_life_coverage,
    retirementDate: r.retirement_date,
    backdropMonths: r.backdrop_months,
    directDeposit:
      r.bank_routing && r.bank_account && r.bank_account_type
        ? { routingNumber: r.bank_routing, accountNumber: r.bank_account, accountType: r.bank_account_type as 'checking' | 'savings' }
        : null,
  };
}

/** A stored beneficiary as the caseload's type (full SSN: main process only). */
export function beneficiaryFromRow(b: BeneficiaryRow) {
  return {
    designation: b.designation as Designation,
    class: b.class as 'primary' | 'contingent',
    kind: b.kind as 'person' | 'trust' | 'organization' | 'estate',
    name: b.name,
    relationship: b.relationship,
    birthDate: b.birth_date,
    ssn: b.ssn,
    address: b.address,
    share: b.share,
  };
}

/** Cross-field checks on a member's facts; every problem by field. */
export function checkFacts(f: MemberFacts): void {
  const fields: Record<string, string> = {};
  const birth = parseDate(f.birthDate);
  if (f.firstEmploymentDate && compareDates(parseDate(f.firstEmploymentDate), birth) <= 0) fields.firstEmploymentDate = 'must be after the birth date';
  // The cross-field checks of CASE-FORMAT, at entry rather than first at estimate time.
  if (f.firstEmploymentDate && f.retirementDate && compareDates(parseDate(f.retirementDate), parseDate(f.firstEmploymentDate)) <= 0) {
    fields.retirementDate = 'must be after the first employment date';
  }
  if (f.firstEmploymentDate && f.lastDayWorked && compareDates(parseDate(f.lastDayWorked), parseDate(f.firstEmploymentDate)) < 0) {
    fields.lastDayWorked = 'must not be before the first employment date';
  }
  if (f.retirementDate && f.lastDayWorked && compareDates(parseDate(f.lastDayWorked), parseDate(f.retirementDate)) >= 0) {
    fields.lastDayWorked = 'must be before the retirement date (DATE-2)';
  }
  if (f.employmentStatus === 'terminated' && !f.lastDayWorked) fields.lastDayWorked = 'is required for a member who has left';
  if (f.employmentStatus === 'active' && f.lastDayWorked && f.retirementDate) {
    // DATE-5: an active member's last day worked falls in the month before R.
    if (!retiresFromActive(f.lastDayWorked, f.retirementDate)) fields.employmentStatus = 'must be terminated when the last day worked is before the month preceding the retirement date (DATE-5)';
  }
  if (Object.keys(fields).length > 0) throw new AppFailure('INVALID_INPUT', 'The member record has problems.', fields);
}

const AUDIT_MASK: Partial<Record<keyof MemberColumns, (v: string | null) => string | null>> = {
  ssn: (v) => maskSsn(v),
  bank_account: (v) => maskAccount(v),
};

function auditValue(col: keyof MemberColumns, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const mask = AUDIT_MASK[col];
  return mask ? mask(String(v)) : String(v);
}

/** A query with a digit and no spaces is a member ID (names have no digits). */
const MEMBER_ID_QUERY = /^[A-Za-z-]*\d[A-Za-z0-9-]*$/;

/** The search of the members repo as a predicate, to narrow a retirement-date range by text. */
function textMatcher(text: string): (r: SummaryRow) => boolean {
  if (/^\d{4}$/.test(text)) return (r) => r.ssn_last4 === text || r.member_id.startsWith(text);
  if (MEMBER_ID_QUERY.test(text)) return (r) => r.member_id.startsWith(text.toUpperCase());
  const comma = text.indexOf(',');
  if (comma >= 0) {
    const last = searchKey(text.slice(0, comma));
    const first = searchKey(text.slice(comma + 1));
    return (r) => searchKey(r.last_name) === last && searchKey(r.first_name).startsWith(first);
  }
  const key = searchKey(text);
  const words = key.split(/\s+/);
  const lastWord = words[words.length - 1] ?? '';
  const firstWords = words.slice(0, -1).join(' ');
  return (r) => {
    const last = searchKey(r.last_name);
    const first = searchKey(r.first_name);
    return last.startsWith(key) || first.startsWith(key) || (words.length >= 2 && last.startsWith(lastWord) && first.startsWith(firstWords));
  };
}

export function membersService(ctx: ServiceContext) {
  const { repos, clock, db } = ctx;

  function requireRow(id: number): MemberRow {
    const row = repos.members.get(id);
    if (!row) throw new AppFailure('NOT_FOUND', `No member with id ${id}.`);
    return row;
  }

  /** A versioned write: CONFLICT if the record moved since the counselor loaded it. */
  function requireVersion(row: MemberRow, version: number): void {
    if (row.version !== version) {
      throw new AppFailure('CONFLICT', `${row.first_name} ${row.last_name}'s record was changed elsewhere (version ${row.version}, you have ${version}). Reload it and apply your edit again.`);
    }
  }

  function audit(memberId: number, entity: string, field: string, oldValue: string | null, newValue: string | null): void {
    repos.audit.add({ at: clock.now(), who: ctx.who, member_id: memberId, entity, field, old_value: oldValue, new_value: newValue });
  }

  function record(id: number): MemberRecord {
    const r = requireRow(id);
    const f = rowToFacts(r);
    const spouse = repos.children.spouse(id);
    return {
      id: r.id,
      version: r.version,
      archived: r.archived === 1,
      memberId: f.memberId,
      firstName: f.firstName,
      middleName: f.middleName ?? null,
      lastName: f.lastName,
      ssnMasked: maskSsn(r.ssn),
      birthDate: f.birthDate,
      email: f.email ?? null,
      phone: f.phone ?? null,
      street: f.street ?? null,
      city: f.city ?? null,
      state: f.state ?? null,
      zip: f.zip ?? null,
      firstEmploymentDate: f.firstEmploymentDate ?? null,
      leftBeforeVestingAndReturned: f.leftBeforeVestingAndReturned,
      returnedAfterBuyout: f.returnedAfterBuyout,
      planOverride: f.planOverride ?? null,
      employmentStatus: f.employmentStatus,
      lastDayWorked: f.lastDayWorked ?? null,
      service: f.service ?? null,
      finalAveragePay: f.finalAveragePay ?? null,
      projection: f.projection ?? null,
      payHistory: repos.children.pay(id),
      optionalLifeCoverage: f.optionalLifeCoverage ?? null,
      retirementDate: f.retirementDate ?? null,
      backdropMonths: f.backdropMonths ?? null,
      directDeposit: f.directDeposit ? { routingNumber: f.directDeposit.routingNumber, accountMasked: maskAccount(f.directDeposit.accountNumber)!, accountType: f.directDeposit.accountType } : null,
      spouse: spouse ? { name: spouse.name, ssnMasked: maskSsn(spouse.ssn), birthDate: spouse.birth_date, marriageDate: spouse.marriage_date } : null,
      beneficiaries: repos.children.beneficiaries(id).map((b) => {
        const { ssn, ...rest } = beneficiaryFromRow(b);
        return { ...rest, ssnMasked: maskSsn(ssn) };
      }),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  function ensureUniqueMemberId(memberId: string, exceptId: number | null): void {
    const other = repos.members.getByMemberId(memberId);
    if (other && other.id !== exceptId) throw new AppFailure('CONFLICT', `Member ID ${memberId} belongs to another member.`, { memberId: 'is already used by another member' });
  }

  /** Child-row edits move the member's version in the same transaction. */
  function touch(row: MemberRow, version: number): void {
    requireVersion(row, version);
    if (!repos.members.bumpVersion(row.id, version, clock.now())) requireVersion(requireRow(row.id), version);
  }

  return {
    get: record,
    findByMemberId: (memberId: string) => {
      const row = repos.members.getByMemberId(memberId.trim().toUpperCase());
      return row ? { id: row.id, version: row.version } : null;
    },
    search(q: { query?: string | undefined; retiringFrom?: string | undefined; retiringTo?: string | undefined; includeArchived?: boolean | undefined; limit?: number | undefined }): MemberSummary[] {
      const limit = q.limit ?? 50;
      const arch = q.includeArchived ?? false;
      const text = (q.query ?? '').trim();
      let rows: SummaryRow[];
      if (q.retiringFrom || q.retiringTo) {
        const from = q.retiringFrom ?? '0000-01-01';
        const to = q.retiringTo ?? '9999-12-31';
        if (text) {
          const matches = textMatcher(text);
          rows = [];
          for (const r of repos.members.iterateRetiringBetween(from, to, arch)) {
            if (!matches(r)) continue;
            rows.push(r);
            if (rows.length >= limit) break;
          }
        } else {
          rows = repos.members.retiringBetween(from, to, limit, arch);
        }
      } else if (text === '') {
        rows = repos.members.list(limit, 0, arch);
      } else if (/^\d{3}-?\d{2}-?\d{4}$/.test(text)) {
        // A full SSN, with or without dashes: the last-4 index narrows, the full number decides.
        const digits = text.replace(/-/g, '');
        rows = repos.members.searchLast4(digits.slice(-4), 1000, arch).filter((r) => repos.members.get(r.id)?.ssn === digits).slice(0, limit);
      } else if (/^\d{4}$/.test(text)) {
        // Four digits: the last four of an SSN, or the start of a member ID.
        const bySsn = repos.members.searchLast4(text, limit, arch);
        const seen = new Set(bySsn.map((r) => r.id));
        rows = [...bySsn, ...repos.members.searchMemberId(text, limit, arch).filter((r) => !seen.has(r.id))].slice(0, limit);
      } else if (MEMBER_ID_QUERY.test(text)) {
        rows = repos.members.searchMemberId(text.toUpperCase(), limit, arch);
      } else {
        rows = repos.members.searchName(text, limit, arch);
      }
      return rows.map(toSummary);
    },
    create(f: MemberFacts): MemberRecord {
      checkFacts(f);
      const id = db.transaction(() => {
        ensureUniqueMemberId(f.memberId, null);
        const newId = repos.members.insert(factsToColumns(f), clock.now());
        audit(newId, 'member', 'created', null, f.memberId);
        return newId;
      })();
      return record(id);
    },
    update(id: number, version: number, patch: MemberPatch): MemberRecord {
      db.transaction(() => {
        const row = requireRow(id);
        requireVersion(row, version);
        // An absent (or undefined, as structured clone can send) field keeps its stored value.
        const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as MemberPatch;
        const merged: MemberFacts = { ...rowToFacts(row), ...given };
        checkFacts(merged);
        if (patch.memberId) ensureUniqueMemberId(patch.memberId, id);
        const cols = factsToColumns(merged, row.archived === 1);
        const now = clock.now();
        for (const [col, value] of Object.entries(cols) as [keyof MemberColumns, unknown][]) {
          const old = row[col];
          if (old !== value) audit(id, 'member', col, auditValue(col, old), auditValue(col, value));
        }
        if (!repos.members.update(id, version, cols, now)) requireVersion(requireRow(id), version);
      })();
      return record(id);
    },
    setArchived(id: number, version: number, archived: boolean): MemberRecord {
      db.transaction(() => {
        const row = requireRow(id);
        requireVersion(row, version);
        const cols = factsToColumns(rowToFacts(row), archived);
        audit(id, 'member', 'archived', String(row.archived === 1), String(archived));
        if (!repos.members.update(id, version, cols, clock.now())) requireVersion(requireRow(id), version);
      })();
      return record(id);
    },
    /** The one audited channel that returns a full SSN. */
    revealSsn(id: number, reason: string): { ssn: string | null } {
      const row = requireRow(id);
      audit(id, 'member', 'ssn', null, `revealed: ${reason}`);
      return { ssn: row.ssn ? `${row.ssn.slice(0, 3)}-${row.ssn.slice(3, 5)}-${row.ssn.slice(5)}` : null };
    },
    setSpouse(id: number, version: number, spouse: SpouseInput | null): MemberRecord {
      db.transaction(() => {
        const row = requireRow(id);
        if (spouse && compareDates(parseDate(spouse.birthDate), parseDate('1900-01-01')) < 0) {
          throw new AppFailure('INVALID_INPUT', 'The spouse has problems.', { 'spouse.birthDate': 'must be after 1900' });
        }
        touch(row, version);
        const old = repos.children.spouse(id);
        repos.children.setSpouse(id, spouse ? { name: spouse.name, ssn: spouse.ssn ?? null, birth_date: spouse.birthDate, marriage_date: spouse.marriageDate ?? null } : null);
        audit(id, 'spouse', 'spouse', old ? `${old.name}, ${old.birth_date}, ${maskSsn(old.ssn) ?? 'no SSN'}` : null, spouse ? `${spouse.name}, ${spouse.birthDate}, ${maskSsn(spouse.ssn) ?? 'no SSN'}` : null);
      })();
      return record(id);
    },
    setBeneficiaries(id: number, version: number, designation: Designation, list: BeneficiaryInput[]): MemberRecord {
      db.transaction(() => {
        const row = requireRow(id);
        touch(row, version);
        const before = repos.children.beneficiaries(id).filter((b) => b.designation === designation);
        repos.children.replaceBeneficiaries(
          id,
          designation,
          list.map((b) => ({ class: b.class, kind: b.kind, name: b.name, relationship: b.relationship ?? null, birth_date: b.birthDate ?? null, ssn: b.ssn ?? null, address: b.address ?? null, share: b.share })),
        );
        const text = (xs: { class: string; name: string; share: string }[]) => xs.map((b) => `${b.class}: ${b.name} ${b.share}%`).join('; ') || null;
        audit(id, 'beneficiaries', designation, text(before), text(list));
      })();
      return record(id);
    },
    setPay(id: number, version: number, pay: { history: { month: string; amount: string }[] }): MemberRecord {
      db.transaction(() => {
        const row = requireRow(id);
        const seen = new Set<string>();
        const fields: Record<string, string> = {};
        pay.history.forEach((h, i) => {
          if (seen.has(h.month)) fields[`history[${i}].month`] = 'repeats an earlier month';
          seen.add(h.month);
          if (row.retirement_date && h.month >= row.retirement_date.slice(0, 7)) fields[`history[${i}].month`] = "must be before the retirement date's month";
        });
        if (Object.keys(fields).length > 0) throw new AppFailure('INVALID_INPUT', 'The pay history has problems.', fields);
        touch(row, version);
        const before = repos.children.pay(id);
        repos.children.replacePay(id, [...pay.history].sort((a, b) => a.month.localeCompare(b.month)));
        audit(id, 'pay', 'history', `${before.length} months`, `${pay.history.length} months`);
      })();
      return record(id);
    },
    auditTrail(id: number, limit = 200) {
      requireRow(id);
      return repos.audit.forMember(id, limit).map((a) => ({ at: a.at, who: a.who, entity: a.entity, field: a.field, oldValue: a.old_value, newValue: a.new_value }));
    },
    requireRow,
    requireVersion,
    touch,
    audit,
  };
}
export type MembersService = ReturnType<typeof membersService>;
