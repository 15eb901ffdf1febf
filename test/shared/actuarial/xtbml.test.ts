import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectXtbml, parseXtbml, XtbmlError } from '../../../shared/actuarial';
import { FIXTURES, readFixture } from './fixtures';

// BASIS.md "Importer" and its test fixtures.

const EXPECTED = {
  t2801: { identity: 2801, name: '2008 Applicable Mortality Table', kind: 'mortality', ages: [1, 120] },
  t3159: { identity: 3159, name: 'IRS 2016 Defined Benefit Static Mortality Tables', kind: 'mortality', ages: [1, 120] },
  t3399: { identity: 3399, name: 'PubG-2010 Female Retiree', kind: 'mortality', ages: [50, 120] },
  t3400: { identity: 3400, name: 'PubG-2010 Male Retiree', kind: 'mortality', ages: [50, 120] },
  t3403: { identity: 3403, name: 'Pub-2010 Female Contingent Survivor', kind: 'mortality', ages: [45, 120] },
  t3404: { identity: 3404, name: 'Pub-2010 Male Contingent Survivor', kind: 'mortality', ages: [45, 120] },
  t3609: { identity: 3609, name: 'Scale MP-2020 Female', kind: 'improvement', ages: [20, 120] },
  t3610: { identity: 3610, name: 'Scale MP-2020 Male', kind: 'improvement', ages: [20, 120] },
} as const;

describe('XTbML import of every fixture in ../shared/actuarial/tables', () => {
  it.each(FIXTURES)('BASIS importer: %s parses with its identity, name, kind and age range', (name) => {
    const t = parseXtbml(readFixture(name));
    const want = EXPECTED[name];
    expect([t.identity, t.name, t.kind, t.minAge, t.maxAge]).toEqual([want.identity, want.name, want.kind, ...want.ages]);
    if (t.kind === 'mortality') {
      expect(t.q).toHaveLength(t.maxAge - t.minAge + 1);
      expect(t.q.at(-1)?.toString()).toBe('1');
    } else {
      expect([t.minYear, t.maxYear]).toEqual([1951, 2036]);
      expect(t.rates).toHaveLength(101);
      expect(t.rates.every((row) => row.length === 86)).toBe(true);
    }
    expect(Object.isFrozen(t)).toBe(true);
  });

  const q65 = (name: 't3400' | 't3399' | 't3159') => {
    const t = parseXtbml(readFixture(name));
    return t.kind === 'mortality' ? t.q[65 - t.minAge]?.toString() : undefined;
  };
  it('BASIS spot value: PubG-2010 male retiree q65 = 0.00913 (t3400)', () => expect(q65('t3400')).toBe('0.00913'));
  it('BASIS spot value: PubG-2010 female retiree q65 = 0.00613 (t3399)', () => expect(q65('t3399')).toBe('0.00613'));
  it('BASIS spot value: IRS 2016 unisex q65 = 0.00888 (t3159)', () => expect(q65('t3159')).toBe('0.00888'));

  it('MP-2020 2-D values are read by age × year: female (t3609) age 20 in 1951 and age 120 in 2036', () => {
    const t = parseXtbml(readFixture('t3609'));
    if (t.kind !== 'improvement') throw new Error('expected a scale');
    expect(t.name).toBe('Scale MP-2020 Female');
    expect(t.rates[0]?.[0]?.toString()).toBe('0.0667');
    expect(t.rates[100]?.[85]?.toString()).toBe('0');
  });
  it('MP-2020 2-D values are read by age × year: male (t3610) age 20 in 1951 and age 120 in 2036', () => {
    const t = parseXtbml(readFixture('t3610'));
    if (t.kind !== 'improvement') throw new Error('expected a scale');
    expect(t.name).toBe('Scale MP-2020 Male');
    expect(t.rates[0]?.[0]?.toString()).toBe('-0.0149');
    expect(t.rates[100]?.[85]?.toString()).toBe('0');
  });
});

describe('inspectXtbml summaries', () => {
  it('1-D: t3400 summary has name, identity, axes, age range and q at 55, 65, 75', () => {
    expect(inspectXtbml(readFixture('t3400'))).toEqual({
      name: 'PubG-2010 Male Retiree',
      tableIdentity: 3400,
      contentType: 'Annuitant Mortality',
      kind: '1-D',
      axes: ['Age'],
      ageRange: { min: 50, max: 120 },
      yearRange: null,
      samples: [
        { age: 55, year: null, value: '0.00431' },
        { age: 65, year: null, value: '0.00913' },
        { age: 75, year: null, value: '0.02671' },
      ],
    });
  });
  it('2-D: t3610 summary has Age × Year axes, year range 1951–2036 and last-year rates', () => {
    const s = inspectXtbml(readFixture('t3610'));
    expect([s.kind, s.axes, s.ageRange, s.yearRange, s.tableIdentity]).toEqual(['2-D', ['Age', 'Year'], { min: 20, max: 120 }, { min: 1951, max: 2036 }, 3610]);
    expect(s.samples.map((x) => [x.age, x.year])).toEqual([[55, 2036], [65, 2036], [75, 2036]]);
  });
});

