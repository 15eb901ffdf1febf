// Input as counselors type it: amounts with "$" and thousands commas (MONEY-1), beneficiary
// shares with a running total per class (FORM-3), removals that ask first and can be undone, and
// a warning when the service on file is more than a year old.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMember, startSession, type Session } from './harness';

describe('input on the member record and the board (preview transport, production CSP)', () => {
  let s: Session;
  const idOf = (q: string) => s.app.services.members.search({ query: q })[0]!.id;
  beforeAll(async () => {
    s = await startSession();
    const id = idOf('baumgartner');
    const m = s.app.services.members.get(id);
    s.app.services.members.update(id, m.version, { service: { ...m.service!, asOf: '2015-06-30' } });
    const w = idOf('whitfield');
    s.app.services.members.setSpouse(w, s.app.services.members.get(w).version, { name: 'Pat Whitfield', birthDate: '1967-09-03', marriageDate: null });
    s.app.services.schedule.addAppointment({ memberId: w, date: '2026-12-04', time: '10:00', place: 'Sedalia field session', kind: 'field-session', note: null });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('MONEY-1: "$5,395.20" in Final average pay is saved as 5395.20', async () => {
    await openMember(s, 'whitfield');
    await s.page.getByTestId('field-finalAveragePay').fill('$5,395.20');
    await s.page.keyboard.press('Control+s');
    await expect.poll(() => s.page.getByTestId('save-status').textContent()).toBe('Saved member details.');
    expect(s.app.services.members.get(idOf('whitfield')).finalAveragePay).toBe('5395.20');
    await s.page.getByTestId('field-finalAveragePay').fill('53,95.19');
    await s.page.getByText('Type an amount in dollars and cents, such as 5,395.19.').waitFor();
  });

  it('FORM-3: shares show a running total per class, one message per class', async () => {
    await s.page.getByTestId('field-finalAveragePay').fill('5395.20');
    await s.page.getByRole('button', { name: 'Add beneficiary' }).click();
    await s.page.getByRole('button', { name: 'Add beneficiary' }).click();
    await s.page.getByTestId('ben-share-0').fill('1/3');
    // The second row is added as contingent: make it primary.
    await s.page.getByLabel('Class').nth(1).click();
    await s.page.getByRole('option', { name: 'Primary' }).click();
    await s.page.getByTestId('ben-share-1').fill('50');
    await expect.poll(() => s.page.getByTestId('ben-total-primary').textContent()).toBe('Primary shares add up to 83.33%: 16.67% still to give. They must add up to exactly 100%.');
    await s.page.getByTestId('ben-share-1').fill('2/3');
    await expect.poll(() => s.page.getByTestId('ben-total-primary').textContent()).toBe('Primary shares: 100%.');
    await s.page.getByTestId('ben-share-1').fill('60');
    await s.page.getByTestId('save-beneficiaries').click();
    // The class total is said once, not beside every share.
    await expect.poll(() => s.page.getByText('primary shares must add up to exactly 100% (FORM-3)').count()).toBe(0);
    expect(await s.page.getByTestId('ben-share-0').getAttribute('aria-invalid')).toBe('true');
    await s.shot('input-shares');
    // Put them away: nothing saved.
    for (let i = 0; i < 2; i++) await s.page.getByRole('button', { name: /^Remove (beneficiary|)$/ }).first().click();
  });

  it('removing the spouse asks first and can be undone; confirmed, it is removed and audited', async () => {
    const w = idOf('whitfield');
    await s.page.getByTestId('remove-spouse').click();
    await s.page.getByTestId('confirm-dialog').waitFor();
    await s.page.getByTestId('confirm-cancel').click();
    await s.page.getByTestId('remove-spouse').click();
    await s.page.getByTestId('confirm-ok').click();
    await s.page.getByTestId('undo').click();
    await s.page.waitForTimeout(8500);
    expect(s.app.services.members.get(w).spouse?.name).toBe('Pat Whitfield');
    await s.page.getByTestId('remove-spouse').click();
    await s.page.getByTestId('confirm-ok').click();
    await expect.poll(() => s.app.services.members.get(w).spouse, { timeout: 12_000 }).toBeNull();
    expect(s.app.services.members.auditTrail(w).some((a) => a.entity === 'spouse')).toBe(true);
  });

  it('deleting an appointment asks first and can be undone', async () => {
    const w = idOf('whitfield');
    const appt = s.app.services.schedule.appointments({ memberId: w })[0]!;
    await s.page.getByTestId(`delete-appointment-${appt.id}`).click();
    await s.page.getByTestId('confirm-ok').click();
    await s.page.getByTestId('undo').click();
    await s.page.getByTestId(`delete-appointment-${appt.id}`).waitFor();
    await s.page.getByTestId(`delete-appointment-${appt.id}`).click();
    await s.page.getByTestId('confirm-ok').click();
    await expect.poll(() => s.app.services.schedule.appointments({ memberId: w }).length, { timeout: 12_000 }).toBe(0);
  });

  it('the board warns when the service on file is more than a year old', async () => {
    await openMember(s, 'baumgartner');
    await s.page.keyboard.press('Alt+3');
    await s.page.getByTestId('board-stale').waitFor();
    expect(await s.page.getByTestId('board-stale').textContent()).toContain('the service on file is as of June 30, 2015');
    await s.shot('input-stale-warning');
    expect(s.consoleErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
  });
});
