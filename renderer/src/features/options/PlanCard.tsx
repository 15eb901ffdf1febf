import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { addMoney } from '../../../../shared/calc/decimal';
import type { PlanResult } from '../../../../shared/domain/estimate-schema';
import { age, longDate, longMonth, money, OPTION_NAMES, PLAN_NAMES, RULE_NAMES } from '../../components/format';
import { radioFocusRing } from './chart-style';
import { TraceDialog } from './TraceDialog';

const tight = { '& td, & th': { px: 1, py: 0.5 } } as const;

/** ELIG-5: the status line, with the rule, the reduction, or the first possible date. */
export function statusText(r: PlanResult, retirementDate: string, detail = false): string {
  if (r.status === 'normal') return `Normal retirement: ${RULE_NAMES[r.normalRule ?? ''] ?? r.normalRule ?? ''}`;
  if (r.status === 'early') return `Early retirement: reduced for ${r.earlyReduction.months} months${detail ? `, factor ${r.earlyReduction.factor}` : ''}`;
  const candidates = [r.firstEarlyRetirementDate, r.firstNormalRetirementDate].filter((d): d is string => !!d && d >= retirementDate).sort();
  const first = candidates[0] ?? r.firstNormalRetirementDate;
  if (!r.vested && !first) return 'Not eligible: not vested, and cannot vest';
  return first ? `Not eligible: first possible date ${longDate(first)}` : 'Not eligible at this date';
}

/** Where an option's factor comes from, in words; the basis id only in the counselor's detail. */
function basisLabel(basis: string, detail = false): { text: string; estimate: boolean } {
  if (basis === 'plan') return { text: 'Plan', estimate: false };
  if (basis === 'statute') return { text: 'Set by law', estimate: false };
  return { text: detail ? basis : 'Actuarial factors', estimate: true };
}

function Row({ label, children, testid, ...data }: { label: React.ReactNode; children: React.ReactNode; testid?: string; [k: `data-${string}`]: string | undefined }) {
  return (
    <TableRow>
      <TableCell component="th" scope="row" sx={{ color: 'text.secondary', fontWeight: 400, width: '42%' }}>
        {label}
      </TableCell>
      <TableCell data-testid={testid} {...data}>
        {children}
      </TableCell>
    </TableRow>
  );
}

