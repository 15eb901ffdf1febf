// Safety & settings in Chromium over the same dispatch as Electron: a damaged caseload found by
// the background check after the unlock shows a banner, and the counselor restores the newest good
// backup from the screen; the passphrase is changed with errors beside each field; the idle lock
// and the plan provisions are set with their bounds checked.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../main/app';
import { workerCheck } from '../../main/db/background-check';
import { encryptInPlace, openDatabase } from '../../main/db/connection';
import { listBackups } from '../../main/services/backups';
import { createKeyFile, keyFilePath, passphraseSecret } from '../../main/security/keys';
import { generateCaseload } from '../bench/caseload';
import { TEST_SCRYPT } from '../main/caseload-fixture';
import { FIXED_CLOCK, startSession, type Session } from './harness';

const PASSPHRASE = 'meadow copper kettle 7';
const NEXT = 'harbor violet signal 19';

/** 300 generated members, encrypted, with a good daily backup of the day before. */
function encryptedCaseload(): { dbPath: string; key: Buffer } {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'e2e-safety-')), 'caseload.db');
  generateCaseload(dbPath, 300);
  const { dataKey } = createKeyFile(keyFilePath(dbPath), passphraseSecret(PASSPHRASE), { now: '2026-11-22T12:00:00.000Z', scrypt: TEST_SCRYPT });
  encryptInPlace(dbPath, dataKey);
  openApp(dbPath, { clock: { now: () => '2026-11-22T12:00:00.000Z', today: () => '2026-11-22' }, who: 'e2e', key: Buffer.from(dataKey) }).close();
  return { dbPath, key: dataKey };
}

/** Flip bytes in a leaf page of the pay history: the first screen never reads it; the check does. */
function damagePayHistory(dbPath: string, key: Buffer): void {
  const db = openDatabase(dbPath, { key, readonly: true });
  let page: number;
  try {
    const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'pay_history' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[];
    page = leaves[Math.floor(leaves.length / 2)]!.pageno;
  } finally {
    db.close();
  }
  const bytes = readFileSync(dbPath);
  for (let i = (page - 1) * 4096 + 200; i < (page - 1) * 4096 + 240; i++) bytes[i]! ^= 0xff;
  writeFileSync(dbPath, bytes);
}

async function unlock(s: Session, passphrase: string): Promise<void> {
  await s.page.getByTestId('unlock-passphrase').fill(passphrase);
  await s.page.keyboard.press('Enter');
  await s.page.getByTestId('lock-screen').waitFor({ state: 'detached' });
}

