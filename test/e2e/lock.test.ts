// The lock screen in Chromium over the same dispatch as Electron: first-run setup encrypts a
// legacy caseload and shows the recovery key once; a wrong passphrase shows its error beside the
// field; a lock (idle, or Alt+L) covers the app without unmounting it, so typed input survives.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../main/app';
import { importRoster } from '../../main/cli/roster';
import { fileKind } from '../../main/db/connection';
import { TEST_SCRYPT } from '../main/caseload-fixture';
import { FIXED_CLOCK, openMember, pageStorage, startSession, type Session } from './harness';

const PASSPHRASE = 'river stone lantern 42';

describe('lock screen (preview transport, production CSP)', () => {
  let s: Session;
  let dbPath: string;
  beforeAll(async () => {
    // A legacy caseload: plain, seeded, no key file.
    dbPath = join(mkdtempSync(join(tmpdir(), 'e2e-lock-')), 'caseload.db');
    const legacy = openApp(dbPath, { clock: FIXED_CLOCK });
    importRoster(legacy.db, legacy.services, readFileSync(join(import.meta.dirname, '../../examples/roster-field-session.csv'), 'utf8'));
    legacy.close();
    s = await startSession({ dbPath, seed: false, app: { locked: true, scrypt: TEST_SCRYPT }, ready: 'setup-passphrase' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('first run: sets a passphrase from the keyboard, encrypts the legacy caseload in place and shows the recovery key once', async () => {
    expect(fileKind(dbPath)).toBe('plain');
    const page = s.page;
    await page.getByTestId('setup-passphrase').fill(PASSPHRASE);
    await page.keyboard.press('Tab');
    await page.keyboard.type('river stone lantern 43');
    await page.getByText('The second passphrase does not match the passphrase.').waitFor();
    await page.getByTestId('setup-confirm').fill(PASSPHRASE);
    await page.keyboard.press('Enter');
    await page.getByTestId('recovery-key').waitFor();
    expect(await page.getByTestId('recovery-key').textContent()).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    await s.shot('20-recovery-key');
    expect(fileKind(dbPath)).toBe('encrypted');
    // The button has focus: Enter opens the caseload.
    await page.keyboard.press('Enter');
    await page.getByTestId('search').waitFor();
    await expect.poll(() => page.getByTestId('recovery-key').count()).toBe(0);
  });

  it('Alt+L locks; a wrong passphrase shows a clear error beside the field; the right one unlocks', async () => {
    const page = s.page;
    await page.getByTestId('search').focus();
    await page.keyboard.press('Alt+l');
    await page.getByTestId('unlock-passphrase').waitFor();
    expect(s.app.services.session.isLocked()).toBe(true);
    expect(await page.getByTestId('lock-reason').textContent()).toBe('Locked. Your unsaved work is kept.');
    // Focus starts in the passphrase field: type, Enter submits.
    await page.keyboard.type('not the passphrase');
    await page.keyboard.press('Enter');
    await page.getByText('The passphrase is not right.').waitFor();
    expect(await page.getByTestId('unlock-passphrase').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('unlock-passphrase').getAttribute('aria-describedby')).toBe('unlock-passphrase-help');
    await s.shot('21-wrong-passphrase');
    await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await page.keyboard.press('Enter');
    await page.getByTestId('lock-screen').waitFor({ state: 'detached' });
    expect(s.app.services.session.isLocked()).toBe(false);
  });

  it('an idle lock covers the open member record; after unlock the typed, unsaved input is still there', async () => {
    await openMember(s, 'whitfield');
    await s.page.keyboard.press('Alt+2');
    const phone = s.page.getByTestId('field-phone');
    await phone.fill('573-555-0177');
    await s.page.getByTestId('field-city').fill('Sedalia');
    // What the idle timer does after ten quiet minutes; the transport carries app:locked.
    s.app.services.session.lock('idle');
    await s.page.getByTestId('unlock-passphrase').waitFor();
    expect(await s.page.getByTestId('lock-reason').textContent()).toBe('Locked after 10 minutes without activity. Your unsaved work is kept.');
    await s.shot('22-idle-lock');
    // The app underneath stays mounted but cannot be reached (inert) while locked.
    expect(await s.page.evaluate(`document.querySelector('[data-testid="field-phone"]').closest('[inert]') !== null`)).toBe(true);
    await s.page.keyboard.type(PASSPHRASE);
    await s.page.keyboard.press('Enter');
    await s.page.getByTestId('lock-screen').waitFor({ state: 'detached' });
    expect(await phone.inputValue()).toBe('573-555-0177');
    expect(await s.page.getByTestId('field-city').inputValue()).toBe('Sedalia');
    await s.page.keyboard.press('Control+s');
    await s.page.getByText('Saved member details.').waitFor();
    const id = s.app.services.members.search({ query: 'whitfield' })[0]!.id;
    expect(s.app.services.members.get(id)).toMatchObject({ phone: '573-555-0177', city: 'Sedalia' });
  });

  it('stores nothing in the page, and shows no console errors', async () => {
    expect(await pageStorage(s.page)).toEqual({ localStorage: 0, sessionStorage: 0, indexedDB: [], caches: [] });
    expect(s.consoleErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
  });
});
