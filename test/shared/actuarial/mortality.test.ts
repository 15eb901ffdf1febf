import { describe, expect, it } from 'vitest';
import { buildMortality, Decimal, formulaTable, getShippedBasis, monthlySurvival, parseBasis, tableResolver } from '../../../shared/actuarial';
import type { MortalityTable } from '../../../shared/actuarial';
import { importedTables, pubgBasis } from './fixtures';

// BASIS.md "The basis object": mortality, improvement, fractional ages.

const qOf = (t: MortalityTable, age: number) => t.q[age - t.minAge];
const close = (a: Decimal | undefined, b: Decimal) => expect(a?.minus(b).abs().lt('1e-36')).toBe(true);
const withMember = (member: Record<string, unknown>) =>
  parseBasis({ ...JSON.parse(JSON.stringify(getShippedBasis('ILT-6'))), member: { multiplier: '1', setback: 0, improvement: { projection: 'none' }, ...member } });

describe('q′(x) = k·q(x + s) and the unisex blend', () => {
  const ilt = formulaTable('ILT');
  const sult = formulaTable('SULT');
  it('BASIS multiplier k = 1.1 and s = −2: q′(60) = 1.1·q_ILT(58)', () => {
    const t = buildMortality(withMember({ table: 'ILT', multiplier: '1.1', setback: -2 })).member.forLife(60, 2025);
    expect(qOf(t, 60)?.toString()).toBe(ilt.q[58]?.times('1.1').toString());
    const plain = buildMortality(withMember({ table: 'ILT', setback: -2 })).member.forLife(60, 2025);
    expect([plain.maxAge, qOf(plain, 122)?.toString()]).toEqual([122, '1']);
  });
  it('BASIS setback s = +3 ends the life table 3 years earlier, with q = 1 there', () => {
    const t = buildMortality(withMember({ table: 'ILT', setback: 3 })).member.forLife(60, 2025);
    expect([t.maxAge, qOf(t, 117)?.toString(), qOf(t, 116)?.eq(ilt.q[119] ?? 0)]).toEqual([117, '1', true]);
  });
  it('BASIS unisex weight: q = w·q_male + (1 − w)·q_female with w = 0.3', () => {
    const t = buildMortality(withMember({ table: { male: 'ILT', female: 'SULT', maleWeight: '0.3' } })).member.forLife(65, 2025);
    const want = ilt.q[65]?.times('0.3').plus(sult.q[65]?.times('0.7') ?? 0);
    expect(qOf(t, 65)?.toString()).toBe(want?.toString());
  });
  it('q is capped at 1 and the table ends at the first q = 1', () => {
    const t = buildMortality(withMember({ table: 'ILT', multiplier: '5' })).member.forLife(60, 2025);
    expect(t.q.at(-1)?.toString()).toBe('1');
    expect(t.q.slice(0, -1).every((q) => q.lt(1))).toBe(true);
    expect(t.maxAge).toBeLessThan(120);
  });
});

describe('improvement scales (PubG-2010 male with MP-2020 male)', () => {
  const tables = importedTables();
  const resolve = tableResolver(tables);
  const mp = tables['MP-2020-M'];
  const rate = (age: number, year: number) => (mp?.kind === 'improvement' ? mp.rates[age - 20]?.[Math.min(year, 2036) - 1951] : undefined) ?? new Decimal(NaN);
  const improved = (q: string, age: number, year: number) => {
    let f = new Decimal(q);
    for (let y = 2011; y <= year; y++) f = f.times(new Decimal(1).minus(rate(age, y)));
    return f;
  };
  it('BASIS static projection to 2030: q(65) = 0.00913·Π_{2011..2030}(1 − MP(65, y)) at every start year', () => {
    const m = buildMortality(pubgBasis('static'), resolve).member;
    expect(m.generational).toBe(false);
    close(qOf(m.forLife(65, 2025), 65), improved('0.00913', 65, 2030));
    expect(m.forLife(65, 2040)).toBe(m.forLife(60, 2020));
  });
  it('BASIS generational: a life 65 at R in 2025 uses q(65, 2025), then q(66, 2026)', () => {
    const t = buildMortality(pubgBasis(), resolve).member.forLife(65, 2025);
    close(qOf(t, 65), improved('0.00913', 65, 2025));
    close(qOf(t, 66), improved('0.01003', 66, 2026));
  });
  it('MP-2020: years after 2036 repeat the 2036 rate (age 90 in 2050)', () => {
    const t = buildMortality(pubgBasis(), resolve).member.forLife(65, 2025);
    const base = tables['PubG-2010-M'];
    close(qOf(t, 90), improved(base?.kind === 'mortality' ? String(base.q[90 - 50]) : 'NaN', 90, 2050));
  });
  it('errors: unknown table, a scale used as a table, age below the table, start year before the base year', () => {
    expect(() => buildMortality(withMember({ table: 'NOPE' }))).toThrow(/member: unknown table "NOPE"/);
    expect(() => buildMortality(withMember({ table: 'MP-2020-M' }), resolve)).toThrow(/"MP-2020-M" is not a mortality table/);
    expect(() => buildMortality(pubgBasis(), resolve).member.forLife(45, 2025)).toThrow(/age 45 is outside the table's ages 50–120/);
    expect(() => buildMortality(pubgBasis(), resolve).member.forLife(65, 2005)).toThrow(/year 2005 is before the improvement base year 2010/);
  });
});

describe('monthly survival under UDD from exact fractional ages', () => {
  const sult = formulaTable('SULT');
  const q58 = sult.q[58] ?? new Decimal(NaN);
  it('BASIS 58y6m is age 58.5: (6/12)p = (1 − q58)/(1 − 0.5·q58) and (3/12)p = (1 − 0.75·q58)/(1 − 0.5·q58)', () => {
    const p = monthlySurvival(sult, { years: 58, months: 6 });
    const l = (t: string) => new Decimal(1).minus(q58.times(t));
    expect(p[0]?.toString()).toBe('1');
    expect(p[3]?.minus(l('0.75').div(l('0.5'))).abs().lt('1e-35')).toBe(true);
    expect(p[6]?.minus(new Decimal(1).minus(q58).div(l('0.5'))).abs().lt('1e-35')).toBe(true);
  });
  it('BASIS end of table: survival runs to age 121 (q = 1 at 120) and ends with 0', () => {
    const p = monthlySurvival(sult, { years: 58, months: 6 });
    expect(p).toHaveLength(12 * (121 - 58) - 6 + 1);
    expect([p.at(-1)?.toString(), p.at(-2)?.gt(0)]).toEqual(['0', true]);
  });
  it('ages are completed years and months 0–11', () => {
    expect(() => monthlySurvival(sult, { years: 58, months: 12 })).toThrow(RangeError);
    expect(() => monthlySurvival(sult, { years: 58.5, months: 0 })).toThrow(RangeError);
    expect(() => monthlySurvival(sult, { years: 121, months: 0 })).toThrow(/outside the mortality table's ages 0–120/);
  });
});
