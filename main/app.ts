import { userInfo } from 'node:os';
import { pricerSource } from '../shared/actuarial';
import type { PricerSource } from '../shared/calc/run';
import { AppFailure, LOCKED_MESSAGE } from '../shared/ipc/result';
import { type Db, type OpenOptions } from './db/connection';
import { fileStamp, type Health } from './db/integrity';
import { previewBackup, refuseUnlessRestorable, restoreDatabase } from './services/maintenance';
import type { Degraded } from './db/integrity';
import { createDispatch, type Dispatch, type DispatchOptions } from './ipc/dispatch';
import { handlers } from './ipc/handlers';
import type { CheckRunner } from './db/background-check';
import { backupFolder, encryptPlainBackups, listBackups, openCaseload, type BackupFile, type DailyBackup, type OpenedCaseload, type PendingOpen, type StorageStatus } from './services/backups';
import { repos, systemClock, type Clock, type ServiceContext } from './services/context';
import { documentsService, NO_DOCUMENT_HOST, type DocumentHost, type EventSink } from './services/documents';
import { estimatesService } from './services/estimates';
import { membersService } from './services/members';
import { processService } from './services/process';
import { scheduleService } from './services/schedule';
import { DEFAULT_IDLE_LOCK_MINUTES, sessionService, systemTimers, type SessionService, type Timers } from './services/session';
import { keyFilePath, type ScryptParams } from './security/keys';
import { scenariosService } from './services/scenarios';
import { settingsService } from './services/settings';
import { claimCaseload, type Claim } from './caseload/claim';

export type Services = {
  members: ReturnType<typeof membersService>;
  estimates: ReturnType<typeof estimatesService>;
  process: ReturnType<typeof processService>;
  schedule: ReturnType<typeof scheduleService>;
  settings: ReturnType<typeof settingsService>;
  documents: ReturnType<typeof documentsService>;
  scenarios: ReturnType<typeof scenariosService>;
  /** The lock: always there, locked or not. */
  session: SessionService;
  /** The open caseload's storage: damaged and read-only or not, today's backup. */
  storage: {
    status: () => StorageStatus;
    /** While the open check runs in the background: settles when it is done (passed or not); otherwise null. */
    whenWritable: () => Promise<void> | null;
    /** The folder of the automatic backups. */
    folder: () => string;
    /** The automatic backups, newest first (LOCKED while locked). */
    backups: () => BackupFile[];
    /** What a backup holds and whether it would restore (its full integrity_check). */
    preview: (name: string) => ReturnType<typeof previewBackup>;
    /** Put a backup in place of the caseload; the caseload as it was is kept aside. */
    restore: (name: string) => { keptAside: string | null };
  };
};

export type AppOptions = OpenOptions & {
  clock?: Clock;
  who?: string;
  documentHost?: DocumentHost;
  /**
   * Start locked (the desktop app): nothing is open until `session.unlock` (or `session.setup`
   * on first run). Otherwise the caseload opens at once, encrypted with `key` (tests, the CLI;
   * the Buffer stays the caller's) or plain without one (a legacy caseload, most tests).
   */
  locked?: boolean;
  /** The key file; `caseload.keys.json` beside the database by default. */
  keyFile?: string;
  /**
   * When given, the work an open brings with it runs through this scheduler after the unlock has
   * answered (the desktop app and the preview): the day's backup and the encryption of backups
   * made before the passphrase. Without it both are done before the open returns (tests, the CLI).
   */
  scheduleAfterUnlock?: (task: () => void) => void;
  /** The idle lock's clock and timers (tests inject fake ones). */
  timers?: Timers;
  /** scrypt parameters for new key wraps (tests pass cheap ones). */
  scrypt?: ScryptParams;
  /**
   * Check the first open of a run in the background (the desktop app and the preview pass
   * workerCheck()): the unlock answers with the caseload read-only, and changes wait until the
   * check passes (`whenWritable`). Without it the check runs before the open returns.
   */
  backgroundCheck?: CheckRunner;
  /**
   * Who has the caseload open, as a refused restore or re-key in another process names it
   * ('the workstation' by default; the CLI passes its command). The app holds a shared claim on
   * the caseload from openApp to close (main/caseload/claim.ts).
   */
  program?: string;
};

