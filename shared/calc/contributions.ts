import type { Case } from '../domain/case-schema';
import type { ContributionsResult, PlanResult } from '../domain/estimate-schema';
import { cents, Decimal, money, moneyWithCommas, ZERO } from './decimal';
import { addDays, addMonthsToMonth, compareDates, formatDate, formatMonth, monthIndex, monthOf, parseDate, parseMonth, type CalMonth } from './dates';
import type { Lines } from './notes';

/** CONTRIB-1: member contributions are 4% of pay, pre-tax. */
export const CONTRIBUTION_RATE = new Decimal('0.04');

/**
 * CONTRIB-1: interest credited each June 30 on the balance as of the prior July 1, by the year of
 * the June 30 (percent). Later years come from a table the counselor extends (the case's
 * `contributionRates`), never assumed.
 */
export const CONTRIBUTION_INTEREST_RATES: Readonly<Record<number, string>> = Object.freeze({
  2011: '0.000',
  2012: '4.000',
  2013: '4.000',
  2014: '0.162',
  2015: '0.112',
  2016: '0.295',
  2017: '0.570',
  2018: '1.243',
  2019: '2.347',
});

export type AccountStep = { month: string; contribution: Decimal; interest: Decimal; balance: Decimal };
export type Account = { balance: Decimal; contributions: Decimal; interest: Decimal; missingRates: number[]; steps: AccountStep[] };

/**
 * CONTRIB-1: the contribution account from a balance on file at the start of month `from`, adding
 * 4% of each month's pay (rounded to cents) and, on each June 30, interest on the balance of the
 * prior July 1 at that year's rate (rounded to cents). Runs through month `through`. `extraRates`
 * (year → percent) extend or override the shipped table; a year with no rate credits none and is
 * listed in `missingRates`.
 */
export function contributionAccount(opts: {
  onFile: Decimal;
  from: CalMonth;
  through: CalMonth;
  pay: (m: CalMonth) => Decimal | null;
  extraRates?: Readonly<Record<string, string>>;
}): Account {
  let balance = opts.onFile;
  let julyFirst = opts.onFile; // the balance at the start of `from` stands for the prior July 1 until one passes
  let contributions = ZERO;
  let interestTotal = ZERO;
  const missingRates: number[] = [];
  const steps: AccountStep[] = [];
  const end = monthIndex(opts.through);
  for (let m = opts.from; monthIndex(m) <= end; m = addMonthsToMonth(m, 1)) {
    if (m.m === 7) julyFirst = balance; // the balance as of July 1
    const pay = opts.pay(m);
    const contribution = pay ? cents(pay.times(CONTRIBUTION_RATE)) : ZERO;
    balance = balance.plus(contribution);
    contributions = contributions.plus(contribution);
    let interest = ZERO;
    if (m.m === 6) {
      const own = opts.extraRates?.[String(m.y)] ?? CONTRIBUTION_INTEREST_RATES[m.y];
      if (own === undefined) missingRates.push(m.y);
      else interest = cents(julyFirst.times(own).dividedBy(100));
      balance = balance.plus(interest);
      interestTotal = interestTotal.plus(interest);
    }
    steps.push({ month: `${m.y}-${String(m.m).padStart(2, '0')}`, contribution, interest, balance });
  }
  return { balance, contributions, interest: interestTotal, missingRates, steps };
}

/**
 * CONTRIB-2: an MSEP 2011 retiree and the beneficiaries together receive at least the
 * contributions plus interest. After n monthly payments the remainder guaranteed to the
 * beneficiaries is max(0, account − the payments made).
 */
export function minimumReturnRemainder(account: Decimal, payments: readonly Decimal[]): Decimal[] {
  const out: Decimal[] = [];
  let paid = ZERO;
  for (const p of payments) {
    paid = paid.plus(p);
    out.push(Decimal.max(ZERO, account.minus(paid)));
  }
  return out;
}

export type RefundFacts = { normalEligible: boolean; longTermDisability: boolean; divisionOfBenefitsOrder: boolean; lastDayWorked: string | null };

