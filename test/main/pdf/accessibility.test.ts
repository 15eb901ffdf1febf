// Issue 15 (PDF): every AcroForm field of every document has a tooltip in words (/TU), every
// radio button and check box widget says what marking it means (/Contents), the catalog names the
// language (/Lang en-US) and asks viewers to show the Title (DisplayDocTitle). Read back with pdf-lib.
import { PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildPacket } from '../../../main/pdf/packet';
import { EXAMPLE_NAMES, plainInput, richInput } from './fixtures';

function text(v: unknown): string | null {
  return v instanceof PDFHexString || v instanceof PDFString ? v.decodeText() : null;
}

async function tooltips(bytes: Uint8Array): Promise<{ doc: PDFDocument; fields: { name: string; tu: string | null; widgets: (string | null)[] }[] }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const fields = doc.getForm().getFields().map((f) => ({
    name: f.getName(),
    tu: text(f.acroField.dict.get(PDFName.of('TU'))),
    widgets: f.acroField.getWidgets().map((w) => text(w.dict.get(PDFName.of('Contents')))),
  }));
  return { doc, fields };
}

describe('accessible PDFs: tooltips, language, title (issue 15)', () => {
  it.each(EXAMPLE_NAMES)('%s: every field of the packet has a tooltip in words; /Lang en-US; DisplayDocTitle', async (name) => {
    const r = await buildPacket(richInput(name), { createdAt: '2026-12-03T10:00:00.000Z' });
    const { doc, fields } = await tooltips(r.bytes);
    expect(doc.catalog.get(PDFName.of('Lang'))).toEqual(PDFString.of('en-US'));
    const vp = doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(vp.get(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
    for (const f of fields) {
      expect(f.tu, f.name).not.toBeNull();
      // Words, not the field's dotted name.
      expect(f.tu, f.name).not.toBe(f.name);
      expect(f.tu, f.name).not.toMatch(/[a-z]\.[a-z]|\[\d\]/);
      for (const c of f.widgets) expect(c, f.name).toMatch(/\S/);
    }
  });

  it('the first example packet (msep-both-plans): beneficiary rows, radio options and check boxes are named in words', async () => {
    const name = EXAMPLE_NAMES[0] ?? '';
    const { fields } = await tooltips((await buildPacket(richInput(name), { createdAt: '2026-12-03T10:00:00.000Z' })).bytes);
    const by = new Map(fields.map((f) => [f.name, f]));
    expect(by.get('election.beneficiary.primary[0].name')?.tu).toBe('Primary beneficiary 1: name');
    expect(by.get('election.beneficiary.primary[0].relationship')?.tu).toBe('Primary beneficiary 1: relationship');
    expect(by.get('election.beneficiary.contingent[1].share')?.tu).toBe('Contingent beneficiary 2: share');
    // A radio group's options: "<group>: <option>" on each widget.
    const option = by.get('election.option');
    expect(option?.tu).toMatch(/\w/);
    expect(option?.widgets.some((c) => c?.startsWith(`${option.tu}: LIFE`))).toBe(true);
    expect(by.get('election.plan')?.tu).toBe('Plan');
    // Radio states and check-box states in words (issue 15: "Married: yes").
    expect(by.get('application.maritalStatus')?.widgets).toEqual(['Marital status: Married', 'Marital status: Not married']);
    const box = fields.find((f) => f.name === 'application.proof.marriageCertificate');
    expect(box?.tu).toBe('Marriage: Marriage certificate attached');
    expect(box?.widgets).toEqual(['Marriage: Marriage certificate attached: yes']);
    expect(by.get('beneficiaries.lifeInsurance.primary[1].ssn')?.tu).toBe('Primary 2: Social Security number');
    // Tooltips of one document are unique, so a screen reader never reads two fields alike.
    const election = fields.filter((f) => f.name.startsWith('election.')).map((f) => f.tu);
    expect(new Set(election).size).toBe(election.length);
  });

  it('the plain (case-file) estimate and election form get the same', async () => {
    const name = EXAMPLE_NAMES[0] ?? '';
    const { doc, fields } = await tooltips((await buildPacket(plainInput(name), {})).bytes);
    expect(doc.catalog.get(PDFName.of('Lang'))).toEqual(PDFString.of('en-US'));
    expect(fields.length).toBeGreaterThan(0);
    for (const f of fields) expect(f.tu, f.name).toMatch(/\w/);
  });
});