/** The composition root: open the caseload and build the services over it. */
export type App = {
  /** The open database; LOCKED while the caseload is locked. */
  readonly db: Db;
  /** Stable for the app's life: each domain resolves to the open caseload's, or LOCKED. */
  services: Services;
  /** Set while the open caseload failed its check and is read-only (main/db/integrity.ts). */
  readonly degraded: Degraded | null;
  /** Where main-to-renderer events go: the transport sets it (Electron: webContents.send). */
  setEventSink: (sink: EventSink) => void;
  /** Where packets are saved and printed: Electron's dialogs, or the preview's folder. */
  setDocumentHost: (host: DocumentHost) => void;
  /** Settles when no background check is running (at once when none is). */
  checked: () => Promise<void>;
  close: () => void;
};

type Domains = Omit<Services, 'session' | 'storage'>;

export function openApp(dbPath: string, opts: AppOptions = {}): App {
  const clock = opts.clock ?? systemClock;
  const who = opts.who ?? currentUser();
  let sink: EventSink = () => undefined;
  let documentHost: DocumentHost = opts.documentHost ?? NO_DOCUMENT_HOST;
  let live: { db: Db; domains: Domains } | null = null;
  let storage: StorageStatus = { degraded: null, dailyBackup: null };
  let checked = false;
  // Held for as long as this app has the caseload: no other process replaces or re-keys it meanwhile.
  const claim: Claim = claimCaseload(dbPath, 'shared', opts.program ?? 'the workstation');

  function build(db: Db): Domains {
    const ctx: ServiceContext = { db, repos: repos(db), clock, who };
    const plain = settingsService(ctx);
    // A new idle period takes effect at once, not at the old deadline.
    const settings: typeof plain = {
      ...plain,
      set: (patch) => {
        const next = plain.set(patch);
        session.onSettingsChanged();
        return next;
      },
    };
    const members = membersService(ctx);
    // OPT-5 pricers: the shipped bases plus those stored in the caseload.
    let pricers: PricerSource | null = null;
    const pricerFor = () => (pricers ??= pricerSource(settings.storedBases(), settings.storedTables()));
    const estimates = estimatesService(ctx, members, pricerFor);
    const process = processService(ctx, members);
    return {
      members,
      estimates,
      process,
      schedule: scheduleService(ctx, members),
      settings,
      documents: documentsService(ctx, members, estimates, process, settings, () => sink, () => documentHost),
      scenarios: scenariosService(ctx, members, estimates),
    };
  }

  function current(): { db: Db; domains: Domains } {
    if (!live) throw new AppFailure('LOCKED', LOCKED_MESSAGE);
    return live;
  }

  /** The backups made before the passphrase have been looked at in this run (encryptPlainBackups). */
  let sealedThisRun = false;
  /** The day's backup as it ran, by connection (a scheduler may run it before the connection is in use). */
  const backedUp = new WeakMap<Db, DailyBackup>();
  /** The background check of this run's first open, while it runs (AppOptions.backgroundCheck). */
  let checking: { ro: Db; pending: PendingOpen; done: Promise<void> } | null = null;

  function stopChecking(): void {
    checking?.pending.cancel();
    checking = null;
  }

  // The caseload opened read-only while its check runs: on a pass, the writable connection and
  // services over it take the read-only one's place; on a failure, the read-only one stays, with
  // the damaged copy and the way back. A lock meanwhile cancels the check (the next unlock checks).
  function follow(ro: Db, pending: PendingOpen): void {
    const done = pending.health
      .then((health) => {
        if (checking?.ro !== ro || live?.db !== ro) return;
        checking = null;
        settle(ro, pending, health);
      })
      .catch((err: unknown) => {
        // Never an unhandled rejection in the main process: the caseload stays read-only, and
        // the window says why.
        checking = null;
        storage = { degraded: null, dailyBackup: null, readOnly: `its check could not finish (${(err as Error)?.message ?? String(err)})` };
      })
      .finally(changed);
    checking = { ro, pending, done };
  }

  function settle(ro: Db, pending: PendingOpen, health: Health): void {
    if (!health.ok) {
      storage = { degraded: pending.failed(health.reason), dailyBackup: { status: 'skipped', why: 'damaged' } };
      return;
    }
    let next: OpenedCaseload | null = null;
    try {
      next = pending.passed();
      live = { db: next.db, domains: build(next.db) };
    } catch (err) {
      // The file passed, but cannot be opened for writing now (the drive went read-only): it
      // stays open read-only, and a change is refused with what storageFailure says of that.
      if (next?.db.open) next.db.close();
      storage = { degraded: null, dailyBackup: null, readOnly: `it could not be opened for writing (${(err as Error).message})` };
      return;
    }
    checked = true;
    ro.close();
    storage = { degraded: null, dailyBackup: backedUp.get(next.db) ?? next.dailyBackup };
  }

  /** Settles once no check is running: one that starts while waiting (a lock and unlock) is waited for too. */
  async function noCheckRunning(): Promise<void> {
    while (checking) await checking.done;
  }

  function changed(): void {
    try {
      sink('storage:changed', {});
    } catch {
      // The window is gone: it asks again when it is back.
    }
  }

  /**
   * Open the caseload with the data key (null: a plain one) and build the services over it.
   * Checked, backed up before a migration and once a day (main/services/backups.ts). Once it has
   * passed in this run, an unlock after an idle lock reopens it without the check: only this
   * process has written it since, and the unlock stays quick. The day's backup is still made on
   * the first unlock of a new day (a directory listing when it is done).
   */
  function openLive(key: Buffer | null): void {
    const schedule = opts.scheduleAfterUnlock;
    const opened = openCaseload(dbPath, {
      ...opts,
      key,
      clock,
      check: !checked,
      background: checked ? undefined : opts.backgroundCheck,
      deferDailyBackup: schedule
        ? (run, db) =>
            schedule(() => {
              const result = run();
              backedUp.set(db, result);
              if (live?.db === db) {
                storage = { ...storage, dailyBackup: result };
                changed();
              }
            })
        : undefined,
    });
    const db = opened.db;
    try {
      live = { db, domains: build(db) };
    } catch (err) {
      opened.pending?.cancel();
      db.close();
      throw err;
    }
    storage = { degraded: opened.degraded, dailyBackup: opened.dailyBackup };
    if (opened.pending) follow(db, opened.pending);
    else checked ||= !opened.degraded;
    // Backups made before the passphrase was set up are plain: encrypt them with the caseload's
    // key, once a run, at the first open with a key (after the unlock or the setup has answered,
    // in the desktop app). With nothing to do that reads 16 bytes of each backup.
    if (key && !sealedThisRun) {
      sealedThisRun = true;
      if (schedule) schedule(() => void (session.isLocked() ? null : session.withKey((k) => k && encryptPlainBackups(dbPath, k))));
      else encryptPlainBackups(dbPath, key);
    }
  }

  function closeLive(): void {
    stopChecking();
    const l = live;
    live = null;
    if (l?.db.open) l.db.close();
  }

  /**
   * Put an automatic backup in place of the caseload (maintenance.restoreDatabase: the backup is
   * checked first and refused if it fails; the caseload as it was is kept aside, never deleted),
   * then open it. When the restore is refused, the caseload that was open opens again, unchanged.
   */
  /** An automatic backup by its file name (the window never names a path), or NOT_FOUND. */
  function backupNamed(name: string): BackupFile {
    const backup = listBackups(dbPath).find((b) => b.name === name);
    if (!backup) throw new AppFailure('NOT_FOUND', `There is no automatic backup named ${name}; choose one from the list.`, { name: 'is not one of the automatic backups' });
    return backup;
  }

  function restore(name: string): { keptAside: string | null } {
    const backup = backupNamed(name);
    // The session's own key: the reopen keeps using it (a background check's writable open comes
    // later), and the session zeroes it when it locks. No other process has the caseload while it
    // is replaced (refused, naming it, when one has).
    return session.withKey((key) => claim.exclusively('Restoring a backup', () => {
      // Checked before anything is closed: a backup that fails leaves the caseload open as it is.
      const preview = previewBackup(backup.path, key);
      refuseUnlessRestorable(backup.path, preview);
      closeLive();
      let result: { keptAside: string | null } | null = null;
      let failure: unknown = null;
      try {
        result = restoreDatabase(backup.path, dbPath, fileStamp(clock.now()), { key, checked: preview });
      } catch (err) {
        failure = err;
      }
      // What is in place passed integrity_check a moment ago, so it opens without a second
      // check; after a failed restore the caseload is as it was, checked or not.
      if (!failure) checked = true;
      try {
        openLive(key);
      } catch (err) {
        // Nothing opens now: lock, so the window says so, rather than answering LOCKED unasked.
        try {
          session.lock('manual');
        } catch {
          // A plain caseload cannot lock; its calls answer LOCKED until the app starts again.
        }
        throw new AppFailure('UNAVAILABLE', `The caseload could not be opened after the restore (${(err as Error).message}). Close the workstation and run: npm run cli -- check`);
      }
      changed();
      if (failure) throw failure;
      return result!;
    }));
  }

  const session = sessionService({
    dbPath,
    keyFile: opts.keyFile ?? keyFilePath(dbPath),
    timers: opts.timers ?? systemTimers,
    nowIso: () => clock.now(),
    open: openLive,
    close: closeLive,
    idleLockMinutes: () => (live ? live.domains.settings.get().idleLockMinutes : DEFAULT_IDLE_LOCK_MINUTES),
    locked: (reason) => sink('app:locked', { reason }),
    scrypt: opts.scrypt,
    exclusively: (what, fn) => claim.exclusively(what, fn),
  });

  const services: Services = {
    get members() {
      return current().domains.members;
    },
    get estimates() {
      return current().domains.estimates;
    },
    get process() {
      return current().domains.process;
    },
    get schedule() {
      return current().domains.schedule;
    },
    get settings() {
      return current().domains.settings;
    },
    get documents() {
      return current().domains.documents;
    },
    get scenarios() {
      return current().domains.scenarios;
    },
    session,
    storage: {
      status: () => ({ ...storage, checking: checking !== null }),
      whenWritable: () => (checking ? noCheckRunning() : null),
      folder: () => backupFolder(dbPath),
      backups: () => (current(), listBackups(dbPath)),
      preview: (name) => session.withKey((key) => previewBackup(backupNamed(name).path, key)),
      restore,
    },
  };

  try {
    if (opts.locked) session.startLocked();
    else session.startOpen(opts.key ?? null);
  } catch (err) {
    claim.release();
    throw err;
  }

  return {
    get db() {
      return current().db;
    },
    get degraded() {
      return storage.degraded;
    },
    services,
    setEventSink: (s) => {
      sink = s;
    },
    setDocumentHost: (h) => {
      documentHost = h;
    },
    checked: noCheckRunning,
    close: () => {
      session.dispose();
      try {
        closeLive();
      } finally {
        claim.release();
      }
    },
  };
}

/** The dispatch every transport calls: the lock gates it, and every call counts as activity. */
export function dispatchFor(services: Services, opts: DispatchOptions): Dispatch {
  return createDispatch(handlers(services), {
    isLocked: () => services.session.isLocked(),
    onCall: () => services.session.onActivity(),
    degraded: () => services.storage.status().degraded,
    whenWritable: () => services.storage.whenWritable(),
    ...opts,
  });
}

function currentUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
