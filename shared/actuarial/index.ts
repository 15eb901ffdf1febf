// Actuarial engine for option factors (BASIS.md; RULES.md OPT-5).
export { Decimal } from './decimal';
export type { DecimalValue } from './decimal';
export {
  alphaBeta12,
  annuityDue12,
  annuityDueAnnual,
  certainAnnuityDue12,
  discountedTerms,
  jointSurvival,
  monthlySurvival,
  pureEndowment,
  sumsFrom,
} from './annuity';
export type { AgeYM } from './annuity';
export {
  Commutation,
  deferredLifeAnnuityDue12,
  jointAnnuityDue12,
  jointAnnuityDue12Direct,
  JointDiagonal,
  lifeAnnuityDue12,
  monthOfAge,
  pureEndowmentAt,
} from './commutation';
export { basisSchema, DEFAULT_BASIS_ID, getShippedBasis, netInterestRate, parseBasis, SHIPPED_BASIS_IDS } from './basis';
export type { Basis, MortalityBasis, ShippedBasisId } from './basis';
export { certainAndLifeFactor, createOptionFactors, jointSurvivorFactor, optionFactors } from './factors';
export type { AnnuityValues, OptionFactorRequest, OptionFactors } from './factors';
export { buildMortality } from './mortality';
export type { BasisMortality, LifeMortality } from './mortality';
export {
  FORMULA_TABLE_IDS,
  formulaTable,
  improvementScale,
  makehamTable,
  mortalityTable,
  resolveFormulaTable,
  tableResolver,
} from './tables';
export type { ActuarialTable, FormulaTableId, ImprovementScale, MortalityTable, TableResolver } from './tables';
export { inspectXtbml, parseXtbml, XtbmlError } from './xtbml';
export type { XtbmlHeader, XtbmlSummary, XtbmlTable } from './xtbml';
export { basisPricer, pricerSource } from './pricer';
