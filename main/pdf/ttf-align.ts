// Work around a subsetting bug in @pdf-lib/fontkit 1.1.1: a subset small enough for a short
// `loca` table stores each glyph offset halved (`offset >>> 1`), which is only right when every
// glyph's data has an even length. Noto Sans has 1,300 odd-length glyphs (its long `loca` needs no
// padding), so a subset drew the wrong outlines or none: "MISSOURI" printed as "M    R".
// We rewrite the font once at load with every glyph padded to 4 bytes (zeros after a glyph's data
// are ignored by every rasterizer), a long `loca`, and fresh checksums.

type TableRecord = { tag: string; offset: number; length: number };

function tables(view: DataView): TableRecord[] {
  const count = view.getUint16(4);
  const out: TableRecord[] = [];
  for (let i = 0; i < count; i++) {
    const p = 12 + i * 16;
    const tag = String.fromCharCode(view.getUint8(p), view.getUint8(p + 1), view.getUint8(p + 2), view.getUint8(p + 3));
    out.push({ tag, offset: view.getUint32(p + 8), length: view.getUint32(p + 12) });
  }
  return out;
}

function checksum(data: Uint8Array): number {
  const padded = new Uint8Array((data.length + 3) & ~3);
  padded.set(data);
  const v = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

/** True when some glyph's data has an odd length (the fontkit subset would be corrupt). */
export function hasOddGlyphs(font: Uint8Array): boolean {
  const { offsets } = readLoca(font);
  for (let i = 0; i + 1 < offsets.length; i++) if (((offsets[i + 1] ?? 0) - (offsets[i] ?? 0)) % 2 !== 0) return true;
  return false;
}

function readLoca(font: Uint8Array): { offsets: number[]; recs: TableRecord[] } {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const recs = tables(view);
  const find = (tag: string): TableRecord => {
    const r = recs.find((t) => t.tag === tag);
    if (!r) throw new Error(`font: no ${tag} table`);
    return r;
  };
  const head = find('head');
  const maxp = find('maxp');
  const loca = find('loca');
  const longLoca = view.getInt16(head.offset + 50) === 1;
  const numGlyphs = view.getUint16(maxp.offset + 4);
  const offsets: number[] = [];
  for (let i = 0; i <= numGlyphs; i++) {
    offsets.push(longLoca ? view.getUint32(loca.offset + i * 4) : view.getUint16(loca.offset + i * 2) * 2);
  }
  return { offsets, recs };
}

/** The same TrueType font with every glyph padded to a multiple of 4 bytes and a long `loca`. */
export function alignGlyphs(font: Uint8Array): Uint8Array {
  const { offsets, recs } = readLoca(font);
  const glyfRec = recs.find((t) => t.tag === 'glyf');
  if (!glyfRec) throw new Error('font: no glyf table');

  const sizes = offsets.slice(0, -1).map((o, i) => ((offsets[i + 1] ?? o) - o + 3) & ~3);
  const glyf = new Uint8Array(sizes.reduce((s, n) => s + n, 0));
  const loca = new Uint8Array(offsets.length * 4);
  const locaView = new DataView(loca.buffer);
  let at = 0;
  offsets.slice(0, -1).forEach((o, i) => {
    const len = (offsets[i + 1] ?? o) - o;
    glyf.set(font.subarray(glyfRec.offset + o, glyfRec.offset + o + len), at);
    locaView.setUint32(i * 4, at);
    at += sizes[i] ?? 0;
  });
  locaView.setUint32((offsets.length - 1) * 4, at);

  const data = new Map<string, Uint8Array>();
  for (const r of recs) data.set(r.tag, font.slice(r.offset, r.offset + r.length));
  data.set('glyf', glyf);
  data.set('loca', loca);
  const head = data.get('head');
  if (!head) throw new Error('font: no head table');
  const headView = new DataView(head.buffer, head.byteOffset, head.byteLength);
  headView.setUint32(8, 0); // checkSumAdjustment, set below
  headView.setInt16(50, 1); // indexToLocFormat: long

  const tags = recs.map((r) => r.tag).sort();
  const headerSize = 12 + tags.length * 16;
  let size = headerSize;
  for (const t of tags) size += ((data.get(t)?.length ?? 0) + 3) & ~3;
  const out = new Uint8Array(size);
  const outView = new DataView(out.buffer);
  out.set(font.subarray(0, 12));
  outView.setUint16(4, tags.length);
  let offset = headerSize;
  tags.forEach((t, i) => {
    const d = data.get(t) ?? new Uint8Array();
    const p = 12 + i * 16;
    for (let k = 0; k < 4; k++) outView.setUint8(p + k, t.charCodeAt(k));
    outView.setUint32(p + 4, checksum(d));
    outView.setUint32(p + 8, offset);
    outView.setUint32(p + 12, d.length);
    out.set(d, offset);
    offset += (d.length + 3) & ~3;
  });
  const headOffset = outView.getUint32(12 + tags.indexOf('head') * 16 + 8);
  outView.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
