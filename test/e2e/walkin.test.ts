// A walk-in at a field session, from Add member to a saved packet; archive and restore (asked,
// undoable, audited); the SSN shown only with a reason (audited) and masked again.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type Session } from './harness';

describe('walk-in member (preview transport, production CSP)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });
  const t = (id: string) => s.page.getByTestId(id);
  const walkIn = () => s.app.services.members.search({ query: 'M0400001' })[0];

  it('Add member refuses an impossible birth date beside the field, then adds the walk-in and opens the record', async () => {
    await t('add-member').click();
    await t('add-firstName').fill('Adaeze');
    await t('add-lastName').fill('Quillfeather');
    await t('add-memberId').fill('M0400001');
    await t('add-ssn').fill('123-45-6799');
    await t('add-birthDate').fill('02/30/1966');
    await t('add-firstEmploymentDate').fill('03/01/1998');
    await t('add-retirementDate').fill('08/01/2027');
    await t('add-member-save').click();
    await s.page.getByText('February 1966 has no day 30 (it has 28 days). Check the day.').waitFor();
    expect(walkIn()).toBeUndefined();
    await t('add-birthDate').fill('02/03/1966');
    await t('add-member-save').click();
    await t('field-lastName').waitFor();
    await expect.poll(() => t('current-member').textContent()).toBe('Quillfeather, Adaeze · M0400001');
    expect(s.app.services.members.get(walkIn()!.id)).toMatchObject({ birthDate: '1966-02-03', firstEmploymentDate: '1998-03-01', retirementDate: '2027-08-01', ssnMasked: '***-**-6799' });
  });

  it('completes the record, sees the board and saves a packet for the scenario', async () => {
    await t('field-service.asOf').fill('10/31/2026');
    await t('field-service.earnedMonths').fill('343');
    await t('field-finalAveragePay').fill('$4,812.50');
    await s.page.keyboard.press('Control+s');
    await expect.poll(() => t('save-status').textContent()).toBe('Saved member details.');
    await s.page.keyboard.press('Alt+3');
    await t('board-shown').waitFor();
    await expect.poll(() => t('board-shown').getAttribute('data-date')).toBe('2027-08-01');
    await s.page.keyboard.press('Alt+5');
    await expect.poll(() => t('print-scenario').textContent()).toContain('retiring August 1, 2027');
    await t('build-packet').click();
    await t('packet-ready').waitFor({ timeout: 60_000 });
    await t('save-packet').click();
    await t('packet-done').waitFor();
    const built = [...s.answers].reverse().find((a) => a.channel === 'documents:packet')!.result as { ok: true; value: { fileName: string } };
    expect(existsSync(join(s.outDir, built.value.fileName))).toBe(true);
    await s.shot('walkin-packet');
  });

  it('shows the SSN only with a reason, audited, and masks it again', async () => {
    await s.page.keyboard.press('Alt+2');
    await t('reveal-ssn').click();
    await t('reveal-reason').fill('Member asked to confirm the SSN on file');
    await t('reveal-confirm').click();
    await expect.poll(() => t('member-ssn').textContent()).toBe('123-45-6799');
    expect(s.app.services.members.auditTrail(walkIn()!.id).some((a) => a.field === 'ssn' && a.newValue === 'revealed: Member asked to confirm the SSN on file')).toBe(true);
    await t('hide-ssn').click();
    await expect.poll(() => t('member-ssn').textContent()).toBe('***-**-6799');
  });

  it('marks the application received: today is its received day; the day it really came in is typed, and a day after today refused', async () => {
    const id = walkIn()!.id;
    await s.page.keyboard.press('Alt+4');
    await t('status-retirement-application').locator('..').click();
    await s.page.getByRole('option', { name: 'Received' }).click();
    await expect.poll(() => t('received-retirement-application').inputValue()).toBe('11/23/2026');
    await t('received-retirement-application').fill('12/31/2030');
    await s.page.keyboard.press('Enter');
    await s.page.getByText('That day is after today. Type the day it came in.').waitFor();
    await t('received-retirement-application').fill('11/20/2026');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.app.services.process.get(id).forms.find((f) => f.form === 'retirement-application')?.receivedOn).toBe('2026-11-20');
    await s.shot('walkin-received-date');
    await s.page.keyboard.press('Alt+2');
    await t('field-lastName').waitFor();
  });

  it('archive asks first and can be undone; archived, the member leaves the search until restored', async () => {
    const id = walkIn()!.id;
    await t('archive-member').click();
    await t('confirm-ok').click();
    await t('undo').click();
    await s.page.waitForTimeout(8500);
    expect(s.app.services.members.get(id).archived).toBe(false);
    await t('archive-member').click();
    await t('confirm-ok').click();
    await expect.poll(() => s.app.services.members.get(id).archived, { timeout: 12_000 }).toBe(true);
    await t('archived-banner').waitFor();
    expect(s.app.services.members.search({ query: 'M0400001' })).toEqual([]);
    await t('restore-member').click();
    await expect.poll(() => s.app.services.members.get(id).archived).toBe(false);
    expect(s.app.services.members.auditTrail(id).filter((a) => a.field === 'archived').map((a) => a.newValue)).toEqual(['false', 'true']);
    expect(s.consoleErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
  });
});
