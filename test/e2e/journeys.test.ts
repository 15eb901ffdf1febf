// End-to-end journeys through the renderer in Debian Chromium, over the same dispatch as Electron.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersButReveal, cliEstimate, openMember, pageStorage, startSession, type Session } from './harness';


describe('counselor journeys (preview transport, production CSP)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('finds a member by name, by member ID and by last 4 of the SSN, from the keyboard', async () => {
    await s.page.getByTestId('search').fill('6703');
    await s.page.getByTestId('search-row').filter({ hasText: 'Núñez, José' }).waitFor();
    await s.page.getByTestId('search').fill('M01120');
    await s.page.getByTestId('search-row').filter({ hasText: 'Whitfield, Dana' }).waitFor();
    await s.shot('01-caseload-search');
    await openMember(s, 'whitfield');
    await expect.poll(() => s.page.getByTestId('current-member').textContent()).toBe('Whitfield, Dana · M0112044');
    await s.page.getByTestId('field-lastName').waitFor();
    await s.shot('02-member-record');
    expect(await s.page.getByTestId('field-retirementDate').inputValue()).toBe('07/01/2027');
  });

  it('keeps typed edits through a reload (drafts in the caseload), then saves them', async () => {
    await s.page.keyboard.press('Alt+2');
    const phone = s.page.getByTestId('field-phone');
    await phone.fill('573-555-0199');
    await s.page.waitForTimeout(700);
    await s.page.reload();
    await openMember(s, 'whitfield');
    await s.page.getByText('Unsaved edits from').waitFor();
    expect(await s.page.getByTestId('field-phone').inputValue()).toBe('573-555-0199');
    await s.page.keyboard.press('Control+s');
    await s.page.getByText('Saved member details.').waitFor();
    const id = s.app.services.members.search({ query: 'whitfield' })[0]!.id;
    expect(s.app.services.members.get(id).phone).toBe('573-555-0199');
    expect(s.app.services.settings.draft(`member:${id}`)).toBeNull();
  });

  it('shows a field error beside the input and saves nothing when input is bad', async () => {
    const id = s.app.services.members.search({ query: 'whitfield' })[0]!.id;
    const before = s.app.services.members.get(id).version;
    await s.page.getByTestId('field-directDeposit.routingNumber').fill('011000016');
    await s.page.getByTestId('field-directDeposit.accountNumber').fill('12345678');
    await s.page.getByText('must be a 9-digit ABA routing number with a valid checksum (FORM-2)').waitFor();
    await s.shot('03-member-validation');
    await s.page.keyboard.press('Control+s');
    expect(s.app.services.members.get(id).version).toBe(before);
    await s.page.getByTestId('field-directDeposit.routingNumber').fill('011000015');
    // The message goes as soon as the field is corrected, not at the next successful save.
    await expect.poll(() => s.page.getByText('must be a 9-digit ABA routing number with a valid checksum (FORM-2)').count()).toBe(0);
    expect(await s.page.getByTestId('field-directDeposit.routingNumber').getAttribute('aria-invalid')).toBe('false');
    await s.page.getByTestId('field-directDeposit.accountType').locator('..').click();
    await s.page.getByRole('option', { name: 'Checking' }).click();
    await s.page.keyboard.press('Control+s');
    await s.page.getByText('Saved member details.').waitFor();
    expect(s.app.services.members.get(id).directDeposit).toEqual({ routingNumber: '011000015', accountMasked: '****5678', accountType: 'checking' });
  });

  it('marks forms received and the tracker and missing list follow (PROC-1, PROC-2, FORM-1)', async () => {
    await s.page.keyboard.press('Alt+4');
    await s.page.getByTestId('step1-progress').waitFor();
    expect(await s.page.getByTestId('step1-progress').textContent()).toBe('0 of 3 required forms received');
    for (const form of ['retirement-application', 'direct-deposit']) {
      await s.page.getByTestId(`status-${form}`).locator('..').click();
      await s.page.getByRole('option', { name: 'Received' }).click();
      await s.page.getByRole('option').first().waitFor({ state: 'detached' });
    }
    await expect.poll(() => s.page.getByTestId('step1-progress').textContent()).toBe('2 of 3 required forms received');
    const proof = s.page.getByLabel("Member's proof of age and lawful presence");
    await proof.focus();
    await s.page.keyboard.press('Space');
    await expect.poll(() => proof.isChecked()).toBe(true);
    await expect.poll(() => s.page.getByTestId('missing-list').textContent()).not.toContain("Member's proof of age");
    const missing = await s.page.getByTestId('missing-list').textContent();
    expect(missing).toContain('Tax Withholding (Substitute W-4P) (due May 31, 2027)');
    expect(missing).toContain('Retirement Election Form (due June 30, 2027)');
    await s.shot('04-process-tracker');
  });

  it('prints a packet: the PDF is saved by main and parses; its bytes never cross IPC', async () => {
    await s.page.keyboard.press('Alt+5');
    await s.page.getByTestId('build-packet').click();
    await s.page.getByTestId('packet-ready').waitFor({ timeout: 30_000 });
    await s.page.getByTestId('save-packet').click();
    await s.page.getByTestId('packet-done').waitFor();
    await s.shot('05-print');
    const built = [...s.answers].reverse().find((a) => a.channel === 'documents:packet')!.result as { ok: true; value: { pageCount: number; fileName: string } };
    expect(built.ok).toBe(true);
    expect(JSON.stringify(built)).not.toMatch(/123-45-6702|123456702/);
    expect(built.value.fileName).toBe('Whitfield-M0112044-packet-2027-07-01.pdf');
    const path = join(s.outDir, built.value.fileName);
    expect(await s.page.getByTestId('packet-done').textContent()).toBe(`Saved to ${path}`);
    const pdf = await PDFDocument.load(readFileSync(path));
    expect(pdf.getPageCount()).toBe(built.value.pageCount);
    await s.page.getByTestId('print-packet').click();
    await s.page.getByText('Printing is available in the desktop app').waitFor();
  });

  it('runs under the production CSP with no console errors on the screens visited', () => {
    expect(s.consoleErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
  });

  it('agrees with npm run estimate for the member (the case the workstation builds)', () => {
    const id = s.app.services.members.search({ query: 'whitfield' })[0]!.id;
    const cli = cliEstimate(s, id);
    const inApp = s.app.services.estimates.compute({ memberId: id });
    expect(inApp.results).toEqual(cli.results);
  });

  it('after the journeys: no PII in localStorage, sessionStorage, IndexedDB or CacheStorage, and no full SSN or typed account number came back across IPC', async () => {
    expect(await pageStorage(s.page)).toEqual({ localStorage: 0, sessionStorage: 0, indexedDB: [], caches: [] });
    const ssns = readFileSync(join(import.meta.dirname, '../../examples/roster-field-session.csv'), 'utf8').match(/\d{3}-\d{2}-\d{4}/g)!;
    expect(ssns.length).toBeGreaterThan(10);
    const crossed = answersButReveal(s);
    for (const ssn of ssns) for (const form of [ssn, ssn.replace(/-/g, '')]) expect(crossed).not.toContain(form);
    // Typed into the direct-deposit form above: drafts keep it out, the record masks it.
    expect(s.answers.some((a) => a.channel === 'drafts:get')).toBe(true);
    expect(crossed).not.toContain('12345678');
  });
});

