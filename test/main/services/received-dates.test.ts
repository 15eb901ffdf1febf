// FORM-1 and the process: the day each form and proof was received (migration 0008). Marked
// received without a day: today; a typed day is kept; a day after today is refused, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { johnSmith, openTestApp, value, type TestApp } from '../caseload-fixture';

let app: TestApp;
let id: number;
beforeAll(async () => {
  app = openTestApp({ prefix: 'received-' });
  id = value<{ id: number }>(await app.call('members:create', { member: johnSmith() })).id;
});
afterAll(() => app.close());
const version = () => app.services.members.get(id).version;
type P = { forms: { form: string; receivedOn: string | null }[]; proofs: { document: string; receivedOn: string | null }[] };

describe('received dates', () => {
  it('a form marked received without a day is received today; a typed day is kept and audited', async () => {
    const today = app.clock.today();
    const p = value<P>(await app.call('process:setForm', { memberId: id, version: version(), form: 'retirement-application', status: 'received' }));
    expect(p.forms.find((f) => f.form === 'retirement-application')!.receivedOn).toBe(today);
    const q = value<P>(await app.call('process:setForm', { memberId: id, version: version(), form: 'retirement-application', status: 'received', receivedOn: '2026-11-02' }));
    expect(q.forms.find((f) => f.form === 'retirement-application')!.receivedOn).toBe('2026-11-02');
    expect(app.services.members.auditTrail(id).find((a) => a.entity === 'process')).toMatchObject({ field: 'retirement-application', oldValue: `received on ${today}`, newValue: 'received on 2026-11-02' });
    const r = value<P>(await app.call('process:setForm', { memberId: id, version: version(), form: 'retirement-application', status: 'in-progress' }));
    expect(r.forms.find((f) => f.form === 'retirement-application')!.receivedOn).toBeNull();
  });

  it('a proof received on a typed day; a day after today or an impossible day is refused and nothing changes', async () => {
    const p = value<P>(await app.call('process:setProof', { memberId: id, version: version(), document: 'member-proof-of-age', received: true, receivedOn: '2026-10-15' }));
    expect(p.proofs.find((d) => d.document === 'member-proof-of-age')!.receivedOn).toBe('2026-10-15');
    const v = version();
    const future = await app.call('process:setProof', { memberId: id, version: v, document: 'member-proof-of-age', received: true, receivedOn: '2099-01-01' });
    expect(future).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { receivedOn: 'is after today' } } });
    const bad = await app.call('process:setProof', { memberId: id, version: v, document: 'member-proof-of-age', received: true, receivedOn: '2026-02-30' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { receivedOn: expect.any(String) } } });
    expect(version()).toBe(v);
    expect(app.services.process.get(id).proofs.find((d) => d.document === 'member-proof-of-age')!.receivedOn).toBe('2026-10-15');
  });
});