/**
 * CONTRIB-1: a refund forfeits all service; it is not possible when eligible for normal retirement,
 * on long-term disability or under a division of benefits order; it is paid no sooner than 90
 * days after employment ends.
 */
export function refundAvailability(f: RefundFacts): { available: boolean; reason: string | null } {
  if (f.normalEligible) return { available: false, reason: 'eligible for normal retirement (CONTRIB-1)' };
  if (f.longTermDisability) return { available: false, reason: 'on long-term disability (CONTRIB-1)' };
  if (f.divisionOfBenefitsOrder) return { available: false, reason: 'under a division of benefits order (CONTRIB-1)' };
  if (!f.lastDayWorked) return { available: false, reason: 'still employed: a refund is paid no sooner than 90 days after employment ends (CONTRIB-1)' };
  return { available: true, reason: null };
}

/**
 * CONTRIB-1 / CONTRIB-2 for an MSEP 2011 result: the account from the case's balance on file
 * through the last month of pay (the month before R, or of the last day worked), the refund beside
 * the pension, and the minimum-return remainder under LIFE.
 */
export function contributionsFor(c: Case, res: PlanResult, notes: Lines): ContributionsResult | undefined {
  const k = c.contributions;
  if (!k || res.plan !== 'MSEP2011') return undefined;
  const r = parseDate(c.retirementDate);
  const left = c.member.lastDayWorked ? parseDate(c.member.lastDayWorked) : null;
  const lastPayMonth = left ? monthOf(left) : addMonthsToMonth(monthOf(r), -1);
  const pay = new Map(c.pay.history.map((h) => [h.month, new Decimal(h.amount)]));
  const acc = contributionAccount({
    onFile: new Decimal(k.onFile),
    from: parseMonth(k.fromMonth),
    through: lastPayMonth,
    pay: (m) => pay.get(formatMonth(m)) ?? null,
    extraRates: k.interestRates,
  });
  const months = acc.steps.length;
  const paid = acc.steps.filter((s) => s.contribution.greaterThan(0)).length;
  if (paid < months) notes.add('CONTRIB-1', `${months - paid} of the ${months} months from ${k.fromMonth} to ${formatMonth(lastPayMonth)} have no pay recorded: no contribution is counted for them.`);
  if (acc.missingRates.length > 0) {
    notes.add('CONTRIB-1', `No interest rate for June 30 of ${acc.missingRates.join(', ')}: no interest is credited for ${acc.missingRates.length > 1 ? 'those years' : 'that year'} (enter the rate MOSERS credited in contributions.interestRates).`);
  }
  const asOf = parseDate(c.asOf);
  const normalEligible = res.firstNormalRetirementDate !== null && compareDates(parseDate(res.firstNormalRetirementDate), asOf) <= 0;
  const refund = refundAvailability({ normalEligible, longTermDisability: k.longTermDisability, divisionOfBenefitsOrder: k.divisionOfBenefitsOrder, lastDayWorked: c.member.lastDayWorked });
  const earliest = left && refund.available ? addDays(left, 90) : null;
  if (refund.available) notes.add('CONTRIB-1', `A refund of ${moneyWithCommas(acc.balance)} forfeits all service, and with it the pension; it is paid no sooner than ${formatDate(earliest!)} (90 days after the last day worked).`);
  const life = res.options.find((o) => o.code === 'LIFE');
  let minimumReturn: ContributionsResult['minimumReturn'] = null;
  if (life) {
    const monthly = new Decimal(life.monthly);
    const rem = minimumReturnRemainder(acc.balance, Array.from({ length: 12 }, () => monthly));
    minimumReturn = { firstYear: rem.map(money), monthsUntilPaidOut: monthly.greaterThan(0) ? acc.balance.dividedBy(monthly).ceil().toNumber() : null };
  }
  return {
    through: formatMonth(lastPayMonth),
    balance: money(acc.balance),
    contributions: money(acc.contributions),
    interest: money(acc.interest),
    missingRateYears: acc.missingRates,
    refund: { available: refund.available, amount: refund.available ? money(acc.balance) : null, reason: refund.reason, earliestPayment: earliest ? formatDate(earliest) : null },
    minimumReturn,
  };
}
