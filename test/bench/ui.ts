// The screens' speed in the preview (Debian Chromium, the same dispatch): first screen, search
// as you type over 100,000 members, option board recompute after an edit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatchFor, openApp } from '../../main/app';
import { launchChromium } from '../../main/preview/browser';
import { buildRenderer, RENDERER_BUILD } from '../../main/preview/run';
import { attachBindingTransport, PREVIEW_ORIGIN, previewSenderAllowed } from '../../main/preview/transport';
import { generateCaseload } from './caseload';
import { line, median } from './stats';

// Predicates run in the page (functions, not strings: the CSP forbids eval). This file is typed
// without the DOM, so the page's document is described here.
type PageDocument = {
  querySelector(selector: string): { textContent: string | null; getAttribute(name: string): string | null } | null;
  querySelectorAll(selector: string): { length: number };
};

export async function benchUi(n = 100_000): Promise<void> {
  console.log(`screens in the preview (Chromium, ${n.toLocaleString('en-US')} members)`);
  await buildRenderer();
  const dir = mkdtempSync(join(tmpdir(), 'bench-ui-'));
  const dbPath = join(dir, 'caseload.db');
  generateCaseload(dbPath, n);
  const app = openApp(dbPath, { who: 'bench' });
  const dispatch = dispatchFor(app.services, { isAllowedSender: previewSenderAllowed });
  const context = await launchChromium({ headless: true });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await attachBindingTransport(page, RENDERER_BUILD, dispatch);

    const first: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await page.goto(`${PREVIEW_ORIGIN}/index.html`);
      await page.getByTestId('search').waitFor({ state: 'visible' });
      await page.waitForFunction(() => (globalThis as unknown as { document: PageDocument }).document.querySelectorAll('[data-testid="search-row"]').length > 0);
      first.push(performance.now() - t0);
    }
    line('first screen interactive (load → caseload listed)', `${median(first).toFixed(0)} ms`, '< 1500 ms');

    const search: number[] = [];
    const prefixes = ['Smi', 'John', 'Garc', 'Lee', 'Nguy', 'Wil', 'Rob', 'Mart', 'Hal', 'Kowal', 'Ander', 'Tho', 'Whi', 'Harr', 'Sanc', 'Cla', 'Lew', 'Walk', 'You', 'Alle'];
    for (const q of prefixes) {
      const input = page.getByTestId('search');
      await input.fill('');
      await page.waitForTimeout(20);
      const t0 = performance.now();
      await input.fill(q);
      await page.waitForFunction((prefix) => ((globalThis as unknown as { document: PageDocument }).document.querySelector('[data-testid="search-row"]')?.textContent ?? '').toLowerCase().includes(prefix), q.toLowerCase(), { polling: 'raf' });
      search.push(performance.now() - t0);
    }
    line('search as you type, keystroke → rows shown, median', `${median(search).toFixed(0)} ms`, '< 100 ms');

    await page.getByTestId('search').fill('B0000042');
    await page.getByTestId('search-row').first().waitFor();
    await page.getByTestId('search').press('Enter');
    await page.keyboard.press('Alt+3');
    await page.getByTestId('board-shown').waitFor();
    await page.waitForFunction(() => ((globalThis as unknown as { document: PageDocument }).document.querySelector('[data-testid="board-shown"]')?.getAttribute('data-date') ?? '') !== '');
    const select = page.getByTestId('board-retirementDate');
    const options = (await select.locator('option').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value))).filter((v) => /^\d{4}-\d{2}-01$/.test(v));
    const board: number[] = [];
    for (const date of options.slice(1, 21)) {
      const t0 = performance.now();
      await select.selectOption(date);
      await page.waitForFunction((d) => (globalThis as unknown as { document: PageDocument }).document.querySelector('[data-testid="board-shown"]')?.getAttribute('data-date') === d, date, { polling: 'raf' });
      board.push(performance.now() - t0);
    }
    line('option board recompute after an edit, median', `${median(board).toFixed(0)} ms`, '< 100 ms');
  } finally {
    await context.close();
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

