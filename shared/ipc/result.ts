// Errors travel as data across IPC (ARCHITECTURE: the Result envelope). A closed set of codes.
export const ERROR_CODES = ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'LOCKED', 'FORBIDDEN', 'UNAVAILABLE', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What every call but the unlocking ones answers while the caseload is locked. */
export const LOCKED_MESSAGE = 'The caseload is locked. Unlock it to continue.';

export type AppError = {
  code: ErrorCode;
  message: string;
  /** Per-field messages by dot path (`spouse.birthDate`), shown beside the inputs. */
  fields?: Record<string, string>;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Thrown by services; dispatch turns it into `{ ok: false, error }`. */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    this.fields = fields;
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, fields?: Record<string, string>): Result<never> {
  return fields ? { ok: false, error: { code, message, fields } } : { ok: false, error: { code, message } };
}
