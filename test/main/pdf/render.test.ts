// Render every document with pdftoppm into /tmp/pdf-look/ (to look at the pages) and check what
// a machine can: every page has ink, nothing is drawn in the page margins (nothing ran off the
// page), and the fillable and flattened packets look the same.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEstimateAndElection, buildPacket } from '../../../main/pdf/packet';
import { EXAMPLE_NAMES, plainInput, richInput } from './fixtures';
import { renderGray, renderPng, type Gray } from './poppler';

export const LOOK_DIR = '/tmp/pdf-look';

/** The darkest pixel outside the printable area: the outer 24 points of each side. */
function marginInk(g: Gray): number {
  let min = 255;
  for (let y = 0; y < 792; y += 1) {
    for (let x = 0; x < 612; x += 1) {
      if (x >= 24 && x <= 588 && y >= 24 && y <= 768) continue;
      min = Math.min(min, g.at(x, y));
    }
  }
  return min;
}

function pageInk(g: Gray): number {
  let dark = 0;
  for (const p of g.pixels) if (p < 128) dark++;
  return dark;
}

describe.each(EXAMPLE_NAMES)('rendered pages of %s', (name) => {
  it('renders every document type with ink on every page and none in the margins', async () => {
    const dir = join(LOOK_DIR, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const allOpen = richInput(name);
    allOpen.member.process = null;
    const docs = {
      'estimate-election': (await buildEstimateAndElection(plainInput(name))).bytes,
      packet: (await buildPacket(richInput(name))).bytes,
      'packet-all-forms-flat': (await buildPacket(allOpen, { flatten: true })).bytes,
    };
    for (const [label, bytes] of Object.entries(docs)) {
      const files = renderPng(bytes, dir, label);
      expect(files.length).toBeGreaterThan(1);
      for (let page = 1; page <= files.length; page++) {
        const g = renderGray(bytes, page, 36);
        expect(marginInk(g), `${label} page ${page}: margins are blank`).toBeGreaterThan(240);
        expect(pageInk(g), `${label} page ${page}: has content`).toBeGreaterThan(200);
      }
    }
  });
});
