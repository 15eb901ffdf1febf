import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { dispatchFor, openApp, type App, type AppOptions } from '../../main/app';
import { importRoster } from '../../main/cli/roster';
import { launchChromium } from '../../main/preview/browser';
import { folderDocumentHost, RENDERER_BUILD } from '../../main/preview/run';
import { attachBindingTransport, PREVIEW_ORIGIN, previewSenderAllowed } from '../../main/preview/transport';
import type { Clock } from '../../main/services/context';
import type { Estimate } from '../../shared/domain/estimate-schema';
import { readFileSync } from 'node:fs';

export const ARTIFACTS = join(import.meta.dirname, '../../test-results/e2e');
export const FIXED_CLOCK: Clock = { now: () => '2026-11-23T15:00:00.000Z', today: () => '2026-11-23' };

export type Session = {
  app: App;
  page: Page;
  context: BrowserContext;
  dbPath: string;
  /** Where saved packets go. */
  outDir: string;
  /** Every dispatch answer, newest last, for asserting what crossed IPC. */
  answers: { channel: string; result: unknown }[];
  consoleErrors: string[];
  shot: (name: string) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * A caseload seeded from the field-session roster, opened in Chromium through the binding
 * transport. `app` adds openApp options (a locked start); `ready` is the test id to wait for.
 */
export async function startSession(opts: { dbPath?: string; seed?: boolean; app?: AppOptions; ready?: string } = {}): Promise<Session> {
  const dbPath = opts.dbPath ?? join(mkdtempSync(join(tmpdir(), 'e2e-')), 'caseload.db');
  const outDir = mkdtempSync(join(tmpdir(), 'e2e-out-'));
  const app = openApp(dbPath, { clock: FIXED_CLOCK, who: 'e2e', documentHost: folderDocumentHost(outDir), ...opts.app });
  if (opts.seed !== false && !app.services.session.isLocked() && app.services.members.search({ limit: 1 }).length === 0) {
    importRoster(app.db, app.services, readFileSync(join(import.meta.dirname, '../../examples/roster-field-session.csv'), 'utf8'));
  }
  const dispatch = dispatchFor(app.services, { isAllowedSender: previewSenderAllowed });
  const answers: Session['answers'] = [];
  const recording: typeof dispatch = async (channel, input, sender) => {
    const result = await dispatch(channel, input, sender);
    answers.push({ channel, result });
    return result;
  };
  const context = await launchChromium({ headless: true });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  const transport = await attachBindingTransport(page, RENDERER_BUILD, recording);
  app.setEventSink((event, payload) => void transport.emit(event, payload));
  await page.goto(`${PREVIEW_ORIGIN}/index.html`);
  await page.getByTestId(opts.ready ?? 'search').waitFor();
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    app,
    page,
    context,
    dbPath,
    outDir,
    answers,
    consoleErrors,
    shot: async (name) => void (await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })),
    close: async () => {
      await context.close();
      app.close();
    },
  };
}

/** Find a member by typing into the search box and pressing Enter (keyboard only). */
export async function openMember(s: Session, query: string): Promise<void> {
  await s.page.keyboard.press('Alt+1');
  await s.page.getByTestId('search').fill(query);
  await s.page.getByTestId('search-row').first().waitFor();
  await s.page.waitForTimeout(150);
  await s.page.getByTestId('search').press('Enter');
  await s.page.getByTestId('current-member').waitFor();
}

/** What the page keeps in its own storage: all of it must be empty (no PII outside the caseload). */
export async function pageStorage(page: Page): Promise<{ localStorage: number; sessionStorage: number; indexedDB: string[]; caches: string[] }> {
  return page.evaluate(`(async () => ({
    localStorage: window.localStorage.length,
    sessionStorage: window.sessionStorage.length,
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    caches: 'caches' in window ? await caches.keys() : [],
  }))()`);
}

/** Every answer that crossed IPC but the audited reveal, as one string to search. */
export function answersButReveal(s: Session): string {
  return JSON.stringify(s.answers.filter((a) => a.channel !== 'members:revealSsn'));
}

/** `npm run --silent estimate` on the case the workstation builds for this member. */
export function cliEstimate(s: Session, memberId: number, extra: { backdropMonths?: number | null; retirementDate?: string } = {}): Estimate {
  const c = s.app.services.estimates.caseFor({ memberId, ...extra });
  const file = join(mkdtempSync(join(tmpdir(), 'e2e-case-')), 'case.json');
  writeFileSync(file, JSON.stringify(c));
  const p = spawnSync('npm', ['run', '--silent', 'estimate', '--', file], { encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`npm run estimate exited ${p.status}: ${p.stderr}`);
  return JSON.parse(p.stdout) as Estimate;
}
