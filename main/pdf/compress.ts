// Stream compression with Node's zlib. pdf-lib deflates every stream with pako (JavaScript); a
// packet has hundreds of small streams (one per field appearance), and pako's per-stream set-up
// was about 40% of the build time. Per document, not global: only our own PDFContext changes.
import { deflateSync } from 'node:zlib';
import { PDFContentStream, PDFName, PDFRawStream } from 'pdf-lib';
import type { PDFContext } from 'pdf-lib';

/** Streams shorter than this stay unencoded: deflate would not make them smaller. */
const MIN_DEFLATE = 200;

function bytesOf(contents: string | Uint8Array): Uint8Array {
  if (typeof contents !== 'string') return contents;
  const out = new Uint8Array(contents.length);
  for (let i = 0; i < contents.length; i++) out[i] = contents.charCodeAt(i) & 0xff;
  return out;
}

/** Fonts and CMaps embedded at save time are deflated natively. */
export function useNativeDeflate(context: PDFContext): void {
  context.flateStream = (contents, dict = {}) => context.stream(deflateSync(bytesOf(contents)), { ...dict, Filter: 'FlateDecode' });
}

/**
 * Re-encode every content stream (pages, field appearances) natively, just before saving. Nothing
 * may draw on the document afterwards: pages keep a reference to their old stream objects.
 */
export function compressContentStreams(context: PDFContext): void {
  const filter = PDFName.of('Filter');
  for (const [ref, obj] of context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFContentStream)) continue;
    const raw = obj.getUnencodedContents();
    const dict = obj.dict.clone(context);
    dict.delete(filter);
    dict.delete(PDFName.of('Length'));
    if (raw.length >= MIN_DEFLATE) {
      dict.set(filter, PDFName.of('FlateDecode'));
      context.assign(ref, PDFRawStream.of(dict, deflateSync(raw, { level: 1 })));
    } else {
      context.assign(ref, PDFRawStream.of(dict, raw));
    }
  }
}

/** A content stream from raw operator bytes, deflated natively unless tiny. */
export function rawContentStream(context: PDFContext, content: Uint8Array): PDFRawStream {
  if (content.length < MIN_DEFLATE) return PDFRawStream.of(context.obj({}), content);
  return PDFRawStream.of(context.obj({ Filter: 'FlateDecode' }), deflateSync(content, { level: 1 }));
}
