// The member record keeps what was meant: an impossible or incomplete date is an error beside its
// field and never saved (DATE-1); clearing a stored date is its own action; Ctrl+S saves every
// changed section and says which; leaving with unsaved changes asks first; a failed save puts the
// focus on the first field in error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMember, startSession, type Session } from './harness';

describe('member record: dates, Ctrl+S and leaving (preview transport, production CSP)', () => {
  let s: Session;
  let id: number;
  beforeAll(async () => {
    s = await startSession();
    id = s.app.services.members.search({ query: 'whitfield' })[0]!.id;
    const m = s.app.services.members.get(id);
    // A stored last day worked and a spouse with a marriage date, so every date field has a value to lose.
    s.app.services.members.update(id, m.version, { lastDayWorked: '2027-06-30' });
    const v = s.app.services.members.get(id).version;
    s.app.services.members.setSpouse(id, v, { name: 'Pat Whitfield', birthDate: '1967-09-03', marriageDate: '1990-06-16' });
  });
  afterAll(async () => {
    await s?.close();
  });
  const rec = () => s.app.services.members.get(id);
  const auditRows = () => s.app.services.members.auditTrail(id).length;

  /** Types into a date field the way a counselor does: select what is there, then type digits. */
  async function typeDate(testId: string, keys: string): Promise<void> {
    const f = s.page.getByTestId(testId);
    await f.click();
    await s.page.keyboard.press('Control+a');
    await s.page.keyboard.type(keys);
  }
  /** The helper text under a field (its message), through the field's aria-describedby. */
  const helperOf = (testId: string): Promise<string> =>
    s.page.evaluate(`(() => { const el = document.querySelector('[data-testid="${testId}"]'); return document.getElementById(el.getAttribute('aria-describedby') || '')?.textContent ?? ''; })()`);

  it('DATE-1: 02/30/2027 in each date field is an error beside the field; the stored dates are kept and nothing is audited', async () => {
    await openMember(s, 'whitfield');
    await s.page.getByTestId('field-retirementDate').waitFor();
    const before = rec();
    const rows = auditRows();
    for (const f of ['field-retirementDate', 'field-firstEmploymentDate', 'field-lastDayWorked', 'spouse-marriageDate']) {
      await typeDate(f, '02302027');
      await s.page.keyboard.press('Control+s');
      await expect.poll(() => s.page.getByTestId(f).getAttribute('aria-invalid'), { message: f }).toBe('true');
      expect(await helperOf(f), f).toBe('February 2027 has no day 30 (it has 28 days). Check the day.');
      // An incomplete date is refused the same way.
      await typeDate(f, '0230');
      await s.page.keyboard.press('Control+s');
      await expect.poll(() => helperOf(f), { message: f }).toContain('Type the whole date as MM/DD/YYYY');
    }
    await s.shot('member-impossible-date');
    const after = rec();
    expect(after.retirementDate).toBe('2027-07-01');
    expect(after.firstEmploymentDate).toBe(before.firstEmploymentDate);
    expect(after.lastDayWorked).toBe('2027-06-30');
    expect(after.spouse?.marriageDate).toBe('1990-06-16');
    expect(after.version).toBe(before.version);
    expect(auditRows()).toBe(rows);
    expect(await s.page.getByTestId('save-status').textContent()).toContain('Not saved');
  });

  it('an emptied date field is an error, not a clear; Clear date clears it, and the save says what was saved', async () => {
    await s.page.keyboard.press('Alt+1');
    await s.page.getByTestId('leave-dialog').waitFor();
    await s.page.getByTestId('leave-discard').click();
    await openMember(s, 'whitfield');
    await typeDate('field-lastDayWorked', '');
    await s.page.keyboard.press('Backspace');
    await s.page.keyboard.press('Control+s');
    await expect.poll(() => helperOf('field-lastDayWorked')).toContain('choose Clear date');
    expect(rec().lastDayWorked).toBe('2027-06-30');
    await s.page.getByTestId('field-lastDayWorked').fill('06/30/2027');
    await s.page.getByTestId('field-lastDayWorked-clear').click();
    await s.page.keyboard.press('Control+s');
    await expect.poll(() => s.page.getByTestId('save-status').textContent()).toBe('Saved member details.');
    expect(rec().lastDayWorked).toBeNull();
    expect(rec().retirementDate).toBe('2027-07-01');
  });

  it('Ctrl+S with the focus in the spouse section saves the member details and the spouse, and says so', async () => {
    await s.page.getByTestId('field-phone').fill('573-555-0177');
    await s.page.getByTestId('spouse-name').fill('Pat R. Whitfield');
    await s.page.getByTestId('spouse-name').focus();
    await s.page.keyboard.press('Control+s');
    await expect.poll(() => s.page.getByTestId('save-status').textContent()).toBe('Saved member details, spouse.');
    expect(rec().phone).toBe('573-555-0177');
    expect(rec().spouse?.name).toBe('Pat R. Whitfield');
    expect(rec().spouse?.marriageDate).toBe('1990-06-16');
  });

  it('leaving with unsaved edits asks first: Stay keeps them, Save and leave saves them', async () => {
    await s.page.getByTestId('spouse-name').fill('Pat Whitfield');
    await s.page.keyboard.press('Alt+3');
    await s.page.getByTestId('leave-dialog').waitFor();
    expect(await s.page.getByTestId('leave-dialog').textContent()).toContain('Not saved yet: spouse');
    await s.shot('member-leave-dialog');
    await s.page.getByTestId('leave-stay').click();
    await expect.poll(() => s.page.getByTestId('leave-dialog').count()).toBe(0);
    expect(await s.page.getByTestId('spouse-name').inputValue()).toBe('Pat Whitfield');
    await s.page.keyboard.press('Alt+3');
    await s.page.getByTestId('leave-save').click();
    await expect.poll(() => rec().spouse?.name).toBe('Pat Whitfield');
    await expect.poll(() => s.page.getByTestId('spouse-name').count()).toBe(0);
  });

  it('a save with an error below the fold moves the focus to that field', async () => {
    await s.page.keyboard.press('Alt+2');
    await s.page.getByTestId('field-phone').waitFor();
    await s.page.getByRole('button', { name: 'Add beneficiary' }).click();
    await s.page.getByLabel('Name', { exact: true }).last().fill('Sam Whitfield');
    await s.page.getByTestId('ben-share-0').fill('abc');
    await s.page.evaluate('window.scrollTo(0, 0)');
    await s.page.getByTestId('field-phone').focus();
    await s.page.keyboard.press('Control+s');
    await expect.poll(() => s.page.evaluate(`document.activeElement?.getAttribute('data-testid')`)).toBe('ben-share-0');
    await s.shot('member-error-below-fold');
    expect(await s.page.getByTestId('save-status').textContent()).toContain('Not saved: beneficiaries');
    expect(s.consoleErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
  });
});
