// Packets for a field-session roster, with progress (done, total) after each.
import { describe, expect, it } from 'vitest';
import { buildRosterPackets } from '../../../main/pdf/packet';
import { EXAMPLE_NAMES, richInput } from './fixtures';
import { flat, pdftotext } from './poppler';

describe('buildRosterPackets', () => {
  it('builds one packet per member, in order, reporting progress after each', async () => {
    const inputs = EXAMPLE_NAMES.map((name, i) => {
      const input = richInput(name);
      input.member.fullName = `Roster Member ${i + 1}`;
      return input;
    });
    const progress: string[] = [];
    const packets = await buildRosterPackets(inputs, ({ done, total }) => progress.push(`${done}/${total}`), { flatten: true });
    expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(packets).toHaveLength(4);
    packets.forEach((p, i) => {
      expect(p.documents[0]?.kind).toBe('cover');
      const cover = p.documents[0];
      const first = flat(pdftotext(p.bytes, { first: 1, last: 1 }));
      expect(first).toContain(`Page 1 of ${(cover?.lastPage ?? 0) - (cover?.firstPage ?? 0) + 1}`);
      expect(first).toContain(`Roster Member ${i + 1}`);
    });
  });
});
