// The plain-data input of the documents: built from a case file, and in step with the caseload's ids.
import { describe, expect, it } from 'vitest';
import { DESIGNATIONS, FORM_IDS, FORM_STATUSES, PROOF_DOCUMENTS } from '../../../shared/domain/member';
import { DOCUMENT_DESIGNATIONS, DOCUMENT_FORM_IDS, DOCUMENT_FORM_STATUSES, DOCUMENT_PROOFS, documentMemberFromCase, memberDisplayName } from '../../../main/pdf/types';
import { loadExample } from './fixtures';

describe('DocumentMember', () => {
  it('is built from a case file: the name as given, the rest blank', () => {
    const { case: c } = loadExample('msep-both-plans');
    const m = documentMemberFromCase(c);
    expect(m).toEqual({
      firstName: 'Dana',
      middleName: 'R.',
      lastName: 'Whitfield',
      fullName: 'Dana R. Whitfield',
      memberId: 'M0104417',
      ssn: null,
      birthDate: '1965-04-17',
      spouse: { name: 'Lee Whitfield', birthDate: '1967-09-03' },
    });
    expect(memberDisplayName(m)).toBe('Dana R. Whitfield');
  });

  it('prints the name parts when no full name is given', () => {
    expect(memberDisplayName({ firstName: 'Ana', middleName: null, lastName: 'Núñez' })).toBe('Ana Núñez');
    expect(memberDisplayName({ firstName: 'Ana', middleName: 'María', lastName: 'Núñez', fullName: '  ' })).toBe('Ana María Núñez');
  });

  it('works without a name or a spouse in the case', () => {
    const { case: c } = loadExample('terminated-vested');
    const m = documentMemberFromCase({ ...c, member: { ...c.member, name: undefined, memberId: undefined } });
    expect(m).toMatchObject({ firstName: '', lastName: '', fullName: null, memberId: null, spouse: null });
    expect(memberDisplayName(m)).toBe('');
  });

  it('uses the caseload ids for forms, statuses, proofs and designations', () => {
    expect([...DOCUMENT_FORM_IDS]).toEqual([...FORM_IDS]);
    expect([...DOCUMENT_FORM_STATUSES]).toEqual([...FORM_STATUSES]);
    expect([...DOCUMENT_PROOFS]).toEqual([...PROOF_DOCUMENTS]);
    expect([...DOCUMENT_DESIGNATIONS]).toEqual([...DESIGNATIONS]);
  });
});
