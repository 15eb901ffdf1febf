// The first open of a run checks the caseload in a worker thread (main/db/check-worker.ts), so the
// unlock answers before the check is done: see openVerified's `background` in integrity.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DB_CIPHER, rawKeyBytes } from '../security/keys';
import type { CheckAnswer, CheckJob } from './check-worker';
import { healthOf, isDamage, type Health } from './integrity';

/**
 * A check under way. `health` settles with what quick_check found, or with null when the check
 * could not run there (the worker did not start, or failed for a reason other than the file):
 * the caller then runs it on its own connection. It never rejects.
 */
export type CheckRun = { health: Promise<Health | null>; cancel: () => void };

/** Starts the check of a caseload file; the key Buffer stays the caller's. */
export type CheckRunner = (path: string, key: Buffer | null) => CheckRun;

/** The worker's file: the bundle's check-worker.cjs in the desktop app, the source otherwise. */
export function checkWorkerFile(dir: string = import.meta.dirname): string {
  const bundled = join(dir, 'check-worker.cjs');
  return existsSync(bundled) ? bundled : join(dir, 'check-worker.ts');
}

/** What the worker's answer means: SQLite's rows as health; a damaged file as a failed check; anything else as null. */
export function answerHealth(answer: CheckAnswer): Health | null {
  if ('rows' in answer) return healthOf(answer.rows, 'quick_check');
  return isDamage(answer.error) ? { ok: false, reason: answer.error.message } : null;
}

/**
 * The check in a worker thread. The raw key is written into a buffer of its own and transferred
 * (not copied) to the worker, which zeroes it once SQLite has it; none stays on this side.
 */
export function workerCheck(file: string = checkWorkerFile()): CheckRunner {
  return (path, key) => {
    const rawKey = key ? rawKeyBytes(key) : null;
    const job: CheckJob = { path, cipher: key ? DB_CIPHER : null, rawKey };
    let worker: Worker;
    try {
      worker = new Worker(file, { workerData: job, transferList: rawKey ? [rawKey.buffer as ArrayBuffer] : [] });
    } catch {
      rawKey?.fill(0);
      return { health: Promise.resolve(null), cancel: () => undefined };
    }
    let settle: (h: Health | null) => void = () => undefined;
    const health = new Promise<Health | null>((resolve) => {
      let settled = false;
      settle = (h) => {
        if (settled) return;
        settled = true;
        resolve(h);
        void worker.terminate();
      };
    });
    worker.once('message', (answer: CheckAnswer) => settle(answerHealth(answer)));
    worker.once('error', () => settle(null));
    worker.once('exit', () => settle(null));
    return { health, cancel: () => settle(null) };
  };
}
