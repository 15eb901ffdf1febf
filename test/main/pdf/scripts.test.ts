// Issue 12 item 10: a legal name in Chinese or Arabic script prints, with the Noto Sans SC and
// Noto Sans Arabic fallbacks (SIL OFL, from npm) embedded as tagged subsets only when needed;
// emoji are still refused, naming the field.
import { PDFDocument, type PDFTextField } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { UnprintableCharacterError } from '../../../main/pdf/fonts';
import { buildPacket } from '../../../main/pdf/packet';
import { richInput } from './fixtures';
import { pdffonts, pdftotext } from './poppler';

const CHINESE = '王小明';
const ARABIC_FIRST = 'محمد';
const ARABIC_LAST = 'العلي';

describe('names in Chinese and Arabic script', () => {
  it.each([false, true])('print (flatten %s), the fallbacks embedded as tagged subsets', async (flatten) => {
    const input = richInput('msep2000-rule80-backdrop');
    input.member.fullName = null;
    input.member.firstName = ARABIC_FIRST;
    input.member.middleName = null;
    input.member.lastName = ARABIC_LAST;
    input.member.spouse = { name: CHINESE, ssn: '987-65-4320', birthDate: '1966-07-15' };
    const r = await buildPacket(input, { flatten });
    const fonts = pdffonts(r.bytes).map((f) => f.name);
    expect(fonts.some((n) => /^[A-Z]{6}\+NotoSansSC/.test(n))).toBe(true);
    expect(fonts.some((n) => /^[A-Z]{6}\+NotoSansArabic/.test(n))).toBe(true);
    const text = pdftotext(r.bytes);
    expect(text).toContain(CHINESE);
    // pdftotext gives the Arabic words in reading order.
    expect(text).toMatch(new RegExp(`${ARABIC_FIRST}\\s+${ARABIC_LAST}|${ARABIC_LAST}\\s+${ARABIC_FIRST}`));
    if (!flatten) {
      const form = (await PDFDocument.load(r.bytes)).getForm();
      expect((form.getField('election.spouse.name') as PDFTextField).getText()).toBe(CHINESE);
      expect((form.getField('election.member.name') as PDFTextField).getText()).toBe(`${ARABIC_FIRST} ${ARABIC_LAST}`);
    }
  });

  it('a Latin-only packet embeds no fallback font', async () => {
    const r = await buildPacket(richInput('msep2011-early'), { flatten: true });
    expect(pdffonts(r.bytes).map((f) => f.name).filter((n) => /SC|Arabic/.test(n))).toEqual([]);
  });

  it('emoji are still refused, naming the field', async () => {
    const input = richInput('msep2011-early');
    input.member.spouse = { name: 'Mary 😀', birthDate: '1966-07-15' };
    await expect(buildPacket(input)).rejects.toThrow(UnprintableCharacterError);
    await expect(buildPacket(input)).rejects.toThrow('spouse.name: character "😀" (U+1F600) cannot be printed');
  });
});
