import { describe, expect, it } from 'vitest';
import { basisSchema, DEFAULT_BASIS_ID, getShippedBasis, netInterestRate, parseBasis, SHIPPED_BASIS_IDS } from '../../../shared/actuarial';

// BASIS.md "The basis object" and "Tables".

const valid = () => JSON.parse(JSON.stringify(getShippedBasis('SULT-5'))) as Record<string, unknown>;

describe('shipped bases', () => {
  it('BASIS default is ILLUSTRATIVE-SULT-7: SULT for member and spouse at 7%, no COLA, labelled "illustrative basis"', () => {
    const b = getShippedBasis(DEFAULT_BASIS_ID);
    expect(DEFAULT_BASIS_ID).toBe('ILLUSTRATIVE-SULT-7');
    expect(b.name).toContain('illustrative basis');
    expect([b.interestRate, b.colaRate, b.member.table, b.beneficiary.table]).toEqual(['0.07', undefined, 'SULT', 'SULT']);
  });
  it('BASIS other shipped bases: ILT-6 (ILT at 6%) and SULT-5 (SULT at 5%)', () => {
    expect([...SHIPPED_BASIS_IDS].sort()).toEqual(['ILLUSTRATIVE-SULT-7', 'ILT-6', 'SULT-5']);
    expect([getShippedBasis('ILT-6').member.table, getShippedBasis('ILT-6').interestRate]).toEqual(['ILT', '0.06']);
    expect([getShippedBasis('SULT-5').member.table, getShippedBasis('SULT-5').interestRate]).toEqual(['SULT', '0.05']);
  });
  it('BASIS timing, ages and pop-up: monthly annuity-due, UDD, pop-up', () => {
    for (const id of SHIPPED_BASIS_IDS) {
      const b = getShippedBasis(id);
      expect([b.timing, b.fractionalAges, b.popUp, b.version]).toEqual(['monthly-annuity-due', 'udd', true, 1]);
    }
  });
  it('an unknown basis id is refused', () => {
    expect(() => getShippedBasis('MOSERS-2030')).toThrow(/unknown basis "MOSERS-2030"/);
  });
});

describe('basis as plain JSON, validated and immutable', () => {
  it('BASIS serialisable: every shipped basis survives JSON and basisSchema unchanged', () => {
    for (const id of SHIPPED_BASIS_IDS) {
      const b = getShippedBasis(id);
      expect(parseBasis(JSON.parse(JSON.stringify(b)))).toEqual(b);
      expect(basisSchema.safeParse(b).success).toBe(true);
    }
  });
  it('BASIS immutable: a basis is deep-frozen and assignments throw', () => {
    const b = getShippedBasis('ILT-6');
    expect([Object.isFrozen(b), Object.isFrozen(b.member), Object.isFrozen(b.member.improvement)]).toEqual([true, true, true]);
    expect(() => {
      (b as { interestRate: string }).interestRate = '0.01';
    }).toThrow(TypeError);
  });
  it('BASIS mortality: male/female blend, multiplier, setback and generational scale are accepted', () => {
    const b = parseBasis({
      ...valid(),
      member: {
        table: { male: 'PubG-M', female: 'PubG-F', maleWeight: '0.75' },
        multiplier: '1.05',
        setback: -2,
        improvement: { projection: 'generational', scale: { male: 'MP-M', female: 'MP-F' }, baseYear: 2010 },
      },
    });
    expect(b.member.improvement).toEqual({ projection: 'generational', scale: { male: 'MP-M', female: 'MP-F' }, baseYear: 2010 });
  });

  const rejects = (patch: Record<string, unknown>, path: string) => {
    const r = basisSchema.safeParse({ ...valid(), ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  };
  it('invalid rates are refused: "7%", 1.2, negative COLA', () => {
    rejects({ interestRate: '7%' }, 'interestRate');
    rejects({ interestRate: '1.2' }, 'interestRate');
    rejects({ colaRate: '-0.01' }, 'colaRate');
  });
  it('invalid mortality is refused: weight above 1, zero multiplier, fractional setback, unknown key', () => {
    const m = valid().member as Record<string, unknown>;
    rejects({ member: { ...m, table: { male: 'A', female: 'B', maleWeight: '1.5' } } }, 'member.table.maleWeight');
    rejects({ member: { ...m, multiplier: '0' } }, 'member.multiplier');
    rejects({ member: { ...m, setback: 1.5 } }, 'member.setback');
    rejects({ member: { ...m, extra: 1 } }, 'member');
  });
  it('improvement consistency: static year before base year, male/female scale on a unisex table', () => {
    const m = valid().member as Record<string, unknown>;
    rejects({ member: { ...m, improvement: { projection: 'static', scale: 'MP', baseYear: 2010, year: 2005 } } }, 'member.improvement.year');
    rejects({ member: { ...m, improvement: { projection: 'generational', scale: { male: 'A', female: 'B' }, baseYear: 2010 } } }, 'member.improvement.scale');
  });
  it('identity: bad effective date, version 0, fixed timing/UDD/pop-up', () => {
    rejects({ effectiveDate: '2025-13-01' }, 'effectiveDate');
    rejects({ version: 0 }, 'version');
    rejects({ timing: 'annual' }, 'timing');
    rejects({ popUp: false }, 'popUp');
  });
});

describe('interest', () => {
  it('BASIS COLA folded in: net rate (1 + i)/(1 + c) − 1', () => {
    const b = parseBasis({ ...valid(), interestRate: '0.07', colaRate: '0.02' });
    expect(netInterestRate(b).toNumber()).toBeCloseTo(1.07 / 1.02 - 1, 15);
    expect(netInterestRate(b).times('1.02').plus('1.02').toFixed(30)).toBe('1.070000000000000000000000000000');
    expect(netInterestRate(getShippedBasis('SULT-5')).toString()).toBe('0.05');
  });
});