describe('malformed XTbML throws XtbmlError naming the problem, never a partial table', () => {
  const t3400 = readFixture('t3400');
  const t3609 = readFixture('t3609');
  const bad = (xml: string, message: RegExp) => {
    expect(() => parseXtbml(xml)).toThrow(XtbmlError);
    expect(() => parseXtbml(xml)).toThrow(message);
  };

  it('truncated fixture: unclosed element reported', () => {
    bad(t3400.slice(0, Math.floor(t3400.length / 2)), /not well-formed XML: line \d+: unexpected end of document/);
  });
  it('truncated fixture after a whole element: the open <Axis> is named', () => {
    bad(t3400.slice(0, t3400.indexOf('<Y t="80">')), /unexpected end of document: <Axis> opened on line \d+ is not closed/);
  });
  it('truncated 2-D fixture mid-tag', () => {
    bad(t3609.slice(0, t3609.indexOf('<Y t="2000">', 100_000) + 5), /not well-formed XML: line \d+: unexpected end of document inside <Y>/);
  });
  it('corrupt value: age 65 "0.0O913" is not a number', () => {
    bad(t3400.replace('<Y t="65">0.00913</Y>', '<Y t="65">0.0O913</Y>'), /age 65: "0\.0O913" is not a number \(<Y> on line \d+\)/);
  });
  it('missing value: empty <Y t="65">', () => {
    bad(t3400.replace('<Y t="65">0.00913</Y>', '<Y t="65"></Y>'), /age 65: missing value/);
  });
  it('duplicate age: a second <Y t="65">', () => {
    bad(t3400.replace('<Y t="65">0.00913</Y>', '<Y t="65">0.00913</Y><Y t="65">0.00913</Y>'), /age 65 appears twice/);
  });
  it('gap: age 66 removed', () => {
    bad(t3400.replace('<Y t="66">0.01003</Y>', ''), /no value for age 66 \(<AxisDef> declares 50–120\)/);
  });
  it('age outside the declared axis range', () => {
    bad(t3400.replace('<Y t="65">', '<Y t="130">'), /age 130 is outside the range 50–120/);
  });
  it('q outside [0, 1]: 1.5 and −0.1', () => {
    bad(t3400.replace('<Y t="65">0.00913</Y>', '<Y t="65">1.5</Y>'), /age 65: 1\.5 is outside \[0, 1\]/);
    bad(t3400.replace('<Y t="65">0.00913</Y>', '<Y t="65">-0.1</Y>'), /age 65: -0\.1 is outside \[0, 1\]/);
  });
  it('not XTbML: other root, empty input, plain text', () => {
    bad('<html><body/></html>', /not an XTbML document: the root element is <html>/);
    bad('', /no root element/);
    bad('hello', /text outside the root element/);
  });
  it('mismatched closing tag', () => {
    bad(t3400.replace('<Y t="65">0.00913</Y>', '<Y t="65">0.00913</X>'), /closing tag <\/X> does not match <Y>/);
  });
  it('missing <TableName> and non-numeric <TableIdentity>', () => {
    bad(t3400.replace(/<TableName>[^<]*<\/TableName>/, ''), /<ContentClassification> has no <TableName>/);
    bad(t3400.replace('<TableIdentity>3400<', '<TableIdentity>x3400<'), /TableIdentity "x3400" is not a whole number/);
  });
  it('unsupported ScalingFactor and axes are refused', () => {
    bad(t3400.replace('<ScalingFactor>0<', '<ScalingFactor>3<'), /ScalingFactor 3 is not supported/);
    bad(t3400.replace('<AxisDef id="Age">', '<AxisDef id="Duration">'), /axis "Duration" is not supported/);
  });
  it('2-D corrupt rate names age and year', () => {
    const row = t3609.indexOf('<Axis t="65">');
    const at = t3609.indexOf('<Y t="2020">', row);
    const end = t3609.indexOf('</Y>', at);
    bad(t3609.slice(0, at) + '<Y t="2020">abc' + t3609.slice(end), /year 2020 \(age 65\): "abc" is not a number/);
  });
  it('2-D missing age row', () => {
    const start = t3609.indexOf('<Axis t="65">');
    const end = t3609.indexOf('<Axis t="66">');
    bad(t3609.slice(0, start) + t3609.slice(end), /no value for age 65/);
  });
  it('entities: predefined and numeric references decode; unknown or out-of-range ones are refused', () => {
    const named = t3400.replace('PubG-2010 Male Retiree</TableName>', 'PubG&#x2d;2010 &amp; &#77;ale</TableName>');
    expect(parseXtbml(named).name).toBe('PubG-2010 & Male');
    bad(t3400.replace('PubG-2010 Male Retiree</TableName>', 'A &nbsp; B</TableName>'), /unknown or malformed entity reference/);
    bad(t3400.replace('PubG-2010 Male Retiree</TableName>', '&#x110000;</TableName>'), /character reference out of range/);
  });
  it('fuzz: any one-character deletion or insertion in t3400 gives a whole table or an XtbmlError (fast-check)', () => {
    fc.assert(
      fc.property(fc.nat({ max: t3400.length - 1 }), fc.constantFrom('', '<', '>', '&', '"', 'x', '9', '/'), (at, ch) => {
        const xml = t3400.slice(0, at) + ch + t3400.slice(at + (ch === '' ? 1 : 0));
        try {
          const t = parseXtbml(xml);
          expect(t.kind === 'mortality' && t.q.length === t.maxAge - t.minAge + 1).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(XtbmlError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
