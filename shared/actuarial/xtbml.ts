import { Decimal, ONE, ZERO } from './decimal';
import { improvementScale, mortalityTable } from './tables';
import type { ImprovementScale, MortalityTable } from './tables';
import { parseXml, XmlSyntaxError } from './xml';
import type { XmlElement } from './xml';

/** A malformed or unsupported XTbML file; the message names the element, age or year at fault. */
export class XtbmlError extends Error {
  override readonly name = 'XtbmlError';
}

export type XtbmlHeader = {
  /** `<TableIdentity>`, the mort.soa.org table number. */
  readonly identity: number;
  readonly name: string;
  readonly contentType: string | null;
};

/** An imported table: a 1-D mortality table by age, or a 2-D improvement scale by age × year. */
export type XtbmlTable = (MortalityTable | ImprovementScale) & XtbmlHeader;

type AxisDef = { label: 'age' | 'year'; min: number; max: number };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function fail(message: string, el?: XmlElement): never {
  throw new XtbmlError(el ? `${message} (<${el.name}> on line ${el.line})` : message);
}

function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

function optionalChild(el: XmlElement, name: string): XmlElement | undefined {
  const found = children(el, name);
  if (found.length > 1) fail(`<${name}> appears ${found.length} times in <${el.name}>`, found[1]);
  return found[0];
}

function child(el: XmlElement, name: string): XmlElement {
  return optionalChild(el, name) ?? fail(`<${el.name}> has no <${name}>`, el);
}

function text(el: XmlElement, name: string): string {
  const t = child(el, name).text.trim();
  return t === '' ? fail(`<${name}> is empty`, child(el, name)) : t;
}

function integer(raw: string, what: string, el: XmlElement): number {
  const n = /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  return Number.isSafeInteger(n) ? n : fail(`${what} "${raw}" is not a whole number`, el);
}

function axisDef(el: XmlElement): AxisDef {
  const name = (el.attrs.get('id') ?? text(el, 'AxisName')).trim();
  const label = name.toLowerCase();
  if (label !== 'age' && label !== 'year') fail(`axis "${name}" is not supported (only Age, and Age × Year scales)`, el);
  const min = integer(text(el, 'MinScaleValue'), 'MinScaleValue', el);
  const max = integer(text(el, 'MaxScaleValue'), 'MaxScaleValue', el);
  const increment = optionalChild(el, 'Increment');
  if (increment && integer(increment.text, 'Increment', increment) !== 1) fail(`axis ${name}: only an increment of 1 is supported`, increment);
  if (max < min) fail(`axis ${name}: MaxScaleValue ${max} is below MinScaleValue ${min}`, el);
  return { label, min, max };
}

/**
 * The values of `<Y t="…">` children (or of `<Axis t="…">` children for the outer axis of a 2-D
 * table), one for every t in the declared range: no gap, no duplicate, nothing outside it.
 */
function series<T>(parent: XmlElement, tag: string, def: AxisDef, where: string, read: (el: XmlElement, at: string) => T): T[] {
  const out: (T | undefined)[] = new Array<T | undefined>(def.max - def.min + 1).fill(undefined);
  for (const el of parent.children) {
    if (el.name !== tag) fail(`unexpected <${el.name}> in <${parent.name}>${where}`, el);
    const raw = el.attrs.get('t') ?? fail(`<${tag}> without a t attribute${where}`, el);
    const t = integer(raw, `${def.label} t=`, el);
    const at = `${def.label} ${t}${where}`;
    if (t < def.min || t > def.max) fail(`${at} is outside the range ${def.min}–${def.max} declared in <AxisDef>`, el);
    if (out[t - def.min] !== undefined) fail(`${at} appears twice`, el);
    out[t - def.min] = read(el, at);
  }
  return out.map((v, i) => v ?? fail(`no value for ${def.label} ${def.min + i}${where} (<AxisDef> declares ${def.min}–${def.max})`, parent));
}

function value(el: XmlElement, at: string, check: (v: Decimal) => boolean, range: string): Decimal {
  if (el.children.length > 0) fail(`${at}: <${el.name}> holds elements, not a value`, el);
  const raw = el.text.trim();
  if (raw === '') fail(`${at}: missing value`, el);
  if (!NUMBER.test(raw)) fail(`${at}: "${raw}" is not a number`, el);
  const v = new Decimal(raw);
  return check(v) ? v : fail(`${at}: ${raw} is outside ${range}`, el);
}

