import { readFileSync } from 'node:fs';
import { parseBasis, parseXtbml } from '../../../shared/actuarial';
import type { Basis, XtbmlTable } from '../../../shared/actuarial';

/** XTbML fixtures, read straight from ../shared (BASIS.md: never copied into the repository). */
export const TABLES_DIR = new URL('../../../../shared/actuarial/tables/', import.meta.url);

export const FIXTURES = ['t2801', 't3159', 't3399', 't3400', 't3403', 't3404', 't3609', 't3610'] as const;
export type Fixture = (typeof FIXTURES)[number];

export function readFixture(name: Fixture): string {
  return readFileSync(new URL(`${name}.xml`, TABLES_DIR), 'utf8');
}

/** Imported tables under the references a basis uses: PubG-2010 retiree and MP-2020, by sex. */
export function importedTables(): Record<string, XtbmlTable> {
  return {
    'PubG-2010-M': parseXtbml(readFixture('t3400')),
    'PubG-2010-F': parseXtbml(readFixture('t3399')),
    'MP-2020-M': parseXtbml(readFixture('t3610')),
    'MP-2020-F': parseXtbml(readFixture('t3609')),
  };
}

/** A basis on PubG-2010 retiree tables with scale MP-2020 (BASIS.md importer example). */
export function pubgBasis(projection: 'generational' | 'static' = 'generational', interestRate = '0.07'): Basis {
  const life = (sex: 'M' | 'F') => ({
    table: `PubG-2010-${sex}`,
    multiplier: '1',
    setback: 0,
    improvement:
      projection === 'generational'
        ? { projection, scale: `MP-2020-${sex}`, baseYear: 2010 }
        : { projection, scale: `MP-2020-${sex}`, baseYear: 2010, year: 2030 },
  });
  return parseBasis({
    id: `PUBG-MP2020-${projection.toUpperCase()}`,
    name: `PubG-2010 retiree with MP-2020 (${projection})`,
    version: 1,
    effectiveDate: '2025-07-01',
    source: 'SOA mort.soa.org tables 3399, 3400, 3609, 3610',
    interestRate,
    member: life('M'),
    beneficiary: life('F'),
    timing: 'monthly-annuity-due',
    fractionalAges: 'udd',
    popUp: true,
  });
}
