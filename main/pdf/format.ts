// How figures and dates print on every document: `$1,234.56` and `June 30, 2027`.
// Plan dates stay calendar dates (DATE-1): no JS Date anywhere.
import { longDate, longMonth, parseDate, parseMonth, tryParseDate, tryParseMonth } from '../../shared/calc/dates';
import { Decimal, moneyWithCommas } from '../../shared/calc/decimal';
import type { PlanCode } from '../../shared/domain/case-schema';
import type { Estimate, NormalRule, OptionCode, PlanResult } from '../../shared/domain/estimate-schema';

/** A decimal amount string ("1234.5", "-3") as `$1,234.50`; negatives as `-$3.00`. */
export function formatMoney(amount: string): string {
  const v = new Decimal(amount);
  const s = moneyWithCommas(v);
  return s.startsWith('-') ? `-$${s.slice(1)}` : `$${s}`;
}

/** `2027-06-30` as `June 30, 2027`. */
export function formatDate(iso: string): string {
  return longDate(parseDate(iso));
}

/** `2030-03` as `March 2030`. */
export function formatMonth(iso: string): string {
  return longMonth(parseMonth(iso));
}

/** A date if the text is an ISO date, else the text unchanged (for free-form inputs). */
export function formatDateLoose(text: string | null | undefined): string {
  if (!text) return '';
  return tryParseDate(text) ? formatDate(text) : text;
}

function ssnDigits(ssn: string): string {
  return ssn.replace(/[^0-9]/g, '');
}

/** The full SSN as `123-45-6789`, only on forms that require it. */
export function formatSsn(ssn: string | null | undefined): string {
  if (!ssn) return '';
  const d = ssnDigits(ssn);
  if (d.length !== 9) return ssn;
  return `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`;
}

/** The masked SSN `***-**-6789`, everywhere else. */
export function maskSsn(ssn: string | null | undefined): string {
  if (!ssn) return '';
  const d = ssnDigits(ssn);
  return `***-**-${d.slice(-4)}`;
}

/** A bank account number as `****6789`. */
export function maskAccount(account: string | null | undefined): string {
  if (!account) return '';
  return `****${account.slice(-4)}`;
}

/** `216` months as `216 months (18 years)`; `74` as `74 months (6 years 2 months)`. */
export function formatServiceMonths(months: number): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  const parts = [`${y} ${y === 1 ? 'year' : 'years'}`];
  if (m > 0) parts.push(`${m} ${m === 1 ? 'month' : 'months'}`);
  return `${months} ${months === 1 ? 'month' : 'months'} (${parts.join(' ')})`;
}

export function formatAge(age: { years: number; months: number }): string {
  return `${age.years} years ${age.months} ${age.months === 1 ? 'month' : 'months'}`;
}

/** A rate such as `0.02359` as `2.359%`. */
export function formatRate(rate: string): string {
  return `${new Decimal(rate).times(100).toFixed(3, Decimal.ROUND_HALF_UP)}%`;
}

/** A multiplier such as `0.017` as `1.7%`. */
export function formatMultiplier(multiplier: string): string {
  return `${new Decimal(multiplier).times(100).toString()}%`;
}

export const PLAN_LABELS: Readonly<Record<PlanCode, string>> = { MSEP: 'MSEP', MSEP2000: 'MSEP 2000', MSEP2011: 'MSEP 2011' };

export function planLabel(plan: PlanCode): string {
  return PLAN_LABELS[plan];
}

export const OPTION_LABELS: Readonly<Record<OptionCode, string>> = {
  LIFE: 'Life Income Annuity',
  JS50: '50% Joint & Survivor (pop-up)',
  JS100: '100% Joint & Survivor (pop-up)',
  C60: 'Life Income with 60 Guaranteed Payments',
  C120: 'Life Income with 120 Guaranteed Payments',
  C180: 'Life Income with 180 Guaranteed Payments',
};

export function optionLabel(code: OptionCode): string {
  return OPTION_LABELS[code];
}

/** Bases that are not actuarial: the plan itself and the statute (OPT-3, OPT-4). */
export function isActuarialBasis(basis: string): boolean {
  return basis !== 'plan' && basis !== 'statute';
}

/** The basis as printed beside an option amount (OPT-5 amounts are labelled as estimates). */
export function basisLabel(basis: string): string {
  if (basis === 'plan') return 'plan provision';
  if (basis === 'statute') return 'statute';
  return `estimate, basis ${basis}`;
}

export const NORMAL_RULE_LABELS: Readonly<Record<NormalRule, string>> = {
  AGE_65_5: 'age 65 with 5 years of service',
  AGE_60_15: 'age 60 with 15 years of service',
  AGE_62_5: 'age 62 with 5 years of service',
  AGE_67_5: 'age 67 with 5 years of service',
  RULE_OF_80: 'Rule of 80 (age plus service at least 80, minimum age 48)',
  RULE_OF_90: 'Rule of 90 (age plus service at least 90, minimum age 55)',
};

