import type { z } from 'zod';
import { zodIssues } from '../../shared/domain/validate';
import { contract, OPEN_WHILE_LOCKED, WRITES, type Channel, type Contract } from '../../shared/ipc/contract';
import { AppFailure, fail, LOCKED_MESSAGE, ok, type Result } from '../../shared/ipc/result';
import { storageFailure, type Degraded } from '../db/integrity';
import { redact } from '../log';

export type Handlers = {
  [C in Channel]: (input: z.output<Contract[C]['input']>) => z.input<Contract[C]['output']> | Promise<z.input<Contract[C]['output']>>;
};

/** Who sent a call: the transport fills this in (Electron: the sender frame). */
export type Sender = { url: string; isMainFrame: boolean };

export type DispatchOptions = {
  /** The sender check of the transport: only our own main frame may call. */
  isAllowedSender: (sender: Sender) => boolean;
  /** While the caseload is locked every channel answers LOCKED, but those that unlock it. */
  isLocked?: () => boolean;
  /** Told of every call from our own window to a known channel: the idle lock's activity. */
  onCall?: (channel: Channel) => void;
  /** Log of internal errors (never input values); every line is redacted before it gets here. */
  log?: (line: string) => void;
  /** Set while the caseload failed its check on open and is read-only (main/db/integrity.ts). */
  degraded?: () => Degraded | null;
  /**
   * While the open check runs in the background, a promise that settles when it is done: a
   * channel that changes the caseload (WRITES) waits for it; reads go on at once.
   */
  whenWritable?: () => Promise<void> | null;
};

export type Dispatch = (channel: string, input: unknown, sender: Sender) => Promise<Result<unknown>>;

/**
 * The first message per path. Built from entries, so a field named like an Object.prototype
 * member (`constructor`, `__proto__`) is reported as an own field rather than lost.
 */
function fieldsOf(error: z.ZodError, raw: unknown): Record<string, string> {
  const fields = new Map<string, string>();
  for (const issue of zodIssues(error, raw)) if (!fields.has(issue.path)) fields.set(issue.path, issue.message);
  return Object.fromEntries(fields);
}

function holds(check: () => boolean, onThrow: boolean): boolean {
  try {
    return check();
  } catch {
    return onThrow;
  }
}

function degradedNow(opts: DispatchOptions): Degraded | null {
  try {
    return opts.degraded?.() ?? null;
  } catch {
    return null;
  }
}

/**
 * Check the sender, parse the input with the contract, call the handler, parse its output, and
 * answer with a Result. A thrown exception never crosses the boundary.
 */
export function createDispatch(handlers: Handlers, opts: DispatchOptions): Dispatch {
  const openWhileLocked = new Set<string>(OPEN_WHILE_LOCKED);
  const writes = new Set<string>(WRITES);
  const log = (line: string) => opts.log?.(redact(line));
  return async (channel, input, sender) => {
    // The checks fail closed: a check that throws refuses the call rather than rejecting.
    if (!holds(() => opts.isAllowedSender(sender), false)) return fail('FORBIDDEN', 'Calls are accepted only from the workstation window.');
    if (typeof channel !== 'string' || !Object.hasOwn(contract, channel)) return fail('FORBIDDEN', `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.`);
    const c = channel as Channel;
    holds(() => (opts.onCall?.(c), true), true);
    if (!openWhileLocked.has(c) && holds(() => opts.isLocked?.() ?? false, true)) return fail('LOCKED', LOCKED_MESSAGE);
    const parsed = contract[c].input.safeParse(input);
    if (!parsed.success) return fail('INVALID_INPUT', 'Some fields need attention.', fieldsOf(parsed.error, input));
    try {
      if (writes.has(c)) await opts.whenWritable?.();
      const handler = handlers[c] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      const out = contract[c].output.safeParse(value);
      if (!out.success) {
        log(`${c}: output does not match the contract: ${out.error.issues.map((i) => i.path.join('.')).join(', ')}`);
        return fail('INTERNAL', 'The workstation produced an unexpected answer. Nothing was lost; try again.');
      }
      return ok(out.data);
    } catch (err) {
      if (err instanceof AppFailure) return fail(err.code, err.message, err.fields);
      // A full disk, a read-only or damaged file, a busy lock: SQLite rolled the change back; say
      // so and what to do, rather than INTERNAL.
      const storage = storageFailure(err, degradedNow(opts));
      if (storage) {
        log(`${c}: ${(err as { code?: string }).code}`);
        return fail(storage.code, storage.message);
      }
      log(`${c}: ${(err as Error)?.name ?? 'Error'}: ${(err as Error)?.message ?? String(err)}`);
      return fail('INTERNAL', 'Something went wrong. Nothing was saved; try again.');
    }
  };
}
