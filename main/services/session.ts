// The lock: who holds the caseload's data key, and when it is let go. Locked means the database
// is closed and the key Buffer zeroed; the only way back is the passphrase (or the recovery key).
// It locks after an idle period (no call from the window), when the screen locks and before the
// laptop sleeps. Time and timers are injected, so the tests drive them.
import { existsSync, rmSync } from 'node:fs';
import type { ChannelOutput, LOCK_REASONS } from '../../shared/ipc/contract';
import { AppFailure, LOCKED_MESSAGE } from '../../shared/ipc/result';
import { encryptInPlace, fileKind } from '../db/connection';
import { createKeyFile, passphraseSecret, readKeyFile, recoverySecret, type ScryptParams, type Secret } from '../security/keys';
import { rekeyCaseload, unlockCaseload } from '../caseload/rekey';
import { requireStrongPassphrase, wrongTryDelayMs } from '../security/passphrase';

export type LockReason = (typeof LOCK_REASONS)[number];
export type PowerEvent = 'lock-screen' | 'suspend';
export type SessionStatus = ChannelOutput<'session:status'>;

export type Timers = {
  /** Milliseconds, monotonic enough for idle arithmetic. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

/** Real timers that never keep a CLI or a test process alive on their own. */
export const systemTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export const DEFAULT_IDLE_LOCK_MINUTES = 10;

export type SessionDeps = {
  dbPath: string;
  keyFile: string;
  timers: Timers;
  /** ISO instant for the key file's created/changed stamps. */
  nowIso: () => string;
  /** Open the caseload with the data key (null: a plain caseload) and build the services; LOCKED on a wrong key. */
  open: (key: Buffer | null) => void;
  /** Close the caseload; the services go with it. */
  close: () => void;
  /** The idle period, read while unlocked (a setting in the caseload). */
  idleLockMinutes: () => number;
  /** Tell the window (the `app:locked` event). */
  locked: (reason: LockReason) => void;
  /** scrypt parameters for new wraps; tests pass cheap ones. */
  scrypt?: ScryptParams;
  /**
   * Run a whole-file operation (the first encryption, a passphrase change, a recovery) with the
   * caseload to this process alone (main/caseload/claim.ts); refused while another program has it.
   */
  exclusively?: <T>(what: string, fn: () => T) => T;
};

export type SessionService = ReturnType<typeof sessionService>;

export function sessionService(deps: SessionDeps) {
  const { timers } = deps;
  let state: SessionStatus['state'] = 'locked';
  let key: Buffer | null = null;
  let encrypted = false;
  let reason: LockReason | null = null;
  let lastActivity = timers.now();
  let timer: unknown = null;

  const exclusively = <T>(what: string, fn: () => T): T => (deps.exclusively ? deps.exclusively(what, fn) : fn());
  // Wrong tries in a row (unlock, recovery, current passphrase), and when the next is looked at.
  let wrongInARow = 0;
  let notBefore = 0;
  /** A try of a secret: refused unlooked while the delay after wrong tries runs; a right one resets it. */
  function tried<T>(field: string, fn: () => T): T {
    const wait = notBefore - timers.now();
    if (wait > 0) {
      const s = Math.ceil(wait / 1000);
      throw new AppFailure('LOCKED', `Too many wrong tries in a row: wait ${s} second${s === 1 ? '' : 's'}, then try again. Nothing was changed.`, { [field]: `wait ${s} second${s === 1 ? '' : 's'} after ${wrongInARow} wrong tries` });
    }
    try {
      const out = fn();
      wrongInARow = 0;
      notBefore = 0;
      return out;
    } catch (err) {
      if (err instanceof AppFailure && err.code === 'LOCKED' && err.fields) {
        wrongInARow++;
        notBefore = timers.now() + wrongTryDelayMs(wrongInARow);
      }
      throw err;
    }
  }
  const idleMs = () => Math.max(1, deps.idleLockMinutes()) * 60_000;

  function status(): SessionStatus {
    let minutes = DEFAULT_IDLE_LOCK_MINUTES;
    if (state === 'unlocked') {
      try {
        minutes = deps.idleLockMinutes();
      } catch {
        minutes = DEFAULT_IDLE_LOCK_MINUTES;
      }
    }
    return { state, encrypted, reason, idleLockMinutes: minutes };
  }

  function disarm(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  }

  function arm(): void {
    disarm();
    if (state !== 'unlocked' || !encrypted) return;
    timer = timers.setTimeout(check, Math.max(0, lastActivity + idleMs() - timers.now()));
  }

  function check(): void {
    timer = null;
    if (state !== 'unlocked') return;
    if (timers.now() - lastActivity >= idleMs()) lock('idle');
    else arm();
  }

  function forgetKey(): void {
    key?.fill(0);
    key = null;
  }

  /** Open with a key this service now owns; a failure zeroes it. */
  function openWith(k: Buffer): void {
    try {
      try {
        deps.open(k);
      } catch (err) {
        // A setup interrupted between writing the key file and encrypting the caseload.
        if (!(err instanceof AppFailure && err.code === 'LOCKED' && fileKind(deps.dbPath) === 'plain')) throw err;
        encryptInPlace(deps.dbPath, k);
        deps.open(k);
      }
    } catch (err) {
      k.fill(0);
      throw err;
    }
    forgetKey();
    key = k;
    encrypted = true;
    state = 'unlocked';
    lastActivity = timers.now();
    arm();
  }

  function withSecret<T>(secret: Secret, fn: (s: Secret) => T): T {
    try {
      return fn(secret);
    } finally {
      secret.bytes.fill(0);
    }
  }

  function needsKeyFile(): void {
    if (!existsSync(deps.keyFile)) throw new AppFailure('CONFLICT', 'This caseload has no passphrase yet: set one up first.');
  }

  function lock(why: LockReason): SessionStatus {
    if (state !== 'unlocked') return status();
    if (!encrypted) throw new AppFailure('CONFLICT', 'This caseload is not encrypted, so it cannot be locked: set a passphrase first.');
    disarm();
    state = 'locked';
    reason = why;
    try {
      deps.close();
    } finally {
      forgetKey();
      deps.locked(why);
    }
    return status();
  }

  /** Start with the caseload open: a plain one (key null) or an encrypted one (a copy of the key is kept). */
  function startOpen(k: Buffer | null): void {
    if (k) return openWith(Buffer.from(k));
    deps.open(null);
    state = 'unlocked';
    encrypted = false;
  }

  /** The data key from a secret: the key file's, or that of a re-key cut short (main/caseload/rekey.ts). */
  function unlockWith(secret: Secret): Buffer {
    return withSecret(secret, (s) => unlockCaseload(deps.dbPath, deps.keyFile, s));
  }

  /**
   * Re-key the caseload under the passphrase `next` (a new data key; the caseload re-encrypted in
   * place, the backups' key files rewrapped), proven by `k`; the caseload, if open, is closed for
   * it and opened again with the new key. The caller holds the exclusive claim.
   */
  function rekeyTo(k: Buffer, next: string, proof: Secret | null): void {
    const wasOpen = state === 'unlocked';
    if (wasOpen) deps.close();
    let rekeyed: Buffer;
    try {
      const done = withSecret(passphraseSecret(next), (s) => rekeyCaseload(deps.dbPath, deps.keyFile, k, s, { recovery: 'keep', recoveryProof: proof?.kind === 'recovery' ? proof : null, proof, now: deps.nowIso(), scrypt: deps.scrypt }));
      rekeyed = done.dataKey;
    } catch (err) {
      if (wasOpen) {
        try {
          deps.open(k);
        } catch {
          // Reported as the failure below; the next unlock opens it.
        }
      }
      throw err;
    } finally {
      k.fill(0);
    }
    openWith(rekeyed);
  }

  function recoverNow(recoveryKey: string, next: string): SessionStatus {
    needsKeyFile();
    requireStrongPassphrase(next, 'next');
    const proof = recoverySecret(recoveryKey);
    try {
      const k = tried('recoveryKey', () => withSecret({ kind: proof.kind, bytes: Buffer.from(proof.bytes) }, (s) => unlockCaseload(deps.dbPath, deps.keyFile, s)));
      rekeyTo(k, next, proof);
    } finally {
      proof.bytes.fill(0);
    }
    return status();
  }

  /**
   * First run: a new data key and recovery key. A plain caseload already on disk (a legacy one)
   * is encrypted in place, once; a new one is created encrypted.
   */
  function setupNow(passphrase: string): { recoveryKey: string; status: SessionStatus } {
    requireStrongPassphrase(passphrase, 'passphrase', 'The passphrase');
    if (existsSync(deps.keyFile)) throw new AppFailure('CONFLICT', 'This caseload has a passphrase already; change it instead.');
    const kind = fileKind(deps.dbPath);
    if (kind === 'encrypted') {
      throw new AppFailure('UNAVAILABLE', `The caseload is encrypted but its key file ${deps.keyFile} is missing: copy it back from beside your latest backup. Nothing was changed.`);
    }
    const wasOpen = state === 'unlocked';
    if (wasOpen) deps.close();
    state = 'setup';
    let created: { dataKey: Buffer; recoveryKey: string };
    try {
      created = withSecret(passphraseSecret(passphrase), (s) => createKeyFile(deps.keyFile, s, { now: deps.nowIso(), scrypt: deps.scrypt }));
    } catch (err) {
      if (wasOpen) startOpen(null);
      throw err;
    }
    try {
      if (kind === 'plain') encryptInPlace(deps.dbPath, created.dataKey);
    } catch (err) {
      created.dataKey.fill(0);
      rmSync(deps.keyFile, { force: true });
      if (wasOpen) startOpen(null);
      throw new AppFailure('UNAVAILABLE', `The caseload could not be encrypted; it is unchanged and still opens without a passphrase: ${(err as Error).message}`);
    }
    openWith(created.dataKey);
    return { recoveryKey: created.recoveryKey, status: status() };
  }

  function changeNow(current: string, next: string): { changed: boolean } {
    needsKeyFile();
    if (readKeyFile(deps.keyFile).version === 1) {
      // Its recovery wrap needs the recovery key itself to follow a new data key.
      throw new AppFailure('CONFLICT', 'This caseload\'s key file is from an earlier version: change the passphrase once with the recovery key (Forgot the passphrase? on the lock screen), which keeps the same recovery key.');
    }
    requireStrongPassphrase(next, 'next');
    const proof = passphraseSecret(current);
    try {
      const k = tried('current', () => withSecret({ kind: proof.kind, bytes: Buffer.from(proof.bytes) }, (s) => unlockCaseload(deps.dbPath, deps.keyFile, s)));
      rekeyTo(k, next, proof);
    } finally {
      proof.bytes.fill(0);
    }
    return { changed: true };
  }

  return {
    status,
    isLocked: () => state !== 'unlocked',
    startOpen,

    /**
     * Start with nothing open (the desktop app): locked, or set-up when there is no key file. A
     * caseload path that cannot be a database (a folder, no permission) fails now, not at unlock.
     */
    startLocked(): void {
      fileKind(deps.dbPath);
      state = existsSync(deps.keyFile) ? 'locked' : 'setup';
      encrypted = state === 'locked';
    },

    /** A call from the window: the idle period starts again. */
    onActivity(): void {
      lastActivity = timers.now();
    },

    /** The idle setting changed: the pending check moves to the new deadline. */
    onSettingsChanged(): void {
      arm();
    },

    onPowerEvent(event: PowerEvent): void {
      if (state === 'unlocked' && encrypted) lock(event === 'suspend' ? 'suspend' : 'screen-lock');
    },

    lock,

    unlock(passphrase: string): SessionStatus {
      if (state === 'setup') throw new AppFailure('CONFLICT', 'This caseload has no passphrase yet: set one up first.');
      if (state === 'unlocked') return status();
      needsKeyFile();
      const k = tried('passphrase', () => unlockWith(passphraseSecret(passphrase)));
      openWith(k);
      return status();
    },

    /** The recovery key unlocks and sets a new passphrase (the old one is forgotten). */
    recover(recoveryKey: string, next: string): SessionStatus {
      return exclusively('Setting a new passphrase with the recovery key', () => recoverNow(recoveryKey, next));
    },

    setup(passphrase: string): { recoveryKey: string; status: SessionStatus } {
      return exclusively('Setting up the passphrase', () => setupNow(passphrase));
    },

    changePassphrase(current: string, next: string): { changed: boolean } {
      return exclusively('Changing the passphrase', () => changeNow(current, next));
    },

    /** The data key, lent for the length of `fn` (a backup preview, a restore); LOCKED while locked. */
    withKey<T>(fn: (key: Buffer | null) => T): T {
      if (state !== 'unlocked') throw new AppFailure('LOCKED', LOCKED_MESSAGE);
      return fn(key);
    },

    /** The app is closing: no timer left, no key left. */
    dispose(): void {
      disarm();
      forgetKey();
      state = 'locked';
    },
  };
}
