// The member's scenario (migration 0007, scenarios.ts): "Use for the packet" changes the record's
// date and BackDROP and the scenario's plan and basis in one versioned, audited transaction; the
// estimate and the packet are built for it unless a request names another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { johnSmith, openTestApp, value, type TestApp } from '../caseload-fixture';

let app: TestApp;
let id: number;
beforeAll(async () => {
  app = openTestApp({ prefix: 'scenario-' });
  id = value<{ id: number }>(await app.call('members:create', { member: johnSmith({ backdropMonths: null, finalAveragePay: '5000.00' }) })).id;
});
afterAll(() => app.close());
const version = () => app.services.members.get(id).version;

describe('scenarios', () => {
  it('before any is used, the scenario is the record’s date and BackDROP with the standard basis', () => {
    expect(app.services.scenarios.get(id)).toEqual({ retirementDate: '2027-06-01', backdropMonths: null, plan: null, actuarialBasis: null, updatedAt: null, updatedBy: null });
  });

  it('use: the record, the scenario row and the audit change together; the estimate and the packet follow it (BD-2, OPT-5)', async () => {
    const before = app.services.members.auditTrail(id).length;
    const r = value<{ scenario: unknown; record: { version: number; retirementDate: string; backdropMonths: number } }>(
      await app.call('scenarios:use', { memberId: id, version: version(), scenario: { retirementDate: '2027-09-01', backdropMonths: null, plan: null, actuarialBasis: 'SULT-5' } }),
    );
    expect(r.record).toMatchObject({ retirementDate: '2027-09-01', backdropMonths: null });
    expect(r.scenario).toMatchObject({ retirementDate: '2027-09-01', backdropMonths: null, actuarialBasis: 'SULT-5', updatedBy: expect.any(String) });
    const fields = app.services.members.auditTrail(id).slice(0, app.services.members.auditTrail(id).length - before).map((a) => a.field);
    expect(fields.sort()).toEqual(['actuarial_basis', 'retirement_date']);
    const c = app.services.estimates.caseFor({ memberId: id });
    expect(c).toMatchObject({ retirementDate: '2027-09-01', backdrop: null, actuarialBasis: 'SULT-5' });
    // A request that names its own basis (the board's "product default" is null) is not overridden.
    expect(app.services.estimates.caseFor({ memberId: id, actuarialBasis: null }).actuarialBasis).toBeNull();
    const built = await app.services.documents.packet({ memberId: id });
    expect(built.scenario).toEqual({ retirementDate: '2027-09-01', backdropMonths: null, actuarialBasis: 'SULT-5' });
  });

  it('a stale version, an impossible date or an unknown basis changes nothing', async () => {
    const snapshot = () => JSON.stringify([app.services.scenarios.get(id), app.services.members.get(id), app.services.members.auditTrail(id).length]);
    const was = snapshot();
    const stale = await app.call('scenarios:use', { memberId: id, version: version() - 1, scenario: { retirementDate: '2028-01-01', backdropMonths: null, plan: 'MSEP', actuarialBasis: null } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const bad = await app.call('scenarios:use', { memberId: id, version: version(), scenario: { retirementDate: '2028-02-30', backdropMonths: null, plan: null, actuarialBasis: null } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { 'scenario.retirementDate': expect.any(String) } } });
    const basis = await app.call('scenarios:use', { memberId: id, version: version(), scenario: { retirementDate: '2028-01-01', backdropMonths: null, plan: null, actuarialBasis: 'NO-SUCH' } });
    expect(basis).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { actuarialBasis: expect.any(String) } } });
    // BD-2: a period the estimate refuses for this member at this date is refused as the scenario.
    const refused = await app.call('scenarios:use', { memberId: id, version: version(), scenario: { retirementDate: '2027-09-01', backdropMonths: 36, plan: null, actuarialBasis: null } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { backdropMonths: expect.any(String) } } });
    // BD-2 refused by the member record's own rules: the scenario row is not written either.
    const period = await app.call('scenarios:use', { memberId: id, version: version(), scenario: { retirementDate: '2028-01-01', backdropMonths: 6, plan: 'MSEP', actuarialBasis: null } });
    expect(period).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(snapshot()).toBe(was);
  });
});
