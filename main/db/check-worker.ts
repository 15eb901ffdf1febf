// The open check off the main thread: a worker with a read-only connection of its own runs
// `PRAGMA quick_check(10)` and posts SQLite's rows back (main/db/background-check.ts starts it).
// On an encrypted caseload the check decrypts every page, about 0.8 s at 100,000 members; here it
// runs on the second core while the counselor already reads the caseload.
//
// This file runs as a worker entry as it is: under Node 24 (types stripped, in development and the
// tests) and bundled as build/electron/check-worker.cjs in the desktop app. So it imports only
// Node and the SQLite binding, and uses only erasable TypeScript.
import Database from 'better-sqlite3-multiple-ciphers';
import { parentPort, workerData } from 'node:worker_threads';

/** What the worker is given: the file, and for an encrypted caseload the cipher and the raw key (transferred, zeroed here after use). */
export type CheckJob = { path: string; cipher: string | null; rawKey: Uint8Array | null };

/** What it answers: quick_check's rows, or the SQLite error that stopped it. */
export type CheckAnswer = { rows: string[] } | { error: { code: string | null; message: string } };

function check(job: CheckJob): CheckAnswer {
  let db: Database.Database | null = null;
  try {
    db = new Database(job.path, { readonly: true, fileMustExist: true });
    if (job.rawKey && job.cipher) {
      db.pragma(`cipher = '${job.cipher}'`);
      db.key(Buffer.from(job.rawKey.buffer, job.rawKey.byteOffset, job.rawKey.byteLength));
    }
    job.rawKey?.fill(0);
    const rows = (db.pragma('quick_check(10)') as Record<string, unknown>[]).map((r) => String(Object.values(r)[0]));
    return { rows };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return { error: { code: typeof code === 'string' ? code : null, message: String((err as Error).message ?? err) } };
  } finally {
    job.rawKey?.fill(0);
    db?.close();
  }
}

parentPort?.postMessage(check(workerData as CheckJob));
