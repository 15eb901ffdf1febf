import type { Case } from '../domain/case-schema';
import type { Estimate, NetBlock, OptionResult } from '../domain/estimate-schema';
import { Decimal, money, moneyWithCommas, ZERO } from './decimal';
import { addMonthsToMonth, formatMonth, monthOf, parseDate, parseMonth, type CalMonth } from './dates';
import { deductionsBasisFor, type DeductionsBasis } from './deductions-basis';
import { Lines } from './notes';
import { federalMonthlyWithholding, missouriFormulaMonthly, NO_ELECTION, type MissouriElection, type W4pElections } from './withholding';

type Elections = NonNullable<Case['elections']>;

function w4p(e: Elections): W4pElections {
  const f = e.federal;
  if (!f) return NO_ELECTION; // TAX-2: no election on file
  return {
    filingStatus: f.filingStatus,
    step2Income: new Decimal(f.step2Income),
    credits: new Decimal(f.credits),
    otherIncome: new Decimal(f.otherIncome),
    deductions: new Decimal(f.deductions),
    extraWithholding: new Decimal(f.extraWithholding),
    noWithholding: f.noWithholding,
  };
}

/** TAX-1: the Form MO W-4P election, or null when none is on file (Missouri withholding from a pension is voluntary). */
function moW4p(e: Elections): MissouriElection | null {
  const m = e.missouri;
  if (!m) return null;
  return { filingStatus: m.filingStatus, noWithholding: m.noWithholding, monthlyAmount: m.monthlyAmount === null ? null : new Decimal(m.monthlyAmount) };
}

/** TAX-1 / TAX-2: the basis for R's tax year, or the current one (the case's asOf) with a note. */
function basisFor(c: Case, notes: Lines): DeductionsBasis | null {
  const rYear = parseDate(c.retirementDate).y;
  const own = deductionsBasisFor(rYear);
  if (own) return own;
  const nowYear = parseDate(c.asOf).y;
  const current = deductionsBasisFor(nowYear);
  if (current) {
    notes.add('TAX-2', `There is no deductions basis for tax year ${rYear}, the year of the first payment; the net figures use the ${current.id} basis of tax year ${nowYear}, the current tax year. Figures change with each year's withholding tables.`);
    return current;
  }
  notes.add('TAX-2', `There is no deductions basis for tax year ${rYear} or ${nowYear}: no net figures are shown.`);
  return null;
}

type Premiums = { optionalLife: Decimal; dependentChildLife: Decimal; health: Decimal };

function netBlock(basis: DeductionsBasis, e: W4pElections, mo: MissouriElection | null, premiums: Premiums, option: Decimal, temp: { monthly: Decimal; last: CalMonth } | null, r: CalMonth, notes: Lines): NetBlock {
  const spans: { from: CalMonth; through: CalMonth | null; gross: Decimal }[] = temp
    ? [
        { from: r, through: temp.last, gross: option.plus(temp.monthly) },
        { from: addMonthsToMonth(temp.last, 1), through: null, gross: option },
      ]
    : [{ from: r, through: null, gross: option }];
  const premiumTotal = premiums.optionalLife.plus(premiums.dependentChildLife).plus(premiums.health);
  return {
    basis: basis.id,
    taxYear: basis.taxYear,
    periods: spans.map((s) => {
      const fed = federalMonthlyWithholding(basis, s.gross, e);
      if (fed.monthly === null) notes.add('TAX-2', `No federal withholding figure: ${fed.reason}; the net amount is not shown.`);
      // TAX-1: what MOSERS withholds for Missouri is the MO W-4P election; the formula is the guide.
      const moWithheld = mo === null ? null : mo.noWithholding ? ZERO : mo.monthlyAmount!;
      const formula = basis.missouri ? missouriFormulaMonthly(basis.missouri, mo?.filingStatus ?? 'single', s.gross) : null;
      const net = fed.monthly === null ? null : s.gross.minus(fed.monthly).minus(moWithheld ?? ZERO).minus(premiumTotal);
      if (net?.isNegative()) notes.add('TAX-2', `From ${formatMonth(s.from)} the withholding and premiums (${moneyWithCommas(s.gross.minus(net))}) are more than the payment (${moneyWithCommas(s.gross)}): MOSERS cannot deduct them all; check the elections and premiums.`);
      return {
        from: formatMonth(s.from),
        through: s.through ? formatMonth(s.through) : null,
        gross: money(s.gross),
        federalWithholding: fed.monthly === null ? null : money(fed.monthly),
        missouriWithholding: moWithheld === null ? null : money(moWithheld),
        ...(formula ? { missouriFormula: money(formula.monthly), missouriExemption: formula.exemption === null ? null : money(formula.exemption) } : {}),
        optionalLife: money(premiums.optionalLife),
        dependentChildLife: money(premiums.dependentChildLife),
        health: money(premiums.health),
        net: net === null ? null : money(net),
      };
    }),
  };
}

