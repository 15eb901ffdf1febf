// Issue 12 items 5 and 6: every page of every form says where to send it (MOSERS' address, phone,
// fax and e-mail) and carries the form's revision; the Substitute W-4P covers federal and Missouri
// withholding and asks for a start date (the first of a month, never retroactive), as the Guide's.
import { PDFDocument, PDFRadioGroup, PDFTextField } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildPacket } from '../../../main/pdf/packet';
import { EXAMPLE_NAMES, richInput } from './fixtures';
import { flat, pdftotext } from './poppler';

// Written out here from the issue, independently of main/pdf/context.ts.
const RETURN_TO = 'Return to: MOSERS, PO Box 209, Jefferson City, MO 65102-0209 · (573) 632-6100 · (800) 827-1063 · fax (573) 632-6103 · mosers@mosers.org';

describe.each(EXAMPLE_NAMES)('%s', (name) => {
  it('every page: the return address, phone, fax, e-mail and the revision date', async () => {
    const r = await buildPacket(richInput(name));
    const pages = pdftotext(r.bytes).split('\f').map(flat);
    for (let p = 1; p <= r.pageCount; p++) {
      expect(pages[p - 1], `page ${p}`).toContain(RETURN_TO);
      expect(pages[p - 1], `page ${p}`).toMatch(/Form CW-\d{3} · Rev\. \d{2}\/\d{4}/);
    }
    const application = r.documents.find((d) => d.kind === 'retirement-application');
    if (application) expect(pages.slice(application.firstPage - 1, application.lastPage).join(' ')).toContain('Document Upload');
  });
});

describe('Substitute W-4P', () => {
  it('has the Missouri election and the start date, blank for the member', async () => {
    const input = richInput('msep2011-early');
    const r = await buildPacket(input);
    const form = (await PDFDocument.load(r.bytes)).getForm();
    const mo = form.getField('w4p.missouri.choice');
    expect(mo).toBeInstanceOf(PDFRadioGroup);
    expect((mo as PDFRadioGroup).getOptions()).toEqual(['withhold', 'none']);
    expect((mo as PDFRadioGroup).getSelected()).toBeUndefined();
    expect((form.getField('w4p.missouri.filingStatus') as PDFRadioGroup).getOptions()).toEqual(['single', 'married-joint', 'head-of-household']);
    expect(form.getField('w4p.missouri.extraWithholding')).toBeInstanceOf(PDFTextField);
    expect((form.getField('w4p.startDate') as PDFTextField).getText() ?? '').toBe('');
    const d = r.documents.find((x) => x.kind === 'w4p');
    const text = flat(pdftotext(r.bytes, { first: d?.firstPage ?? 1, last: d?.lastPage ?? 1 }));
    expect(text).toContain('Federal and Missouri income tax withholding');
    expect(text).toContain('married with three allowances');
    expect(text).toContain('it cannot be retroactive');
    expect(text).toContain('MOSERS does not withhold tax for any state other than Missouri');
  });

  it('prints the Missouri election and start date the member record gives', async () => {
    const input = richInput('msep2011-early');
    input.member.withholding = { ...input.member.withholding, startDate: '2027-02-01', missouri: { withhold: true, filingStatus: 'single', extraWithholding: '25' } };
    const form = (await PDFDocument.load((await buildPacket(input)).bytes)).getForm();
    expect((form.getField('w4p.missouri.choice') as PDFRadioGroup).getSelected()).toBe('withhold');
    expect((form.getField('w4p.missouri.filingStatus') as PDFRadioGroup).getSelected()).toBe('single');
    expect((form.getField('w4p.missouri.extraWithholding') as PDFTextField).getText()).toBe('$25.00');
    expect((form.getField('w4p.startDate') as PDFTextField).getText()).toBe('February 1, 2027');
  });
});
