// From the caseload to a saved packet by keyboard alone, for a member of each kind in the
// field-session roster: MSEP with both plans, MSEP 2000 with BackDROP, MSEP 2011 early, and a
// terminated-vested member.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type Session } from './harness';

/** Press Tab until the element with this test id has the focus (keyboard only). */
async function tabTo(s: Session, testid: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await s.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid') ?? null)) === testid) return;
    await s.page.keyboard.press('Tab');
  }
  throw new Error(`${testid} was not reached with Tab`);
}

describe('caseload to printed packet, keyboard only', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  for (const [query, name, plan] of [
    ['whitfield', 'Whitfield-M0112044', 'MSEP'],
    ['oyelaran', 'Oyelaran-M0207731', 'MSEP2000'],
    ['6703', 'N-ez-M0330518', 'MSEP2011'],
    ["o'neill", 'O-Neill-M0145570', 'MSEP'],
  ] as const) {
    it(`${query}: search, open, option board, print and save without the mouse`, async () => {
      await s.page.keyboard.press('Alt+1');
      await tabTo(s, 'search'); // the caseload screen opens with the search box focused
      await s.page.keyboard.press('Control+a');
      await s.page.keyboard.type(query);
      await s.page.getByTestId('search-row').first().waitFor();
      await s.page.waitForTimeout(100);
      await s.page.keyboard.press('Enter');
      await s.page.getByTestId('field-lastName').waitFor();
      await s.page.keyboard.press('Alt+3');
      await s.page.getByTestId(`result-${plan}-lifeIncomeAnnuity`).waitFor();
      expect(await s.page.getByTestId(`result-${plan}-lifeIncomeAnnuity`).getAttribute('data-value')).toMatch(/^\d+\.\d{2}$/);
      await s.page.keyboard.press('Alt+5');
      await tabTo(s, 'build-packet');
      await s.page.keyboard.press('Enter');
      await s.page.getByTestId('packet-ready').waitFor({ timeout: 30_000 });
      await tabTo(s, 'save-packet');
      await s.page.keyboard.press('Enter');
      await s.page.getByTestId('packet-done').waitFor();
      const saved = (await s.page.getByTestId('packet-done').textContent())!.replace(/^Saved to /, '');
      expect(saved.startsWith(join(s.outDir, name))).toBe(true);
      expect(existsSync(saved)).toBe(true);
    });
  }
});
