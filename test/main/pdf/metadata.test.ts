// Issue 12 item 11: the PDF's metadata names no member (the Title carries the member ID), the
// trailer has an ID, the creation date is the instant of the build, and subsets are tagged.
import type { PDFHexString } from 'pdf-lib';
import { PDFArray, PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildPacket } from '../../../main/pdf/packet';
import { richInput } from './fixtures';
import { pdffonts } from './poppler';

describe('PDF metadata', () => {
  it('Title with the member ID and no name; a trailer ID; the creation date; tagged subsets', async () => {
    const input = richInput('msep2000-rule80-backdrop');
    const createdAt = '2026-11-23T15:04:05.000Z';
    const r = await buildPacket(input, { flatten: true, createdAt });
    const doc = await PDFDocument.load(r.bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe('MOSERS Retirement Appointment Packet — M0207731');
    for (const part of [input.member.firstName, input.member.lastName]) expect(doc.getTitle()).not.toContain(part);
    expect(doc.getCreationDate()?.toISOString()).toBe(createdAt);
    const id = doc.context.trailerInfo.ID;
    expect(id).toBeInstanceOf(PDFArray);
    const halves = (id as PDFArray).asArray().map((x) => (x as PDFHexString).asString());
    expect(halves).toHaveLength(2);
    expect(halves[0]).toMatch(/^[0-9a-f]{32}$/);
    for (const f of pdffonts(r.bytes)) expect(f.name).toMatch(/^[A-Z]{6}\+NotoSans-/);
    // The same build at the same instant is the same bytes; another instant, another ID.
    const again = await buildPacket(input, { flatten: true, createdAt });
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(r.bytes))).toBe(0);
    const later = await PDFDocument.load((await buildPacket(input, { flatten: true, createdAt: '2026-11-24T09:00:00.000Z' })).bytes, { updateMetadata: false });
    expect(((later.context.trailerInfo.ID as PDFArray).get(0) as PDFHexString).asString()).not.toBe(halves[0]);
  });
});
