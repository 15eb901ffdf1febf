// The main process's log: every line is redacted before it is written, so an error message that
// quotes a value (a SQLite constraint, a parse error, a stack) cannot leak an SSN or an account
// number into a file that leaves the laptop with a support ticket.

// Digits in any script (fullwidth １２３ too): `\p{Nd}` with the u flag.
const D = '\\p{Nd}';
/** 123-45-6789, 123 45 6789, 123.45.6789 and 123456789, not inside a longer run of digits. */
const SSN_LIKE = new RegExp(`(?<!${D})${D}{3}[-\\s.\\u2010-\\u2015\\uFF0D]?${D}{2}[-\\s.\\u2010-\\u2015\\uFF0D]?${D}{4}(?!${D})`, 'gu');
/** Account and card numbers: any run of six digits or more. */
const LONG_DIGITS = new RegExp(`${D}{6,}`, 'gu');

export const REDACTED = '[redacted]';

export function redact(line: string): string {
  return line.replace(SSN_LIKE, REDACTED).replace(LONG_DIGITS, REDACTED);
}

export type Logger = {
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string) => void;
};

/** A logger over a sink (stderr, a file): one redacted line per call, with its level. */
export function createLogger(write: (line: string) => void): Logger {
  const at = (level: string) => (message: string) => write(`${level} ${redact(message).replace(/\r?\n/g, ' | ')}\n`);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}
