import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { addMoney } from '../../../../shared/calc/decimal';
import { OPTION_CODES, type Estimate } from '../../../../shared/domain/estimate-schema';
import { money, OPTION_NAMES, PLAN_NAMES } from '../../components/format';

/**
 * Both plans' payment options in one matrix, as the election form prints them: a row for each
 * option (LIFE, JS50, JS100, C60, C120, C180), "not offered" where a plan lacks one. Under a
 * chosen BackDROP each plan's amounts are that period's (BD-3), the total until 62 with its
 * temporary benefit.
 */
export function OptionMatrix({ estimate }: { estimate: Estimate }) {
  const plans = estimate.results
    .filter((r) => r.status !== 'not-eligible')
    .map((r) => {
      const chosen = r.backdrop.periods.find((p) => p.selected) ?? null;
      return { plan: r.plan, options: chosen ? chosen.options : r.options, temporary: chosen ? chosen.temporaryAtRetirement : (r.temporaryBenefit?.monthly ?? null), backdrop: chosen?.months ?? null };
    });
  if (plans.length < 2) return null;
  const any62 = plans.some((p) => p.temporary);
  return (
    <Paper sx={{ p: 1.5 }} component="section" aria-labelledby="matrix-title" data-testid="option-matrix">
      <Typography variant="h3" component="h2" id="matrix-title" sx={{ mb: 0.5 }}>
        Monthly payment by option, both plans
      </Typography>
      <Table size="small" sx={{ '& td, & th': { px: 1, py: 0.25 } }}>
        <TableHead>
          <TableRow>
            <TableCell rowSpan={2}>Option</TableCell>
            {plans.map((p) => (
              <TableCell key={p.plan} colSpan={any62 ? 3 : 2} align="center" sx={{ fontWeight: 700, borderLeft: 1, borderColor: 'divider' }}>
                {PLAN_NAMES[p.plan] ?? p.plan}
                {p.backdrop ? ` with the ${p.backdrop}-month BackDROP` : ''}
              </TableCell>
            ))}
          </TableRow>
          <TableRow>
            {plans.map((p) => [
              <TableCell key={`${p.plan}-m`} align="right" sx={{ borderLeft: 1, borderColor: 'divider' }}>
                Monthly
              </TableCell>,
              <TableCell key={`${p.plan}-s`} align="right">
                Survivor
              </TableCell>,
              any62 && (
                <TableCell key={`${p.plan}-t`} align="right">
                  Until 62
                </TableCell>
              ),
            ])}
          </TableRow>
        </TableHead>
        <TableBody>
          {OPTION_CODES.map((code) => (
            <TableRow key={code} data-testid={`matrix-${code}`}>
              <TableCell component="th" scope="row">
                {OPTION_NAMES[code] ?? code}
              </TableCell>
              {plans.map((p) => {
                const o = p.options.find((x) => x.code === code);
                if (!o)
                  return (
                    <TableCell key={p.plan} colSpan={any62 ? 3 : 2} align="center" sx={{ color: 'text.secondary', borderLeft: 1, borderColor: 'divider' }} data-testid={`matrix-${p.plan}-${code}-monthly`}>
                      not offered
                    </TableCell>
                  );
                return [
                  <TableCell key={`${p.plan}-m`} align="right" sx={{ fontWeight: 700, borderLeft: 1, borderColor: 'divider' }} data-testid={`matrix-${p.plan}-${code}-monthly`}>
                    {money(o.monthly)}
                  </TableCell>,
                  <TableCell key={`${p.plan}-s`} align="right" data-testid={`matrix-${p.plan}-${code}-survivor`}>
                    {o.survivorMonthly ? money(o.survivorMonthly) : o.guaranteedPayments ? `${o.guaranteedPayments} payments` : '—'}
                  </TableCell>,
                  any62 && (
                    <TableCell key={`${p.plan}-t`} align="right" data-testid={`matrix-${p.plan}-${code}-until62`}>
                      {p.temporary ? money(addMoney(o.monthly, p.temporary)) : '—'}
                    </TableCell>
                  ),
                ];
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}
