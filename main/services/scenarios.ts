import type { MemberRecord } from '../../shared/domain/member';
import type { Scenario, ScenarioInput } from '../../shared/domain/scenario';
import type { ServiceContext } from './context';
import type { EstimatesService } from './estimates';
import type { MembersService } from './members';

/**
 * The member's current scenario (shared/domain/scenario.ts), kept in the caseload. The date and
 * the BackDROP period are the member record's own fields, so the record, the board and the packet
 * cannot disagree; the plan and the basis are in `scenarios`. `use` is "Use for the packet":
 * one transaction, versioned like every member write, each change audited.
 */
export function scenariosService(ctx: ServiceContext, members: MembersService, estimates: EstimatesService) {
  const { repos, clock, db } = ctx;

  function get(memberId: number): Scenario {
    const row = members.requireRow(memberId);
    const s = repos.scenarios.get(memberId);
    return {
      retirementDate: row.retirement_date,
      backdropMonths: row.backdrop_months,
      plan: (s?.plan ?? null) as Scenario['plan'],
      actuarialBasis: s?.actuarial_basis ?? null,
      updatedAt: s?.updated_at ?? null,
      updatedBy: s?.updated_by ?? null,
    };
  }

  return {
    get,
    use(memberId: number, version: number, next: ScenarioInput): { scenario: Scenario; record: MemberRecord } {
      const record = db.transaction(() => {
        const before = get(memberId);
        const r = members.update(memberId, version, { retirementDate: next.retirementDate, backdropMonths: next.backdropMonths });
        if (before.plan !== next.plan) members.audit(memberId, 'scenario', 'plan', before.plan, next.plan);
        if (before.actuarialBasis !== next.actuarialBasis) members.audit(memberId, 'scenario', 'actuarial_basis', before.actuarialBasis, next.actuarialBasis);
        repos.scenarios.put({ member_id: memberId, plan: next.plan, actuarial_basis: next.actuarialBasis, updated_at: clock.now(), updated_by: ctx.who });
        // Only a scenario the estimate can be computed for becomes current (BD-2 periods, a known
        // basis, a complete record): otherwise the packet could not be built for it. A failure
        // rolls everything above back.
        estimates.compute({ memberId });
        return r;
      })();
      return { scenario: get(memberId), record };
    },
  };
}
export type ScenariosService = ReturnType<typeof scenariosService>;
