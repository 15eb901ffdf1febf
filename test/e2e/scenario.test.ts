// The scenario is the member's, kept in the caseload: the board opens on it, what is explored
// survives leaving the board, "Use for the packet" makes it current, the Print screen states it
// before building, and the packet's statement carries its figures (BD-3, BD-4). Saved scenarios
// with a label compare side by side.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../shared/calc/decimal';
import type { Estimate } from '../../shared/domain/estimate-schema';
import { cliEstimate, openMember, startSession, type Session } from './harness';

const dollars = (amount: string) => {
  const [whole = '0', cents = '00'] = amount.split('.');
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const long = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}, ${y}`;
};

describe('the scenario: board → caseload → Print → packet (preview transport, production CSP)', () => {
  let s: Session;
  let id: number;
  let chosen: string;
  beforeAll(async () => {
    s = await startSession();
    id = s.app.services.members.search({ query: 'oyelaran' })[0]!.id;
  });
  afterAll(async () => {
    await s?.close();
  });
  const board = (t: string) => s.page.getByTestId(t);

  it('a date and BackDROP chosen on the board survive leaving the board, and "Use for the packet" keeps them in the caseload', async () => {
    await openMember(s, 'oyelaran');
    await s.page.keyboard.press('Alt+3');
    await board('result-MSEP2000-backdrop-24-lump').waitFor();
    expect(await board('board-scenario').getAttribute('data-current')).toBe('true');
    const stored = s.app.services.members.get(id).retirementDate!;
    const dates = await board('board-retirementDate').evaluate((el) => [...(el as unknown as { options: { value: string }[] }).options].map((o) => o.value));
    chosen = dates[dates.indexOf(stored) + 1]!;
    await board('board-retirementDate').selectOption(chosen);
    await expect.poll(() => board('board-shown').getAttribute('data-date')).toBe(chosen);
    await board('result-MSEP2000-backdrop-24').getByRole('radio').check();
    await expect.poll(() => board('board-backdrop').inputValue()).toBe('24');
    expect(await board('board-scenario').getAttribute('data-current')).toBe('false');
    await s.page.waitForTimeout(500);
    // Leave the board and come back: what was explored is still there.
    await s.page.keyboard.press('Alt+2');
    await s.page.getByTestId('field-lastName').waitFor();
    await s.page.keyboard.press('Alt+3');
    await expect.poll(() => board('board-backdrop').inputValue()).toBe('24');
    expect(await board('board-retirementDate').inputValue()).toBe(chosen);
    expect(s.app.services.members.get(id).retirementDate).toBe(stored);
    await board('use-for-packet').click();
    await board('board-used').waitFor();
    expect(await board('board-scenario').getAttribute('data-current')).toBe('true');
    expect(s.app.services.scenarios.get(id)).toMatchObject({ retirementDate: chosen, backdropMonths: 24, actuarialBasis: null });
    expect(s.app.services.members.auditTrail(id).map((a) => a.field)).toEqual(expect.arrayContaining(['retirement_date', 'backdrop_months']));
    await s.shot('scenario-board-used');
    // Leaving and coming back opens on the (now current) scenario.
    await s.page.keyboard.press('Alt+2');
    await s.page.keyboard.press('Alt+3');
    await expect.poll(() => board('board-backdrop').inputValue()).toBe('24');
    expect(await board('board-scenario').getAttribute('data-current')).toBe('true');
  });

  it('BD-3, BD-4: under the chosen BackDROP every option, its survivor, the lump sum, the temporary benefit at retirement and the total until 62 equal npm run estimate', async () => {
    const cli = cliEstimate(s, id);
    const r = cli.results[0]!;
    const p = r.backdrop.periods.find((x) => x.selected)!;
    expect(p.months).toBe(24);
    await expect.poll(() => board(`result-${r.plan}-options-title`).textContent()).toBe('Payment options with the 24-month BackDROP');
    for (const o of p.options) {
      expect(await board(`result-${r.plan}-option-${o.code}-monthly`).textContent(), o.code).toBe(dollars(o.monthly));
      if (o.survivorMonthly) expect(await board(`result-${r.plan}-option-${o.code}-survivor`).textContent(), o.code).toBe(dollars(o.survivorMonthly));
      // Not the no-BackDROP amount (the bug: the table kept it under a BackDROP).
      const plain = r.options.find((x) => x.code === o.code)!;
      expect(plain.monthly).not.toBe(o.monthly);
    }
    expect(await board(`result-${r.plan}-chosen-lump`).getAttribute('data-value')).toBe(p.lumpSum);
    expect(await board(`result-${r.plan}-chosen-lump`).textContent()).toContain(dollars(p.lumpSum));
    expect(p.temporaryAtRetirement).not.toBeNull();
    expect(await board(`result-${r.plan}-chosen-temporary`).textContent()).toContain(dollars(p.temporaryAtRetirement!));
    // The monthly total until 62: the LIFE amount at R under this BackDROP plus its temporary benefit, to the cent.
    const total = new Decimal(p.monthlyAtRetirement).plus(p.temporaryAtRetirement!).toFixed(2);
    expect(await board(`result-${r.plan}-chosen-total62`).getAttribute('data-value')).toBe(total);
    expect(await board(`result-${r.plan}-chosen-total62`).textContent()).toContain(dollars(total));
    const life = p.options.find((o) => o.code === 'LIFE')!;
    expect(life.monthly).toBe(p.monthlyAtRetirement);
    await s.shot('scenario-backdrop-amounts');
  });

  it('the Print screen states the scenario before building, and the packet is built for it (its statement has the BackDROP figures)', async () => {
    await s.page.keyboard.press('Alt+5');
    await expect.poll(() => board('print-scenario').textContent()).toContain(`retiring ${long(chosen)} · 24-month BackDROP`);
    await s.shot('scenario-print-before');
    await board('build-packet').click();
    await board('packet-ready').waitFor({ timeout: 60_000 });
    expect(await board('packet-ready').textContent()).toContain(`retiring ${long(chosen)} · 24-month BackDROP`);
    await board('save-packet').click();
    await board('packet-done').waitFor();
    const built = [...s.answers].reverse().find((a) => a.channel === 'documents:packet')!.result as { ok: true; value: { fileName: string; scenario: unknown } };
    expect(built.value.scenario).toEqual({ retirementDate: chosen, backdropMonths: 24, actuarialBasis: null });
    expect(built.value.fileName).toContain(`packet-${chosen}.pdf`);
    const text = execFileSync('pdftotext', ['-layout', join(s.outDir, built.value.fileName), '-'], { encoding: 'utf8' });
    const cli = cliEstimate(s, id);
    const period = cli.results[0]!.backdrop.periods.find((p) => p.months === 24)!;
    expect(period.selected).toBe(true);
    expect(text).toContain(dollars(period.lumpSum));
    expect(text).toContain(long(chosen));
    expect(s.app.services.members.auditTrail(id).some((a) => a.field === 'packet' && a.newValue?.startsWith(`built for ${chosen}, 24-month BackDROP`))).toBe(true);
  });

  it('saved scenarios with a label are compared side by side, each figure as npm run estimate gives it', async () => {
    await s.page.keyboard.press('Alt+3');
    await board('board-tab-saved').click();
    await board('scenario-label').fill('With a 24-month BackDROP');
    await board('save-scenario').click();
    await board('scenario-compare').waitFor();
    await board('board-tab-options').click();
    await board('board-backdrop').selectOption('');
    await expect.poll(() => board('board-backdrop').inputValue()).toBe('');
    await board('board-tab-saved').click();
    await board('scenario-label').fill('No BackDROP');
    await board('save-scenario').click();
    const saved = s.app.services.estimates.list(id);
    expect(saved.map((e) => e.label)).toEqual(['No BackDROP', 'With a 24-month BackDROP']);
    const [none, withBd] = saved as unknown as [{ id: number }, { id: number }];
    await board(`compare-${none.id}-MSEP2000-LIFE`).waitFor();
    const cliNone = cliEstimate(s, id, { backdropMonths: null });
    const cliBd = cliEstimate(s, id, { backdropMonths: 24 });
    const life = (e: Estimate) => e.results[0]!.options.find((o) => o.code === 'LIFE')!.monthly;
    const lifeBd = cliBd.results[0]!.backdrop.periods.find((p) => p.months === 24)!.options.find((o) => o.code === 'LIFE')!.monthly;
    expect(await board(`compare-${none.id}-MSEP2000-LIFE`).textContent()).toBe(dollars(life(cliNone)));
    expect(await board(`compare-${withBd.id}-MSEP2000-LIFE`).textContent()).toBe(dollars(lifeBd));
    expect(lifeBd).not.toBe(life(cliNone));
    await s.shot('scenario-compare');
    expect(s.consoleErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
  });
});