export function normalRuleLabel(rule: NormalRule): string {
  return NORMAL_RULE_LABELS[rule];
}

export function statusLabel(res: PlanResult): string {
  if (res.status === 'normal') return res.normalRule ? `Normal retirement: ${normalRuleLabel(res.normalRule)}` : 'Normal retirement';
  if (res.status === 'early') return 'Early retirement (reduced benefit)';
  return 'Not eligible to retire on this date';
}

const ISO_DATE_IN_TEXT = /\b(\d{4}-\d{2}-\d{2})\b/g;
const ISO_MONTH_IN_TEXT = /\b(\d{4}-\d{2})\b(?!-)/g;
// An amount as the engine writes it in trace and note text: `1,553.81` (two decimals, not a
// factor such as 0.8910 nor a rate such as 2.359%).
const AMOUNT_IN_TEXT = /(?<![\d.,$])(\d{1,3}(?:,\d{3})+|\d+)\.\d{2}(?![\d%])/g;

/**
 * The engine's trace and note text in the documents' style: ISO dates as `June 30, 2027`, months
 * as `June 2027`, amounts as `$1,234.56`. Everything else is printed as the engine wrote it.
 */
export function documentText(text: string): string {
  return text
    .replace(ISO_DATE_IN_TEXT, (m) => (tryParseDate(m) ? formatDate(m) : m))
    .replace(ISO_MONTH_IN_TEXT, (m) => (tryParseMonth(m) ? formatMonth(m) : m))
    .replace(AMOUNT_IN_TEXT, (m) => `$${m.includes(',') ? m : moneyWithCommas(new Decimal(m))}`)
    // The document font has no arrows: "A → B" reads "A to B".
    .replace(/\s*→\s*/g, ' to ');
}

/**
 * The scenario an estimate was computed for, in words: "retirement July 1, 2028, 24-month
 * BackDROP under MSEP 2000". Documents state it; they never mark it as a choice.
 */
export function scenarioText(estimate: Estimate): string {
  const parts = [`retirement ${formatDate(estimate.retirementDate)}`];
  const withPeriod = estimate.results.flatMap((r) => (r.backdrop.eligible ? r.backdrop.periods.filter((p) => p.selected).map((p) => ({ plan: r.plan, months: p.months })) : []));
  const chosen = withPeriod[0];
  const eligible = estimate.results.filter((r) => r.backdrop.eligible);
  const under = withPeriod.length < estimate.results.length ? ` under ${withPeriod.map((p) => planLabel(p.plan)).join(' and ')}` : '';
  if (chosen) parts.push(`${chosen.months}-month BackDROP${estimate.results.length > 1 ? under : ''}`);
  else if (eligible.length > 0) parts.push('no BackDROP');
  if (estimate.results.length > 1) parts.push(`${estimate.results.map((r) => planLabel(r.plan)).join(' and ')} both shown`);
  return parts.join(', ');
}

/** Whether the member can retire on the estimate's date under any plan (ELIG-5). */
export function canRetire(estimate: Estimate): boolean {
  return estimate.results.some((r) => r.status !== 'not-eligible');
}

/**
 * Why a member cannot retire on the estimate's date and the first date they can, in words, for
 * the packet's cover (ELIG-5, ELIG-6): one sentence per plan.
 */
export function notEligibleText(estimate: Estimate): { title: string; lines: string[] } {
  const several = estimate.results.length > 1;
  const lines = estimate.results.map((r) => {
    const under = several ? `Under ${planLabel(r.plan)}: ` : '';
    const why = r.vested
      ? `at ${formatAge(r.ageAtRetirement)} with ${formatServiceMonths(r.serviceMonths.eligibility)} of service you have not reached the age and service for early or normal retirement`
      : `you are not yet vested (${formatServiceMonths(r.serviceMonths.eligibility)} of service)`;
    const dates = [r.firstEarlyRetirementDate ? { d: r.firstEarlyRetirementDate, what: 'early retirement, with a reduced benefit' } : null, r.firstNormalRetirementDate ? { d: r.firstNormalRetirementDate, what: `normal retirement${r.firstNormalRule ? `: ${normalRuleLabel(r.firstNormalRule)}` : ''}` } : null]
      .filter((x): x is { d: string; what: string } => x !== null)
      .sort((a, b) => a.d.localeCompare(b.d));
    const first = dates[0];
    const when = first ? ` The first date you can retire is ${formatDate(first.d)} (${first.what}).` : ' No retirement date can be given from the service on file: more service is needed first.';
    return `${under}${why.charAt(0).toUpperCase()}${why.slice(1)}.${when}`;
  });
  return { title: `You cannot retire on ${formatDate(estimate.retirementDate)}`, lines };
}
