// Pieces shared by the forms: the member identification rows, addresses, signature blocks.
import { ageAt, parseDate } from '../../../shared/calc/dates';
import { formatDate, formatSsn, maskSsn } from '../format';
import { memberDisplayName, type DocumentAddress, type DocumentInput } from '../types';
import type { DocWriter } from '../writer';

export function addressText(a: DocumentAddress | null | undefined): string {
  if (!a) return '';
  const street = a.street?.trim() ?? '';
  const cityLine = [a.city?.trim() ?? '', [a.state?.trim() ?? '', a.zip?.trim() ?? ''].filter((s) => s).join(' ')].filter((s) => s).join(', ');
  return [street, cityLine].filter((s) => s).join('\n');
}

export function dateOrBlank(iso: string | null | undefined): string {
  return iso ? formatDate(iso) : '';
}

/**
 * The member identification rows at the top of a form: `<prefix>.member.name`, `.memberId`,
 * `.ssn` (in full only when `fullSsn`), and with `contact` also `.birthDate`, `.address`,
 * `.phone`, `.email`.
 */
export function memberRows(w: DocWriter, prefix: string, input: DocumentInput, opts: { fullSsn: boolean; contact?: boolean }): void {
  const m = input.member;
  w.row([
    { label: 'Member name', value: memberDisplayName(m), width: 3, field: `${prefix}.member.name` },
    { label: 'Member ID', value: m.memberId ?? '', width: 1, field: `${prefix}.member.memberId` },
    { label: 'Social Security number', value: opts.fullSsn ? formatSsn(m.ssn) : maskSsn(m.ssn), width: 1.2, field: `${prefix}.member.ssn` },
  ]);
  if (opts.contact) {
    w.row([
      { label: 'Birth date', value: dateOrBlank(m.birthDate ?? input.case?.member.birthDate), width: 1, field: `${prefix}.member.birthDate` },
      { label: 'Mailing address', value: addressText(m.address), width: 2.4, field: `${prefix}.member.address`, multiline: true },
      { label: 'Phone', value: m.phone ?? '', width: 1, field: `${prefix}.member.phone` },
    ], { minHeight: 36 });
    w.row([{ label: 'Email', value: m.email ?? '', width: 1, field: `${prefix}.member.email` }]);
  }
}

/**
 * The statement the member signs and the signature lines, kept together on one page (measured,
 * see DocWriter.keepTogether); `after` adds more signature lines to the same block.
 */
export function memberSignature(w: DocWriter, statement: string, after?: (w: DocWriter) => void): void {
  w.keepTogether((w) => {
    w.gap(4);
    w.paragraph(statement, { size: 8 });
    w.gap(6);
    w.signatures([
      { label: 'Member signature', width: 3 },
      { label: 'Date', width: 1.4 },
    ]);
    after?.(w);
  });
}

/** Whole years of age at a date, or null. */
export function ageYears(birth: string | null | undefined, at: string): number | null {
  if (!birth) return null;
  return ageAt(parseDate(birth), parseDate(at)).years;
}

/** A share as printed: `50%`, or a fraction as given. */
export function shareText(share: string): string {
  const s = share.trim();
  if (s.length === 0) return '';
  return /^\d{1,3}(\.\d{1,4})?$/.test(s) ? `${s}%` : s;
}