describe('a damaged caseload, restored from the Safety & settings screen', () => {
  let s: Session;
  let dbPath: string;
  let goodBackup: string;
  beforeAll(async () => {
    const made = encryptedCaseload();
    dbPath = made.dbPath;
    goodBackup = listBackups(dbPath)[0]!.name;
    damagePayHistory(dbPath, made.key);
    s = await startSession({ dbPath, seed: false, app: { locked: true, scrypt: TEST_SCRYPT, backgroundCheck: workerCheck() }, ready: 'unlock-passphrase' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the unlock answers and the caseload reads; the background check then shows the damage in a banner', async () => {
    await unlock(s, PASSPHRASE);
    await s.page.getByTestId('search').waitFor();
    await s.page.getByTestId('storage-banner').waitFor();
    const banner = await s.page.getByTestId('storage-banner').textContent();
    expect(banner).toContain('The caseload file is damaged');
    expect(banner).toContain(`The newest good backup is ${goodBackup}`);
    await s.shot('30-damaged-banner');
    await s.app.checked();
    expect(s.app.degraded?.newestGoodBackup).toContain(goodBackup);
    expect(s.app.db.readonly).toBe(true);
  });

  it('Restore a backup… opens the screen; Check shows what the backup holds; the restore needs a confirmation and brings the caseload back', async () => {
    await s.page.getByRole('button', { name: 'Restore a backup…' }).click();
    await s.page.getByTestId('safety-damaged').waitFor();
    const row = s.page.getByTestId(`backup-${goodBackup}`);
    expect(await row.textContent()).toContain('newest good backup');
    await row.getByRole('button', { name: /Check the backup/ }).click();
    await s.page.getByTestId('backup-preview').waitFor();
    expect(await s.page.getByTestId('backup-preview').textContent()).toContain('This backup passes its check: 300 members');
    await s.page.getByTestId('restore-open').click();
    await s.page.getByRole('dialog', { name: 'Restore this backup?' }).waitFor();
    await s.shot('31-restore-confirm');
    // Cancel has the focus: Escape or Enter leaves the caseload alone.
    await s.page.keyboard.press('Escape');
    await s.page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(s.app.degraded).not.toBeNull();
    await s.page.getByTestId('restore-open').click();
    await s.page.getByTestId('restore-confirm').click();
    await s.page.getByTestId('restore-done').waitFor();
    expect(await s.page.getByTestId('restore-done').textContent()).toMatch(/kept at .*caseload\.db\.before-restore-/);
    await s.page.getByTestId('storage-banner').waitFor({ state: 'detached' });
    await s.page.getByTestId('safety-ok').waitFor();
    await s.shot('32-restored');
    await s.app.checked();
    expect(s.app.degraded).toBeNull();
    expect((s.app.db.prepare('SELECT count(*) AS n FROM pay_history').get() as { n: number }).n).toBe(300 * 36);
  });

  it('after the restore the caseload takes changes again: the settings save', async () => {
    await s.page.getByTestId('setting-idle').fill('61');
    await s.page.getByText('Enter a number from 1 to 60.').waitFor();
    expect(await s.page.getByTestId('settings-submit').isDisabled()).toBe(true);
    await s.page.getByTestId('setting-idle').fill('15');
    await s.page.getByTestId('settings-submit').click();
    await s.page.getByTestId('settings-done').waitFor();
    expect(s.app.services.settings.get().idleLockMinutes).toBe(15);
    expect(s.app.services.session.status().idleLockMinutes).toBe(15);
  });
});

describe('changing the passphrase', () => {
  let s: Session;
  beforeAll(async () => {
    const { dbPath } = encryptedCaseload();
    s = await startSession({ dbPath, seed: false, app: { locked: true, scrypt: TEST_SCRYPT, backgroundCheck: workerCheck(), clock: FIXED_CLOCK }, ready: 'unlock-passphrase' });
    await unlock(s, PASSPHRASE);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('from the keyboard: a wrong current passphrase and a mismatch show beside their fields; then it changes, and only the new one unlocks', async () => {
    const page = s.page;
    await page.getByTestId('search').waitFor();
    await page.keyboard.press('Alt+6');
    await page.getByTestId('change-current').waitFor();
    await page.getByTestId('change-current').fill('not the passphrase');
    await page.getByTestId('change-next').fill(NEXT);
    await page.getByTestId('change-again').fill(`${NEXT}x`);
    await page.getByText('The second new passphrase does not match the first.').waitFor();
    expect(await page.getByTestId('change-submit').isDisabled()).toBe(true);
    await page.getByTestId('change-again').fill(NEXT);
    await page.keyboard.press('Enter');
    await page.getByText('The current passphrase is not right.').waitFor();
    expect(await page.getByTestId('change-current').getAttribute('aria-invalid')).toBe('true');
    await s.shot('33-passphrase-wrong');

    await page.getByTestId('change-current').fill(PASSPHRASE);
    await page.keyboard.press('Enter');
    await page.getByTestId('change-done').waitFor();
    // The fields are emptied: no passphrase stays on the screen.
    expect(await page.getByTestId('change-current').inputValue()).toBe('');

    await page.keyboard.press('Alt+l');
    await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await page.keyboard.press('Enter');
    await page.getByText('The passphrase is not right.').waitFor();
    await page.getByTestId('unlock-passphrase').fill(NEXT);
    await page.keyboard.press('Enter');
    await page.getByTestId('lock-screen').waitFor({ state: 'detached' });
    expect(s.app.services.session.isLocked()).toBe(false);
  });
});
