// The shared printable rule (issue 12 item 10, issue 13 item 7): one predicate for entry (the
// member-record schemas) and print (the PDF writer). A name the packet cannot print is refused
// at entry with the character and the field named; one length limit for every name field.
import { describe, expect, it } from 'vitest';
import { beneficiaryInputSchema, memberFactsSchema, spouseInputSchema } from '../../../shared/domain/member';
import { describeCharacter, firstUnprintable, NAME_MAX, unprintableMessage } from '../../../shared/domain/printable';

const member = (over: Record<string, unknown>) => ({ memberId: 'M1', firstName: 'Ann', lastName: 'Lee', birthDate: '1968-04-10', ...over });

describe('firstUnprintable', () => {
  it('accepts Latin with accents (composed or not), Greek, Cyrillic, Vietnamese, the okina and a soft hyphen', () => {
    for (const s of ['Zoë O’Brien-Łukasz', 'Zoe\u0308', 'Αλέξανδρος', 'Дмитрий', 'Nguyễn Thị', 'Kaʻahumanu', 'Ann\u00adMarie', '王小明', 'محمد العلي']) expect(firstUnprintable(s), s).toBeNull();
  });

  it('refuses emoji, control characters, invisible formatting and private use, naming the character', () => {
    expect(firstUnprintable('Ann 😀')).toEqual({ character: '😀', codePoint: 0x1f600, index: 4 });
    expect(firstUnprintable('A\u0007B')?.codePoint).toBe(7);
    expect(firstUnprintable('A\u200dB')?.codePoint).toBe(0x200d);
    expect(firstUnprintable('\ue000')?.codePoint).toBe(0xe000);
    expect(firstUnprintable('line\nbreak')?.codePoint).toBe(0x0a);
    expect(firstUnprintable('line\r\nbreak', { multiline: true })).toBeNull();
    expect(describeCharacter({ character: '\u0007', codePoint: 7 })).toBe('U+0007 (an invisible control character)');
    expect(unprintableMessage({ character: '😀', codePoint: 0x1f600 })).toBe('contains "😀" (U+1F600), which the printed forms cannot show: replace or remove it');
  });
});

describe('the member-record schemas refuse what cannot be printed, naming the field', () => {
  it('member names, spouse and beneficiary names, and the address', () => {
    const r = memberFactsSchema.safeParse(member({ firstName: 'Ann😀' }));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['firstName', 'contains "😀" (U+1F600), which the printed forms cannot show: replace or remove it']]);
    expect(memberFactsSchema.safeParse(member({ lastName: 'Lee\u0000' })).error?.issues[0]?.path).toEqual(['lastName']);
    expect(memberFactsSchema.safeParse(member({ middleName: '🙂' })).error?.issues[0]?.path).toEqual(['middleName']);
    expect(memberFactsSchema.safeParse(member({ street: '1 Main St 🏠' })).error?.issues[0]?.path).toEqual(['street']);
    expect(spouseInputSchema.safeParse({ name: 'Mary 💍', birthDate: '1970-01-20' }).error?.issues[0]?.path).toEqual(['name']);
    const ben = { class: 'primary', kind: 'person', name: 'Jo ✨', share: '100' };
    expect(beneficiaryInputSchema.safeParse(ben).error?.issues[0]?.path).toEqual(['name']);
    expect(beneficiaryInputSchema.safeParse({ ...ben, name: 'Jo', address: '12 Elm\nColumbia, MO' }).success).toBe(true);
    expect(memberFactsSchema.safeParse(member({ firstName: 'Zoë', middleName: 'Ann\u00adMarie' })).success).toBe(true);
  });

  it(`one length limit for every name field: ${NAME_MAX} characters`, () => {
    const long = 'A'.repeat(NAME_MAX + 1);
    const ok = 'A'.repeat(NAME_MAX);
    for (const field of ['firstName', 'lastName', 'middleName']) {
      expect(memberFactsSchema.safeParse(member({ [field]: ok })).success, field).toBe(true);
      expect(memberFactsSchema.safeParse(member({ [field]: long })).error?.issues[0]?.message, field).toBe(`must be at most ${NAME_MAX} characters`);
    }
    expect(spouseInputSchema.safeParse({ name: long, birthDate: '1970-01-20' }).success).toBe(false);
    expect(spouseInputSchema.safeParse({ name: ok, birthDate: '1970-01-20' }).success).toBe(true);
    expect(beneficiaryInputSchema.safeParse({ class: 'primary', kind: 'person', name: long, share: '100' }).success).toBe(false);
  });
});
