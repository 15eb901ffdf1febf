// Authorization to Release Information (Step 1, optional, CW-207), FORM-6. The SSN is masked.
//
// Fields:
//   release.member.{name,memberId,ssn}                      ssn masked
//   release.recipient.{name,relationship,phone,email}
//   release.information                                      multiline
//   release.effective.from, release.effective.to
import { FORM_CODES, FORM_TITLES } from '../checklist';
import type { DocContext, DocumentMeta } from '../context';
import type { DocumentInput } from '../types';
import { DocWriter } from '../writer';
import { dateOrBlank, memberRows, memberSignature } from './common';

export const RELEASE_META: DocumentMeta = { kind: 'release-information', code: FORM_CODES['release-information'], title: FORM_TITLES['release-information'] };

export function addReleaseInformation(ctx: DocContext, input: DocumentInput): void {
  const r = input.member.releaseOfInformation ?? null;
  const w = new DocWriter(ctx, {
    ...RELEASE_META,
    step: 'Step 1 · optional',
    subtitle: 'Lets MOSERS discuss your account with the person or organization you name.',
  });
  w.section('Member');
  memberRows(w, 'release', input, { fullSsn: false });
  w.endRows();
  w.section('Person or organization (FORM-6)');
  w.row([
    { label: 'Name of person or organization', value: r?.recipient ?? '', width: 2.4, field: 'release.recipient.name' },
    { label: 'Relationship to you', value: r?.relationship ?? '', width: 1.2, field: 'release.recipient.relationship' },
  ]);
  w.row([
    { label: 'Phone', value: r?.phone ?? '', width: 1, field: 'release.recipient.phone' },
    { label: 'Email', value: r?.email ?? '', width: 2, field: 'release.recipient.email' },
  ]);
  w.row([{ label: 'Information that may be released', value: r?.information ?? '', width: 1, field: 'release.information', multiline: true }], { minHeight: 48 });
  w.row([
    { label: 'Effective from', value: dateOrBlank(r?.from), width: 1, field: 'release.effective.from' },
    { label: 'Effective through', value: dateOrBlank(r?.to), width: 1, field: 'release.effective.to' },
  ]);
  w.endRows();
  memberSignature(w, 'I authorize MOSERS to release the information above to the person or organization named, for the dates given. I may revoke this authorization in writing.');
}
