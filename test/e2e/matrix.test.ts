// Both plans' options in one matrix (rows LIFE, JS50, JS100, C60, C120, C180; "not offered" where a
// plan lacks one), each amount as npm run estimate gives it, visible without scrolling at 1366×768.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTION_CODES, type Estimate } from '../../shared/domain/estimate-schema';
import { openMember, startSession, type Session } from './harness';

const dollars = (amount: string) => {
  const [whole = '0', cents = '00'] = amount.split('.');
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
};

describe('the option matrix (preview transport, production CSP)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
    await s.page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('PLAN-1: MSEP and MSEP 2000 options line up by option, as the CLI computes them, above the fold at 1366×768', async () => {
    const id = s.app.services.members.search({ query: 'whitfield' })[0]!.id;
    const c = s.app.services.estimates.caseFor({ memberId: id });
    const file = join(mkdtempSync(join(tmpdir(), 'e2e-case-')), 'case.json');
    writeFileSync(file, JSON.stringify(c));
    const p = spawnSync('npm', ['run', '--silent', 'estimate', '--', file], { encoding: 'utf8' });
    expect(p.status, p.stderr).toBe(0);
    const cli = JSON.parse(p.stdout) as Estimate;
    expect(cli.results.map((r) => r.plan)).toEqual(['MSEP', 'MSEP2000']);
    await openMember(s, 'whitfield');
    await s.page.keyboard.press('Alt+3');
    await s.page.getByTestId('option-matrix').waitFor();
    let notOffered = 0;
    for (const r of cli.results) {
      for (const code of OPTION_CODES) {
        const o = r.options.find((x) => x.code === code);
        const cell = await s.page.getByTestId(`matrix-${r.plan}-${code}-monthly`).textContent();
        if (o) expect(cell, `${r.plan} ${code}`).toBe(dollars(o.monthly));
        else {
          expect(cell, `${r.plan} ${code}`).toBe('not offered');
          notOffered++;
        }
      }
    }
    expect(notOffered).toBeGreaterThan(0);
    const box = await s.page.getByTestId('option-matrix').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    await s.page.screenshot({ path: join(import.meta.dirname, '../../test-results/e2e/matrix-1366x768.png') });
  });
});
