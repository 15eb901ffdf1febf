import { estimateFromInput, type PricerSource } from '../../shared/calc/run';
import type { CaseInput } from '../../shared/domain/case-schema';
import { estimateSchema, type Estimate } from '../../shared/domain/estimate-schema';
import { AppFailure } from '../../shared/ipc/result';
import type { ServiceContext } from './context';
import type { MembersService } from './members';
import { rowToFacts } from './members';

export type EstimateRequest = {
  memberId: number;
  retirementDate?: string | null | undefined;
  backdropMonths?: number | null | undefined;
  actuarialBasis?: string | null | undefined;
};

const CASE_TO_MEMBER_FIELD: Record<string, string> = {
  retirementDate: 'retirementDate',
  'member.firstEmploymentDate': 'firstEmploymentDate',
  'member.lastDayWorked': 'lastDayWorked',
  'member.birthDate': 'birthDate',
  'spouse.birthDate': 'spouse.birthDate',
  'pay.finalAveragePay': 'finalAveragePay',
  'backdrop.months': 'backdropMonths',
};

/** Case issues named by the member record's fields, for the UI to show beside the inputs. */
function memberFieldOf(path: string): string {
  if (CASE_TO_MEMBER_FIELD[path]) return CASE_TO_MEMBER_FIELD[path];
  if (path.startsWith('service.')) return path;
  if (path.startsWith('pay.history')) return path.replace(/^pay\./, 'payHistory.').replace('payHistory.history', 'payHistory');
  if (path.startsWith('pay.projection')) return path.replace(/^pay\./, '');
  return path;
}

export function estimatesService(ctx: ServiceContext, members: MembersService, pricers: () => PricerSource) {
  const { repos, clock } = ctx;

  /** The case file for a stored member (CASE-FORMAT), "today" as its asOf. */
  function caseFor(req: EstimateRequest): CaseInput {
    const row = members.requireRow(req.memberId);
    const f = rowToFacts(row);
    const spouse = repos.children.spouse(row.id);
    const fields: Record<string, string> = {};
    const retirementDate = req.retirementDate ?? f.retirementDate;
    if (!retirementDate) fields.retirementDate = 'is required to compute an estimate';
    if (!f.firstEmploymentDate) fields.firstEmploymentDate = 'is required to compute an estimate';
    if (!f.service) fields.service = 'is required to compute an estimate';
    if (Object.keys(fields).length > 0 || !retirementDate || !f.firstEmploymentDate || !f.service) {
      throw new AppFailure('INVALID_INPUT', 'The member record lacks facts the estimate needs.', fields);
    }
    const backdropMonths = req.backdropMonths === undefined ? f.backdropMonths : req.backdropMonths;
    // The current scenario's basis (0007 scenarios) unless the request names one.
    const actuarialBasis = req.actuarialBasis === undefined ? (repos.scenarios.get(row.id)?.actuarial_basis ?? null) : req.actuarialBasis;
    return {
      formatVersion: 1,
      asOf: clock.today(),
      retirementDate,
      member: {
        name: [f.firstName, f.middleName, f.lastName].filter(Boolean).join(' '),
        memberId: f.memberId,
        birthDate: f.birthDate,
        firstEmploymentDate: f.firstEmploymentDate,
        leftBeforeVestingAndReturned: f.leftBeforeVestingAndReturned,
        returnedAfterBuyout: f.returnedAfterBuyout,
        lastDayWorked: f.lastDayWorked ?? null,
        plan: f.planOverride ?? null,
      },
      spouse: spouse ? { ...(spouse.name ? { name: spouse.name } : {}), birthDate: spouse.birth_date } : null,
      service: f.service,
      pay: { finalAveragePay: f.finalAveragePay ?? null, history: repos.children.pay(row.id), projection: f.projection ?? null },
      backdrop: backdropMonths ? { months: backdropMonths } : null,
      actuarialBasis,
    };
  }

  function computeCase(c: unknown, memberFields: boolean): Estimate {
    const result = estimateFromInput(c, pricers());
    if (!result.ok) {
      const fields: Record<string, string> = {};
      for (const issue of result.issues) fields[memberFields ? memberFieldOf(issue.path) : issue.path] = issue.message;
      throw new AppFailure('INVALID_INPUT', 'The estimate cannot be computed from these facts.', fields);
    }
    return result.value;
  }

  return {
    caseFor,
    compute: (req: EstimateRequest) => computeCase(caseFor(req), true),
    computeCase: (c: unknown) => computeCase(c, false),
    save(req: EstimateRequest & { label?: string | null | undefined }) {
      const c = caseFor(req);
      const estimate = computeCase(c, true);
      const basisId = estimate.results.flatMap((r) => r.options).find((o) => o.basis !== 'plan' && o.basis !== 'statute')?.basis ?? null;
      const now = clock.now();
      // The snapshot and its audit entry go in together; createdAt is the stored instant.
      const id = ctx.db.transaction(() => {
        const newId = repos.estimates.add({
          member_id: req.memberId,
          created_at: now,
          created_by: ctx.who,
          retirement_date: c.retirementDate,
          engine_version: estimate.engineVersion,
          basis_id: basisId,
          label: req.label ?? null,
          case_json: JSON.stringify(c),
          estimate_json: JSON.stringify(estimate),
        });
        members.audit(req.memberId, 'estimate', 'saved', null, `estimate ${newId} for ${c.retirementDate}`);
        return newId;
      })();
      return { id, createdAt: now, retirementDate: c.retirementDate, engineVersion: estimate.engineVersion, basisId, label: req.label ?? null };
    },
    list(memberId: number) {
      members.requireRow(memberId);
      return repos.estimates.forMember(memberId).map((r) => ({ id: r.id, createdAt: r.created_at, retirementDate: r.retirement_date, engineVersion: r.engine_version, basisId: r.basis_id, label: r.label }));
    },
    get(id: number): { id: number; memberId: number; case: CaseInput; estimate: Estimate } {
      const row = repos.estimates.get(id);
      if (!row) throw new AppFailure('NOT_FOUND', `No saved estimate with id ${id}.`);
      const parsed = estimateSchema.safeParse(JSON.parse(row.estimate_json));
      if (!parsed.success) throw new AppFailure('INTERNAL', `Saved estimate ${id} does not match the estimate format.`);
      return { id: row.id, memberId: row.member_id, case: JSON.parse(row.case_json) as CaseInput, estimate: parsed.data };
    },
    /** Recompute a saved estimate's exact case and list every figure that differs, by path. */
    compare(aId: number, bId: number | null) {
      const a = this.get(aId);
      const b = bId === null ? { estimate: computeCase(a.case, false) } : this.get(bId);
      const differences: { path: string; before: string | null; after: string | null }[] = [];
      diff(a.estimate.results, b.estimate.results, 'results', differences);
      return { differences };
    },
  };
}
export type EstimatesService = ReturnType<typeof estimatesService>;

function diff(a: unknown, b: unknown, path: string, out: { path: string; before: string | null; after: string | null }[]): void {
  if (path.endsWith('.trace') || path.endsWith('.notes')) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) diff(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push({ path, before: a === undefined || a === null ? null : String(typeof a === 'object' ? JSON.stringify(a) : a), after: b === undefined || b === null ? null : String(typeof b === 'object' ? JSON.stringify(b) : b) });
  }
}
