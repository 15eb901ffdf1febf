// Every text of the member's data is checked against the embedded font before anything is drawn,
// so an unprintable character is reported with the input field that holds it.
import { assertPrintable, fallbacksFor, normalizeText, type FallbackId } from './fonts';
import { memberDisplayName, type DocumentMember } from './types';

const OWN_SECTIONS = new Set([
  'spouse',
  'beneficiaries',
  'directDeposit',
  'optionalLife',
  'withholding',
  'agent',
  'successorAgent',
  'releaseOfInformation',
  'backdropDistribution',
  'process',
  'appointment',
]);

const MULTILINE = /(^|\.)(address|information|street)$/;

function walk(value: unknown, path: string): void {
  if (typeof value === 'string') {
    assertPrintable(normalizeText(value), path, 'regular', MULTILINE.test(path));
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  }
}

/**
 * Throw `path: character "X" (U+XXXX) cannot be printed in the embedded font` for the first
 * unprintable character in the member's data; `member.name` is the name as printed.
 */
export function validateMemberText(member: DocumentMember): void {
  assertPrintable(normalizeText(memberDisplayName(member)), 'member.name');
  for (const [key, value] of Object.entries(member)) {
    walk(value, OWN_SECTIONS.has(key) ? key : `member.${key}`);
  }
}

/** Every string of the member's data (for choosing the fallback fonts a document needs). */
export function memberStrings(member: DocumentMember): string[] {
  const out: string[] = [memberDisplayName(member)];
  const walkAll = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walkAll);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walkAll);
  };
  walkAll(member);
  return out;
}

/** The fallback fonts (Chinese, Arabic) the member's data needs. */
export function memberFallbacks(member: DocumentMember): Set<FallbackId> {
  return fallbacksFor(memberStrings(member));
}