/** "$1,234.56" as the screens print amounts. */
function dollars(amount: string): string {
  const [whole = '0', cents = '00'] = amount.split('.');
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

describe('the option board (journeys compare on-screen figures with npm run estimate)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });
  const idOf = (q: string) => s.app.services.members.search({ query: q })[0]!.id;
  const cell = (testid: string) => s.page.getByTestId(testid);

  it('compares MSEP and MSEP 2000 side by side for an MSEP member (PLAN-1), every option as the CLI gives it', async () => {
    await openMember(s, 'whitfield');
    await s.page.keyboard.press('Alt+3');
    await cell('result-MSEP2000-lifeIncomeAnnuity').waitFor();
    const cli = cliEstimate(s, idOf('whitfield'));
    expect(cli.results.map((r) => r.plan)).toEqual(['MSEP', 'MSEP2000']);
    for (const r of cli.results) {
      expect(await cell(`result-${r.plan}-lifeIncomeAnnuity`).getAttribute('data-value')).toBe(r.lifeIncomeAnnuity);
      expect(await cell(`result-${r.plan}-lifeIncomeAnnuity`).textContent()).toContain(dollars(r.lifeIncomeAnnuity!));
      expect(await cell(`result-${r.plan}-F`).getAttribute('data-date')).toBe(r.firstNormalRetirementDate);
      for (const o of r.options) {
        expect(await cell(`result-${r.plan}-option-${o.code}-monthly`).textContent()).toContain(dollars(o.monthly));
        if (o.survivorMonthly) expect(await cell(`result-${r.plan}-option-${o.code}-survivor`).textContent()).toContain(dollars(o.survivorMonthly));
      }
    }
    await s.shot('06-option-board-two-plans');
  });

  it('chooses a BackDROP period and shows its lump sum and monthly amount as the CLI computes them (BD-2..BD-4)', async () => {
    await openMember(s, 'oyelaran');
    await s.page.keyboard.press('Alt+3');
    await cell('result-MSEP2000-backdrop-24-lump').waitFor();
    await s.page.getByTestId('result-MSEP2000-backdrop-24').getByRole('radio').check();
    const cli = cliEstimate(s, idOf('oyelaran'), { backdropMonths: 24 });
    const period = cli.results[0]!.backdrop.periods.find((p) => p.months === 24)!;
    expect(period.selected).toBe(true);
    await expect.poll(async () => (await s.page.getByTestId('result-MSEP2000-backdrop-24').getAttribute('aria-selected')) ?? (await s.page.getByTestId('result-MSEP2000-backdrop-24').getAttribute('class'))).toMatch(/true|selected/i);
    expect(await cell('result-MSEP2000-backdrop-24-lump').textContent()).toContain(dollars(period.lumpSum));
    expect(await cell('result-MSEP2000-backdrop-24-monthly').textContent()).toContain(dollars(period.monthlyAtRetirement));
    await s.shot('07-option-board-backdrop');
  });

  it('marks the sweep milestones at the estimate\'s F, first early date and age 62 (ELIG-6, BEN-4)', async () => {
    await s.page.getByTestId('board-tab-sweep').click();
    await s.page.getByTestId('sweep-done').waitFor({ timeout: 60_000 });
    const cli = cliEstimate(s, idOf('oyelaran'));
    const r = cli.results[0]!;
    expect(await cell('milestone-F-MSEP2000').getAttribute('data-date')).toBe(r.firstNormalRetirementDate);
    // Age 62: the first of the month after the member completes 744 months (DATE-3).
    const [y, m] = cli.retirementDate.split('-').map(Number) as [number, number];
    const idx = y * 12 + (m - 1) + (62 * 12 - (r.ageAtRetirement.years * 12 + r.ageAtRetirement.months));
    expect(await cell('milestone-age62').getAttribute('data-date')).toBe(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}-01`);
    await s.shot('08-sweep');
    await s.page.getByTestId('board-tab-breakeven').click();
    await s.page.getByTestId('breakeven-caption').waitFor();
    await s.shot('09-break-even');
  });

  it('follows an edit of the member record: a new retirement date recomputes the board (DATE-2)', async () => {
    await s.page.keyboard.press('Alt+2');
    await s.page.getByTestId('field-retirementDate').fill('2027-08-01');
    await s.page.keyboard.press('Control+s');
    await s.page.getByText('Saved member details.').waitFor();
    await s.page.keyboard.press('Alt+3');
    await expect.poll(() => s.page.getByTestId('board-shown').getAttribute('data-date')).toBe('2027-08-01');
    const cli = cliEstimate(s, idOf('oyelaran'));
    expect(cli.retirementDate).toBe('2027-08-01');
    await expect.poll(() => cell('result-MSEP2000-lifeIncomeAnnuity').getAttribute('data-value')).toBe(cli.results[0]!.lifeIncomeAnnuity);
    expect(await cell('result-MSEP2000-service-eligibility').textContent()).toBe(String(cli.results[0]!.serviceMonths.eligibility));
  });

  it('shows the board with no console errors under the production CSP', () => {
    expect(s.consoleErrors).toEqual([]);
  });

  it('after the journeys: the page stores nothing of its own', async () => {
    expect(await pageStorage(s.page)).toEqual({ localStorage: 0, sessionStorage: 0, indexedDB: [], caches: [] });
  });
});