/** TAX-1: what the Missouri figures are, in words. */
function missouriNotes(basis: DeductionsBasis, mo: MissouriElection | null, notes: Lines): void {
  if (mo === null) notes.add('TAX-1', 'No Form MO W-4P election on file: Missouri withholding from a pension is voluntary, so none is shown and the net amount is before any Missouri tax.');
  else if (mo.noWithholding) notes.add('TAX-1', 'Form MO W-4P line 1: no Missouri income tax is withheld.');
  else notes.add('TAX-1', `Form MO W-4P line 2: $${moneyWithCommas(mo.monthlyAmount!)} of Missouri income tax is withheld each month.`);
  const m = basis.missouri;
  if (!m) {
    notes.add('TAX-1', `The ${basis.id} basis carries no Missouri Department of Revenue formula for ${basis.taxYear}: no guide to the MO W-4P amount is shown.`);
    return;
  }
  const status = mo?.filingStatus ?? 'single';
  const exemption = m.publicPensionExemptionCeiling === null
    ? `before the public pension exemption (TAX-1): from 2024 public pension income such as a MOSERS benefit is exempt up to the maximum Social Security benefit ($46,381 for 2024); the ${basis.taxYear} ceiling is not yet published, so the exemption is not subtracted and a benefit under it may owe no Missouri tax`
    : `after the public pension exemption (TAX-1) of up to $${moneyWithCommas(new Decimal(m.publicPensionExemptionCeiling))} a year (less any Social Security deduction the member takes, which this figure does not know)`;
  notes.add('TAX-1', `Missouri formula (missouriFormula): the Department of Revenue ${basis.taxYear} withholding formula on the monthly payment, filing status ${status}${mo ? '' : ' (no MO W-4: as single)'}, rounded to the dollar, ${exemption}. It is a guide to the amount to elect on Form MO W-4P, not a withholding MOSERS makes unless elected.`);
}

/**
 * TAX-1 / TAX-2: the `net` block of every option (and every BackDROP period's options) when the
 * case carries elections: gross (with the temporary benefit while BEN-4 pays it), federal and
 * Missouri withholding, the premiums the counselor entered, and what lands in the account.
 * A case without elections is returned unchanged.
 */
export function withNet(c: Case, estimate: Estimate): Estimate {
  const el = c.elections;
  if (!el) return estimate;
  const r = monthOf(parseDate(c.retirementDate));
  const e = w4p(el);
  const results = estimate.results.map((res) => {
    const notes = new Lines();
    for (const n of res.notes) notes.add(n.rule, n.text);
    const basis = basisFor(c, notes);
    if (!basis) return { ...res, notes: notes.items };
    const premiums: Premiums = {
      optionalLife: new Decimal(el.premiums.optionalLife),
      dependentChildLife: el.premiums.dependentChildLife ? new Decimal(basis.dependentChildLifeMonthly) : ZERO,
      health: new Decimal(el.premiums.health),
    };
    if (!el.federal) notes.add('TAX-2', 'No W-4P election on file: federal tax is withheld as for a single filer under the current Form W-4P.');
    notes.add('TAX-2', `Federal withholding by the ${basis.id} basis: IRS Publication 15-T (${basis.taxYear}) Worksheet 1B, percentage method for monthly pension payments. ${e.noWithholding ? 'The W-4P elects no withholding.' : `Filing status ${e.filingStatus}${e.step2Income.isZero() ? '' : `, Step 2(b)(iii) ${moneyWithCommas(e.step2Income)} a year of other jobs and pensions (Worksheet 1B Step 2 Parts I to III)`}.`}`);
    const mo = moW4p(el);
    missouriNotes(basis, mo, notes);
    const lastTemp = res.temporaryBenefit ? parseMonth(res.temporaryBenefit.lastPaymentMonth) : null;
    const addNet = (o: OptionResult, temp: string | null): OptionResult => ({
      ...o,
      net: netBlock(basis, e, mo, premiums, new Decimal(o.monthly), temp && lastTemp ? { monthly: new Decimal(temp), last: lastTemp } : null, r, notes),
    });
    const options = res.options.map((o) => addNet(o, res.temporaryBenefit?.monthly ?? null));
    const periods = res.backdrop.periods.map((p) => ({ ...p, options: p.options.map((o) => addNet(o, p.temporaryAtRetirement)) }));
    const lifeNet = options.find((o) => o.code === 'LIFE')?.net?.periods[0];
    if (lifeNet?.net) notes.add('TAX-2', `LIFE: ${moneyWithCommas(new Decimal(lifeNet.gross))} gross lands as ${moneyWithCommas(new Decimal(lifeNet.net))} a month.`);
    return { ...res, options, backdrop: { ...res.backdrop, periods }, notes: notes.items };
  });
  return { ...estimate, results };
}
