// Draw the application icon and write every file the installers need, with no image tools:
//   assets/icon.png          512×512 (the master referenced by docs and the window)
//   assets/icons/NxN.png     16…512, the Linux icon set (AppImage, deb)
//   assets/icon.ico          16…256, PNG-compressed entries (Windows, NSIS)
//   assets/icon.icns         16…1024, PNG entries (macOS, dmg)
// The picture: a white portico (a public institution) on the theme's navy, with a gold step.
// `node scripts/make-icons.mjs`; the output is deterministic.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const ASSETS = resolve(import.meta.dirname, '../assets');

const NAVY_TOP = [0x17, 0x55, 0x92];
const NAVY_BOTTOM = [0x0b, 0x3d, 0x6e];
const WHITE = [0xff, 0xff, 0xff];
const GOLD = [0xd4, 0xa7, 0x2c];

// Shapes in a unit square (x right, y down).
const RADIUS = 0.2;
const MARGIN = 0.04;

function inRoundedSquare(x, y) {
  const lo = MARGIN + RADIUS;
  const hi = 1 - MARGIN - RADIUS;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return x >= MARGIN && x <= 1 - MARGIN && y >= MARGIN && y <= 1 - MARGIN && (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
}

const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

function triangle(ax, ay, bx, by, cx, cy) {
  const sign = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  return (x, y) => {
    const d1 = sign(x, y, ax, ay, bx, by);
    const d2 = sign(x, y, bx, by, cx, cy);
    const d3 = sign(x, y, cx, cy, ax, ay);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };
}

const COLUMNS = [0.285, 0.405, 0.525, 0.645].map((x0) => rect(x0, 0.425, x0 + 0.07, 0.69));
const PORTICO = [
  triangle(0.5, 0.2, 0.2, 0.355, 0.8, 0.355),
  rect(0.22, 0.37, 0.78, 0.41),
  ...COLUMNS,
  rect(0.23, 0.705, 0.77, 0.74),
];
const STEP = rect(0.19, 0.755, 0.81, 0.795);

function colourAt(x, y) {
  if (!inRoundedSquare(x, y)) return null;
  if (PORTICO.some((inside) => inside(x, y))) return WHITE;
  if (STEP(x, y)) return GOLD;
  const t = (y - MARGIN) / (1 - 2 * MARGIN);
  return NAVY_TOP.map((c, i) => c + (NAVY_BOTTOM[i] - c) * t);
}

/** RGBA pixels, 4×4 supersampled so every edge is anti-aliased. */
export function drawIcon(size) {
  const S = 4;
  const px = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let pxi = 0; pxi < size; pxi++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = colourAt((pxi + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + pxi) * 4;
      if (a > 0) {
        px[o] = Math.round(r / a);
        px[o + 1] = Math.round(g / a);
        px[o + 2] = Math.round(b / a);
        px[o + 3] = Math.round((255 * a) / (S * S));
      }
    }
  }
  return px;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A truecolour-with-alpha PNG of square RGBA pixels. */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO whose entries are PNGs (Windows Vista and later). */
function encodeIco(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.png)]);
}

/** An ICNS of PNG entries, keyed by Apple's OSType for each pixel size. */
function encodeIcns(entries) {
  const parts = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

function main() {
  const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
  const png = new Map(sizes.map((s) => [s, encodePng(s, drawIcon(s))]));
  mkdirSync(join(ASSETS, 'icons'), { recursive: true });
  writeFileSync(join(ASSETS, 'icon.png'), png.get(512));
  for (const s of [16, 24, 32, 48, 64, 128, 256, 512]) writeFileSync(join(ASSETS, 'icons', `${s}x${s}.png`), png.get(s));
  writeFileSync(join(ASSETS, 'icon.ico'), encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: png.get(size) }))));
  const icns = [
    ['icp4', 16],
    ['icp5', 32],
    ['ic11', 32],
    ['icp6', 64],
    ['ic12', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic13', 256],
    ['ic09', 512],
    ['ic14', 512],
    ['ic10', 1024],
  ];
  writeFileSync(join(ASSETS, 'icon.icns'), encodeIcns(icns.map(([type, size]) => ({ type, png: png.get(size) }))));
  process.stderr.write(`icons written to ${ASSETS}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
