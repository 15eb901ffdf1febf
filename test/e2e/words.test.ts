// Words across the desk: the board's main view speaks the member's words (dates as July 1, 2027,
// ages as 62 years 2 months, no rule ids, basis ids, engine codes or field keys); the counselor's
// detail toggle and "How was this figured?" keep them one click away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMember, startSession, type Session } from './harness';

const CODES = [/FAP at B/, /LIA at B/, /Monthly at R/, /\(F\)/, /\b\d+y \d+m\b/, /ILLUSTRATIVE-SULT-7/, /\b\d{4}-\d{2}-\d{2}\b/, /\b(PROC|BD|SURV|PLAN|OPT)-\d\b/, /engine \d/, /retirementDate:|backdropMonths:/];

describe('the board in the member’s words (preview transport, production CSP)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });
  const mainText = () => s.page.getByTestId('option-board').innerText();

  it('the main view has no engine codes; the counselor detail shows them; How was this figured? lists the rules', async () => {
    await openMember(s, 'oyelaran');
    await s.page.keyboard.press('Alt+3');
    await s.page.getByTestId('result-MSEP2000-backdrop-24').waitFor();
    await s.page.getByTestId('result-MSEP2000-backdrop-24').getByRole('radio').check();
    await s.page.getByTestId('result-MSEP2000-chosen-lump').waitFor();
    const text = await mainText();
    for (const code of CODES) expect(text.split("\n").filter((l) => code.test(l)), String(code)).toEqual([]);
    expect(text).toMatch(/\b\d{2} years( \d{1,2} months?)?\b/);
    await s.shot('words-member-view');
    await s.page.getByTestId('board-detail').check();
    const detail = await mainText();
    expect(detail).toMatch(/FAP at B/);
    expect(detail).toMatch(/ILLUSTRATIVE-SULT-7/);
    expect(detail).toMatch(/\(PROC-1\)/);
    await s.page.getByTestId('board-detail').uncheck();
    await s.page.getByTestId('how-MSEP2000').click();
    await expect.poll(() => s.page.getByTestId('trace-item').count()).toBeGreaterThan(5);
    expect(await s.page.getByTestId('trace-MSEP2000').innerText()).toMatch(/ELIG-\d/);
    await s.page.keyboard.press('Escape');
  });

  it('a record that cannot be estimated says which field, by its name on the screen, and what to do', async () => {
    const id = s.app.services.members.search({ query: 'whitfield' })[0]!.id;
    const m = s.app.services.members.get(id);
    s.app.services.members.update(id, m.version, { retirementDate: null });
    await openMember(s, 'whitfield');
    await s.page.keyboard.press('Alt+3');
    await s.page.getByTestId('board-retirementDate').waitFor();
    await s.page.waitForTimeout(500);
    const text = await mainText();
    for (const code of CODES) expect(text.split("\n").filter((l) => code.test(l)), String(code)).toEqual([]);
    expect(s.consoleErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
  });
});
