// The member record's sections each keep their own unsaved input: a save elsewhere on the record
// (which brings back a whole new record) must not wipe what was typed but not yet saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMember, startSession, type Session } from './harness';

describe('member sections keep unsaved input (preview transport, production CSP)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });
  const idOf = (q: string) => s.app.services.members.search({ query: q })[0]!.id;

  it("a save of one section (the pay history's own button) keeps text typed, not saved, in the member form, spouse and beneficiary sections", async () => {
    await openMember(s, 'whitfield');
    await s.page.keyboard.press('Alt+2');
    const page = s.page;
    await page.getByTestId('spouse-name').fill('Pat Whitfield');
    await page.getByTestId('spouse-birthDate').fill('1966-02-03');
    await page.getByRole('button', { name: 'Add beneficiary' }).click();
    await page.getByTestId('ben-share-0').fill('55');
    await page.getByRole('button', { name: 'Add month' }).click();
    const months = await page.getByLabel(/^Pay for month \d+$/).count();
    const lastPay = page.getByLabel(`Pay for month ${months}`, { exact: true });
    await lastPay.fill('4321.09');
    await page.getByLabel(`Month ${months}`, { exact: true }).fill('2026-10');

    await page.getByTestId('field-phone').fill('573-555-0144');
    await page.getByTestId('save-pay').click();
    await expect.poll(() => s.app.services.members.get(idOf('whitfield')).payHistory.at(-1)?.amount).toBe('4321.09');
    expect(await page.getByTestId('field-phone').inputValue()).toBe('573-555-0144');

    expect(await page.getByTestId('spouse-name').inputValue()).toBe('Pat Whitfield');
    expect(await page.getByTestId('spouse-birthDate').inputValue()).toBe('1966-02-03');
    expect(await page.getByTestId('ben-share-0').inputValue()).toBe('55');
    expect(await lastPay.inputValue()).toBe('4321.09');
  });

  it('a save of the spouse keeps the unsaved beneficiary and pay input, and the spouse form shows what was saved', async () => {
    const page = s.page;
    const months = await page.getByLabel(/^Pay for month \d+$/).count();
    const lastPay = page.getByLabel(`Pay for month ${months}`, { exact: true });
    await page.getByTestId('spouse-ssn').fill('123-45-6790');
    await page.getByTestId('save-spouse').click();
    await expect.poll(() => s.app.services.members.get(idOf('whitfield')).spouse?.ssnMasked).toBe('***-**-6790');
    // The spouse's own data changed, so its form resets from the record: the SSN field empties.
    await expect.poll(() => page.getByTestId('spouse-ssn').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Remove spouse' }).waitFor();
    expect(await page.getByTestId('spouse-name').inputValue()).toBe('Pat Whitfield');
    expect(await page.getByTestId('ben-share-0').inputValue()).toBe('55');
    expect(await lastPay.inputValue()).toBe('4321.09');
  });

  it("a field's error from the save goes once the field is edited, before the next save", async () => {
    const page = s.page;
    const memberId = page.getByTestId('field-memberId');
    await memberId.fill('M0207731');
    await page.keyboard.press('Control+s');
    await page.getByText('is already used by another member').waitFor();
    expect(await memberId.getAttribute('aria-invalid')).toBe('true');
    await memberId.fill('M0112045');
    await expect.poll(() => page.getByText('is already used by another member').count()).toBe(0);
    expect(await memberId.getAttribute('aria-invalid')).toBe('false');
    // Put it back as it was: nothing to save.
    await memberId.fill('M0112044');
    expect(s.app.services.members.get(idOf('whitfield')).memberId).toBe('M0112044');
    expect(s.consoleErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
  });
});
