// poppler-utils for the document tests: text (pdftotext), fonts (pdffonts) and pixels (pdftoppm).
// A missing tool fails the test with a clear message; nothing is skipped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const work = mkdtempSync(join(tmpdir(), 'pdf-test-'));
let n = 0;

function run(tool: string, args: string[]): string {
  const p = spawnSync(tool, args, { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
  if (p.error && (p.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} is not installed: the PDF tests need poppler-utils (apt-get install -y poppler-utils)`);
  }
  if (p.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${p.status}): ${p.stderr}`);
  return p.stdout;
}

export function pdfFile(bytes: Uint8Array, name = `doc-${n++}.pdf`): string {
  const file = join(work, name);
  writeFileSync(file, bytes);
  return file;
}

/** The text of the whole document or of pages `first`..`last` (1-based), UTF-8. */
export function pdftotext(bytes: Uint8Array | string, pages?: { first: number; last: number }): string {
  const file = typeof bytes === 'string' ? bytes : pdfFile(bytes);
  const out = join(work, `text-${n++}.txt`);
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  run('pdftotext', ['-enc', 'UTF-8', ...range, file, out]);
  return readFileSync(out, 'utf8');
}

/** Text with all whitespace runs as one space, for phrase searches across line breaks. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

export type Word = { text: string; xMin: number; yMin: number; xMax: number; yMax: number };

/** Each word of a page with its box in points, origin at the top left (pdftotext -bbox). */
export function pdfWords(bytes: Uint8Array | string, page: number): Word[] {
  const file = typeof bytes === 'string' ? bytes : pdfFile(bytes);
  const out = join(work, `bbox-${n++}.html`);
  run('pdftotext', ['-enc', 'UTF-8', '-bbox', '-f', String(page), '-l', String(page), file, out]);
  const html = readFileSync(out, 'utf8');
  const words: Word[] = [];
  const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(re)) {
    const text = (m[5] ?? '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    words.push({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text });
  }
  return words;
}

/** The fonts listed by pdffonts: name, embedded. */
export function pdffonts(bytes: Uint8Array): { name: string; embedded: boolean }[] {
  const out = run('pdffonts', [pdfFile(bytes)]);
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim().length > 0)
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      const emb = cols[cols.length - 5];
      return { name: cols[0] ?? '', embedded: emb === 'yes' };
    });
}

export type Gray = { width: number; height: number; dpi: number; at(xPt: number, yPtFromBottom: number): number; pixels: Uint8Array };

/** A page rendered in gray (0 black … 255 white) by pdftoppm, addressed in PDF points. */
export function renderGray(bytes: Uint8Array | string, page: number, dpi = 72): Gray {
  const file = typeof bytes === 'string' ? bytes : pdfFile(bytes);
  const prefix = join(work, `gray-${n++}`);
  run('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  const data = readFileSync(`${prefix}.pgm`);
  // P5 header: "P5\n<w> <h>\n255\n"
  const header = data.subarray(0, 40).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('pdftoppm: not a PGM file');
  const width = Number(m[1]);
  const height = Number(m[2]);
  const pixels = data.subarray(m[0].length);
  const scale = dpi / 72;
  const pageHeightPx = height;
  return {
    width,
    height,
    dpi,
    pixels,
    at(xPt: number, yPt: number): number {
      const x = Math.min(width - 1, Math.max(0, Math.round(xPt * scale)));
      const y = Math.min(height - 1, Math.max(0, Math.round(pageHeightPx - yPt * scale)));
      return pixels[y * width + x] ?? 255;
    },
  };
}

/** The darkest pixel inside a rectangle given in PDF points. */
export function darkest(g: Gray, r: { x: number; y: number; width: number; height: number }, inset = 0): number {
  let min = 255;
  const scale = g.dpi / 72;
  for (let y = r.y + inset; y <= r.y + r.height - inset; y += 1 / scale) {
    for (let x = r.x + inset; x <= r.x + r.width - inset; x += 1 / scale) min = Math.min(min, g.at(x, y));
  }
  return min;
}

/** Render every page to PNG files `<prefix>-N.png` in `dir` (for looking at the pages). */
export function renderPng(bytes: Uint8Array, dir: string, prefix: string, dpi = 60): string[] {
  const file = pdfFile(bytes, `${prefix}.pdf`);
  run('pdftoppm', ['-png', '-r', String(dpi), file, join(dir, prefix)]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .map((f) => join(dir, f));
}