const isQ = (v: Decimal): boolean => v.gte(ZERO) && v.lte(ONE);
const isRate = (v: Decimal): boolean => v.gt(-1) && v.lt(ONE);

/**
 * Parses an SOA XTbML file (mort.soa.org; IRS §417(e) tables): a 1-D table of q by age, or a
 * 2-D improvement scale by age × year (BASIS.md, importer). Throws XtbmlError, never returns
 * a partial table.
 */
export function parseXtbml(xml: string): XtbmlTable {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new XtbmlError(`not well-formed XML: ${e.message}`, { cause: e });
    throw e;
  }
  if (root.name !== 'XTbML') fail(`not an XTbML document: the root element is <${root.name}>`);
  const cc = child(root, 'ContentClassification');
  const identity = integer(text(cc, 'TableIdentity'), 'TableIdentity', cc);
  const header: XtbmlHeader = {
    identity,
    name: text(cc, 'TableName'),
    contentType: optionalChild(cc, 'ContentType')?.text.trim() || null,
  };
  const tables = children(root, 'Table');
  if (tables.length !== 1) fail(`expected one <Table>, found ${tables.length} (select-and-ultimate tables are not supported)`, root);
  const table = tables[0] ?? fail('no <Table>');
  const meta = child(table, 'MetaData');
  const scaling = optionalChild(meta, 'ScalingFactor');
  if (scaling && integer(scaling.text, 'ScalingFactor', scaling) !== 0) fail(`ScalingFactor ${scaling.text.trim()} is not supported`, scaling);
  const defs = children(meta, 'AxisDef').map(axisDef);
  const values = child(table, 'Values');
  const [ageDef, yearDef, ...more] = defs;
  if (!ageDef || ageDef.label !== 'age' || more.length > 0 || (yearDef && yearDef.label !== 'year')) {
    fail('expected an Age axis, optionally followed by a Year axis', meta);
  }

  if (!yearDef) {
    const q = series(child(values, 'Axis'), 'Y', ageDef, '', (el, at) => value(el, at, isQ, '[0, 1]'));
    return Object.freeze({ ...mortalityTable(ageDef.min, q), ...header });
  }
  const rates = series(values, 'Axis', ageDef, '', (ageAxis, at) =>
    series(child(ageAxis, 'Axis'), 'Y', yearDef, ` (${at})`, (el, where) => value(el, where, isRate, '(−1, 1)')),
  );
  return Object.freeze({ ...improvementScale(ageDef.min, yearDef.min, rates), ...header });
}

export type XtbmlSummary = {
  readonly name: string;
  readonly tableIdentity: number;
  readonly contentType: string | null;
  readonly kind: '1-D' | '2-D';
  readonly axes: readonly string[];
  readonly ageRange: { readonly min: number; readonly max: number };
  readonly yearRange: { readonly min: number; readonly max: number } | null;
  /** q (1-D), or the rate in the last year (2-D), at ages 55, 65 and 75 when present. */
  readonly samples: readonly { readonly age: number; readonly year: number | null; readonly value: string }[];
};

const SAMPLE_AGES = [55, 65, 75];

/** A plain summary of an XTbML file, for `basis inspect`. Throws XtbmlError like parseXtbml. */
export function inspectXtbml(xml: string): XtbmlSummary {
  const t = parseXtbml(xml);
  const ages = SAMPLE_AGES.filter((a) => a >= t.minAge && a <= t.maxAge);
  const common = { name: t.name, tableIdentity: t.identity, contentType: t.contentType, ageRange: { min: t.minAge, max: t.maxAge } };
  if (t.kind === 'mortality') {
    return {
      ...common,
      kind: '1-D',
      axes: ['Age'],
      yearRange: null,
      samples: ages.map((age) => ({ age, year: null, value: String(t.q[age - t.minAge]) })),
    };
  }
  return {
    ...common,
    kind: '2-D',
    axes: ['Age', 'Year'],
    yearRange: { min: t.minYear, max: t.maxYear },
    samples: ages.map((age) => ({ age, year: t.maxYear, value: String(t.rates[age - t.minAge]?.[t.maxYear - t.minYear]) })),
  };
}