export function PlanCard({
  result: r,
  retirementDate,
  backdropChoice,
  onBackdrop,
  wide,
  installments,
  detail,
}: {
  result: PlanResult;
  retirementDate: string;
  /** The BackDROP period the counselor chose (may still be computing); null for none. */
  backdropChoice: number | null;
  onBackdrop: (months: number | null) => void;
  /** One card on the whole width: lay the sections out in two columns. */
  wide: boolean;
  installments: boolean;
  /** The counselor's detail: rule ids, factors, basis ids. The member's view leaves them out. */
  detail: boolean;
}) {
  const rule = (id: string) => (detail ? ` (${id})` : '');
  const id = useId();
  const [traceOpen, setTraceOpen] = useState(false);
  const P = r.plan;
  const plan = PLAN_NAMES[P] ?? P;
  const eligible = r.status !== 'not-eligible';
  const statusColor = r.status === 'normal' ? 'success' : r.status === 'early' ? 'warning' : 'error';
  const bdTrace = r.trace.find((t) => t.rule === 'BD-1');
  const bdNotes = r.notes.filter((n) => n.rule.startsWith('BD-'));
  const radioValue = backdropChoice !== null && r.backdrop.periods.some((p) => p.months === backdropChoice) ? String(backdropChoice) : 'none';
  const anySelected = r.backdrop.periods.some((p) => p.selected);
  // Under a chosen BackDROP every amount is that period's (BD-3, BD-4): its options, and the
  // temporary benefit paid from R under it; the no-BackDROP amounts are not shown beside them.
  const chosen = r.backdrop.periods.find((p) => p.selected) ?? null;
  const shownOptions = chosen ? chosen.options : r.options;
  const temporary = chosen ? chosen.temporaryAtRetirement : (r.temporaryBenefit?.monthly ?? null);

  const figures = (
    <Table size="small" sx={tight} aria-label={`${plan} figures`}>
      <TableBody>
        <Row label={`First normal retirement date${detail ? ' (F)' : ''}`} testid={`result-${P}-F`} data-date={r.firstNormalRetirementDate ?? ''} data-rule={r.firstNormalRule ?? ''}>
          {r.firstNormalRetirementDate ? (
            <>
              {longDate(r.firstNormalRetirementDate)} · {RULE_NAMES[r.firstNormalRule ?? ''] ?? r.firstNormalRule}
            </>
          ) : (
            'Never (not vested)'
          )}
        </Row>
        <Row label="First early retirement date" testid={`result-${P}-firstEarly`} data-date={r.firstEarlyRetirementDate ?? ''}>
          {r.firstEarlyRetirementDate ? longDate(r.firstEarlyRetirementDate) : detail ? 'None before F' : 'None before the first normal retirement date'}
        </Row>
        <Row label="Age at retirement" testid={`result-${P}-age`}>
          {age(r.ageAtRetirement)}
        </Row>
        <Row label="Service (months)" testid={`result-${P}-service`}>
          eligibility <strong data-testid={`result-${P}-service-eligibility`}>{r.serviceMonths.eligibility}</strong> · sick leave{' '}
          <strong data-testid={`result-${P}-service-sickLeave`}>{r.serviceMonths.sickLeave}</strong> · benefit{' '}
          <strong data-testid={`result-${P}-service-benefit`}>{r.serviceMonths.benefit}</strong>
        </Row>
        <Row label="Final average pay" testid={`result-${P}-fap`} data-value={r.finalAveragePay ?? ''}>
          {money(r.finalAveragePay)}
          {r.fapWindow ? (
            <Typography component="span" variant="body2" color="text.secondary">
              {' '}
              ({longMonth(r.fapWindow.from)} to {longMonth(r.fapWindow.to)}, {r.fapWindow.months} months)
            </Typography>
          ) : r.finalAveragePay ? (
            <Typography component="span" variant="body2" color="text.secondary">
              {' '}
              (entered, no pay window)
            </Typography>
          ) : null}
        </Row>
        <Row label={detail ? `Base benefit (× ${r.multiplier})` : 'Base benefit'} testid={`result-${P}-base`} data-value={r.baseBenefit ?? ''}>
          {money(r.baseBenefit)}
        </Row>
        <Row label="Early reduction" testid={`result-${P}-earlyReduction`} data-value={r.earlyReduction.factor}>
          {r.earlyReduction.months === 0 ? (detail ? 'None (factor 1.0000)' : 'None') : detail ? `${r.earlyReduction.months} months × 0.5%: factor ${r.earlyReduction.factor}` : `${r.earlyReduction.months} months early, 0.5% for each`}
        </Row>
        <Row label={<strong>Life Income Annuity</strong>} testid={`result-${P}-lifeIncomeAnnuity`} data-value={r.lifeIncomeAnnuity ?? ''}>
          <Typography component="span" sx={{ fontSize: '1.25rem', fontWeight: 700 }}>
            {money(r.lifeIncomeAnnuity)}
          </Typography>
          {r.lifeIncomeAnnuity && ' a month'}
        </Row>
        <Row label="Temporary benefit" testid={`result-${P}-temporary`} data-value={r.temporaryBenefit?.monthly ?? ''} data-last-month={r.temporaryBenefit?.lastPaymentMonth ?? ''}>
          {r.temporaryBenefit ? (
            <>
              <strong>{money(r.temporaryBenefit.monthly)}</strong> a month, last paid for {longMonth(r.temporaryBenefit.lastPaymentMonth)}
            </>
          ) : (
            'None'
          )}
        </Row>
      </TableBody>
    </Table>
  );

  const options = eligible && (
    <Box component="section" aria-labelledby={`${id}-opt`}>
      <Typography variant="h3" component="h3" id={`${id}-opt`} sx={{ mt: 1.5, mb: 0.5 }} data-testid={`result-${P}-options-title`}>
        {chosen ? `Payment options with the ${chosen.months}-month BackDROP` : 'Payment options'}
      </Typography>
      {chosen && (
        <Table size="small" sx={{ ...tight, mb: 1 }} aria-label={`${plan}: the ${chosen.months}-month BackDROP`} data-testid={`result-${P}-chosen`}>
          <TableBody>
            <Row label={`Lump sum${rule('BD-4')}`} testid={`result-${P}-chosen-lump`} data-value={chosen.lumpSum}>
              <strong>{money(chosen.lumpSum)}</strong> paid once at retirement
            </Row>
            <Row label={`Temporary benefit from retirement${rule('BD-3')}`} testid={`result-${P}-chosen-temporary`} data-value={chosen.temporaryAtRetirement ?? ''}>
              {chosen.temporaryAtRetirement ? (
                <>
                  <strong>{money(chosen.temporaryAtRetirement)}</strong> a month{r.temporaryBenefit ? `, last paid for ${longMonth(r.temporaryBenefit.lastPaymentMonth)}` : ' until age 62'}
                </>
              ) : (
                'None'
              )}
            </Row>
            {chosen.temporaryAtRetirement && (
              <Row label="Monthly total until 62 (Life Income Annuity + temporary)" testid={`result-${P}-chosen-total62`} data-value={addMoney(chosen.monthlyAtRetirement, chosen.temporaryAtRetirement)}>
                <strong>{money(addMoney(chosen.monthlyAtRetirement, chosen.temporaryAtRetirement))}</strong> a month
              </Row>
            )}
          </TableBody>
        </Table>
      )}
      <TableContainer>
        <Table size="small" sx={tight}>
          <TableHead>
            <TableRow>
              <TableCell>Option</TableCell>
              <TableCell align="right">Monthly</TableCell>
              <TableCell align="right">Survivor</TableCell>
              {temporary && <TableCell align="right">Until 62, with the temporary benefit</TableCell>}
              {detail && <TableCell align="right">Factor</TableCell>}
              <TableCell>Figured by</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shownOptions.map((o) => {
              const b = basisLabel(o.basis, detail);
              return (
                <TableRow key={o.code} data-testid={`result-${P}-option-${o.code}`}>
                  <TableCell component="th" scope="row">
                    {OPTION_NAMES[o.code] ?? o.code}
                  </TableCell>
                  <TableCell align="right" data-testid={`result-${P}-option-${o.code}-monthly`} data-value={o.monthly} sx={{ fontWeight: 700 }}>
                    {money(o.monthly)}
                  </TableCell>
                  <TableCell align="right" data-testid={`result-${P}-option-${o.code}-survivor`} data-value={o.survivorMonthly ?? ''}>
                    {o.survivorMonthly ? money(o.survivorMonthly) : o.guaranteedPayments ? `${o.guaranteedPayments} payments guaranteed` : '—'}
                  </TableCell>
                  {temporary && (
                    <TableCell align="right" data-testid={`result-${P}-option-${o.code}-until62`} data-value={addMoney(o.monthly, temporary)}>
                      {money(addMoney(o.monthly, temporary))}
                    </TableCell>
                  )}
                  {detail && (
                    <TableCell align="right" data-testid={`result-${P}-option-${o.code}-factor`}>
                      {o.factor}
                    </TableCell>
                  )}
                  <TableCell data-testid={`result-${P}-option-${o.code}-basis`} data-basis={o.basis}>
                    {b.text}
                    {b.estimate && <Chip size="small" label="estimate" color="warning" variant="outlined" sx={{ ml: 0.5, height: 20 }} />}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        Pre-retirement death benefit{rule('SURV-1')}:{' '}
        <span data-testid={`result-${P}-preRetirementDeath`} data-value={r.preRetirementDeath?.spouseMonthly ?? ''}>
          {r.preRetirementDeath ? (
            <>
              <strong>{money(r.preRetirementDeath.spouseMonthly)}</strong> a month to the spouse
              {basisLabel(r.preRetirementDeath.basis).estimate ? ` (an estimate${detail ? `, ${r.preRetirementDeath.basis}` : ''})` : ''}
            </>
          ) : (
            'none (no spouse on record, or not vested)'
          )}
        </span>
      </Typography>
    </Box>
  );

  const backdrop = (
    <Box component="section" aria-labelledby={`${id}-bd`}>
      <Typography variant="h3" component="h3" id={`${id}-bd`} sx={{ mt: 1.5, mb: 0.5 }}>
        BackDROP
      </Typography>
      {!r.backdrop.eligible ? (
        <Typography variant="body2" data-testid={`result-${P}-backdrop-none`}>
          {P === 'MSEP2011' ? `Not offered in MSEP 2011${rule('BD-1')}.` : bdTrace ? `${bdTrace.text}${rule('BD-1')}.` : `Not available at this date${rule('BD-1')}.`}
        </Typography>
      ) : (
        <>
          <RadioGroup name={`backdrop-${P}`} value={radioValue} onChange={(_, v) => onBackdrop(v === 'none' ? null : Number(v))} aria-labelledby={`${id}-bd`}>
            <TableContainer>
              <Table size="small" sx={tight} data-testid={`result-${P}-backdrop`}>
                <TableHead>
                  <TableRow>
                    <TableCell padding="checkbox">
                      <Box component="span" sx={visuallyHidden}>
                        Choose
                      </Box>
                    </TableCell>
                    <TableCell>Period, BackDROP date</TableCell>
                    <TableCell align="right">{detail ? 'FAP at B' : 'Final average pay then'}</TableCell>
                    <TableCell align="right">{detail ? 'LIA at B' : 'Life income then'}</TableCell>
                    <TableCell align="right">{detail ? 'Temporary at B' : 'Temporary then'}</TableCell>
                    <TableCell align="right">{detail ? 'Monthly at R' : 'Monthly at retirement'}</TableCell>
                    <TableCell align="right">Lump sum</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  <TableRow selected={!anySelected} data-testid={`result-${P}-backdrop-0`} data-selected={String(!anySelected)}>
                    <TableCell padding="checkbox">
                      <Radio value="none" slotProps={{ input: { 'aria-label': 'No BackDROP' } }} size="small" sx={radioFocusRing} />
                    </TableCell>
                    <TableCell>No BackDROP</TableCell>
                    <TableCell align="right">{money(r.finalAveragePay)}</TableCell>
                    <TableCell align="right">—</TableCell>
                    <TableCell align="right">{r.temporaryBenefit ? money(r.temporaryBenefit.monthly) : '—'}</TableCell>
                    <TableCell align="right">{money(r.lifeIncomeAnnuity)}</TableCell>
                    <TableCell align="right">—</TableCell>
                  </TableRow>
                  {r.backdrop.periods.map((p) => (
                    <TableRow key={p.months} selected={p.selected} data-testid={`result-${P}-backdrop-${p.months}`} data-selected={String(p.selected)}>
                      <TableCell padding="checkbox">
                        <Radio value={String(p.months)} size="small" sx={radioFocusRing} slotProps={{ input: { 'aria-label': `${p.months}-month BackDROP from ${longDate(p.backdropDate)}` } }} />
                      </TableCell>
                      <TableCell>
                        <strong>{p.months} months</strong>
                        {p.selected && <Chip size="small" color="primary" label="chosen" sx={{ ml: 0.5, height: 20 }} />}
                        <br />
                        <span data-testid={`result-${P}-backdrop-${p.months}-date`}>{longDate(p.backdropDate)}</span>
                      </TableCell>
                      <TableCell align="right" data-testid={`result-${P}-backdrop-${p.months}-fap`}>
                        {money(p.finalAveragePay)}
                      </TableCell>
                      <TableCell align="right" data-testid={`result-${P}-backdrop-${p.months}-lia`}>
                        {money(p.lifeIncomeAnnuity)}
                      </TableCell>
                      <TableCell align="right" data-testid={`result-${P}-backdrop-${p.months}-temporary`}>
                        {money(p.temporaryMonthly)}
                      </TableCell>
                      <TableCell align="right" data-testid={`result-${P}-backdrop-${p.months}-monthly`} data-value={p.monthlyAtRetirement} sx={{ fontWeight: 700 }}>
                        {money(p.monthlyAtRetirement)}
                      </TableCell>
                      <TableCell align="right" data-testid={`result-${P}-backdrop-${p.months}-lump`} data-value={p.lumpSum} sx={{ fontWeight: 700 }}>
                        {money(p.lumpSum)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </RadioGroup>
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            “Then” is the BackDROP date. Monthly at retirement is the life amount had the member retired on the BackDROP date, with the cost-of-living increases of each year
            through retirement{rule('BD-3')}; the lump sum is 90% of the life and temporary payments from the BackDROP date to retirement{rule('BD-4')}.
          </Typography>
          <Typography variant="body2" component="div" sx={{ mt: 0.5 }} data-testid={`result-${P}-bd5`}>
            {detail && <Chip size="small" variant="outlined" label="BD-5" sx={{ mr: 0.5, height: 20 }} />}
            The lump sum is paid as cash (20% federal withholding), a direct rollover to MO Deferred Comp or an IRA, or a split of the two
            {installments ? ', or as cash in three annual installments' : ''}. A rollover anywhere but MO Deferred Comp needs the receiving institution&apos;s signature.
          </Typography>
          {bdNotes.map((n, i) => (
            <Alert key={i} severity={n.rule === 'BD-5' ? 'warning' : 'info'} sx={{ mt: 0.5, py: 0 }} data-testid={`result-${P}-note-${n.rule}`}>
              {detail && <strong>{n.rule}. </strong>}
              {detail ? n.text : n.text.replace(/^Interpretation: (.)/, (_, c: string) => c.toUpperCase())}
            </Alert>
          ))}
        </>
      )}
    </Box>
  );

  const deadlines = (
    <Box component="section" aria-labelledby={`${id}-dl`}>
      <Typography variant="h3" component="h3" id={`${id}-dl`} sx={{ mt: 1.5, mb: 0.5 }}>
        Deadlines
      </Typography>
      <Table size="small" sx={tight}>
        <TableBody>
          <Row label={`Application: earliest filing${rule('PROC-1')}`} testid={`result-${P}-deadline-applicationEarliest`} data-date={r.deadlines.applicationEarliest}>
            {longDate(r.deadlines.applicationEarliest)}
          </Row>
          <Row label={`Application due${rule('PROC-1')}`} testid={`result-${P}-deadline-applicationDue`} data-date={r.deadlines.applicationDue}>
            {longDate(r.deadlines.applicationDue)}
          </Row>
          <Row label={`Election form due${rule('PROC-2')}`} testid={`result-${P}-deadline-electionDue`} data-date={r.deadlines.electionDue}>
            {longDate(r.deadlines.electionDue)}
          </Row>
          <Row label={`Void if not complete by${rule('PROC-4')}`} testid={`result-${P}-deadline-voidAfter`} data-date={r.deadlines.voidAfter}>
            {longDate(r.deadlines.voidAfter)}
          </Row>
          <Row label={`First payment${rule('PROC-5')}`} testid={`result-${P}-deadline-firstPaymentDate`} data-date={r.deadlines.firstPaymentDate}>
            {longDate(r.deadlines.firstPaymentDate)}
          </Row>
        </TableBody>
      </Table>
    </Box>
  );

  return (
    <Paper component="section" aria-labelledby={`${id}-title`} sx={{ p: 2, minWidth: 0 }} data-testid={`result-${P}`}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h2" component="h2" id={`${id}-title`} sx={{ flexGrow: 1 }}>
          {plan}
        </Typography>
        <Button variant="outlined" size="small" onClick={() => setTraceOpen(true)} aria-haspopup="dialog" data-testid={`how-${P}`}>
          How was this figured?
        </Button>
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, my: 1 }}>
        <Chip color={statusColor} label={r.status === 'not-eligible' ? 'Not eligible' : r.status === 'normal' ? 'Normal' : 'Early'} size="small" sx={{ fontWeight: 700 }} />
        <Typography data-testid={`result-${P}-status`} data-status={r.status} data-rule={r.normalRule ?? ''} sx={{ fontWeight: 700 }}>
          {statusText(r, retirementDate, detail)}
        </Typography>
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: wide ? 'minmax(0, 1fr) minmax(0, 1fr)' : 'minmax(0, 1fr)', columnGap: 3 }}>
        <Box sx={{ minWidth: 0 }}>
          {figures}
          {options}
        </Box>
        <Box sx={{ minWidth: 0 }}>
          {backdrop}
          {deadlines}
        </Box>
      </Box>
      <TraceDialog result={r} retirementDate={retirementDate} open={traceOpen} onClose={() => setTraceOpen(false)} />
    </Paper>
  );
}

const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;
