import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import { payMonthSchema } from '../../../../shared/domain/case-schema';
import { MONEY_TEXT_MESSAGE, moneyText } from '../../../../shared/domain/money-text';
import type { MemberRecord } from '../../../../shared/domain/member';
import type { AppError } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { money } from '../../components/format';
import { focusFirstError, useSection } from './sections';
import { useSectionForm } from './useSectionForm';

type Row = { month: string; amount: string };

function nextMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function PayHistorySection({ record, onSaved }: { record: MemberRecord; onSaved: (r: MemberRecord) => void }) {
  const [rows, setRows] = useSectionForm<Row[]>(record.payHistory, () => record.payHistory);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppError | null>(null);

  const update = (i: number, k: keyof Row, v: string) => setRows(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  const add = () => {
    const last = rows[rows.length - 1];
    setRows([...rows, { month: last ? nextMonth(last.month) : '', amount: last?.amount ?? '' }]);
  };
  const box = useRef<HTMLElement>(null);
  const save = async (): Promise<boolean> => {
    const errs: Record<string, string> = {};
    rows.forEach((r, i) => {
      const p = payMonthSchema.safeParse({ ...r, amount: moneyText(r.amount) });
      if (!p.success) for (const issue of p.error.issues) errs[`history[${i}].${String(issue.path[0])}`] = issue.path[0] === 'amount' ? MONEY_TEXT_MESSAGE : issue.message;
    });
    setErrors(errs);
    if (Object.keys(errs).length > 0) {
      focusFirstError(box.current);
      return false;
    }
    const r = await api.pay.set({ memberId: record.id, version: reg?.version() ?? record.version, history: rows.map((r) => ({ ...r, amount: moneyText(r.amount) })) });
    if (r.ok) {
      setError(null);
      onSaved(r.value);
      return true;
    }
    setError(r.error);
    setErrors(r.error.fields ?? {});
    focusFirstError(box.current);
    return false;
  };
  const reg = useSection({ id: 'pay', label: 'pay history', order: 2, dirty: () => JSON.stringify(rows) !== JSON.stringify(record.payHistory), save, discard: () => setRows(record.payHistory) });
  const total = rows.length;
  return (
    <Paper sx={{ p: 2 }} component="section" aria-labelledby="pay-title" ref={box}>
      <Typography variant="h3" component="h2" id="pay-title" gutterBottom>
        Pay history (FAP-1) · {total} months
      </Typography>
      <ErrorNotice error={error} />
      <Box sx={{ maxHeight: 320, overflow: 'auto' }}>
        <Table size="small" stickyHeader aria-label="Monthly pay">
          <TableHead>
            <TableRow>
              <TableCell>Month earned</TableCell>
              <TableCell>Pay</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r, i) => (
              <TableRow key={i}>
                <TableCell>
                  <TextField size="small" value={r.month} onChange={(e) => update(i, 'month', e.target.value)} error={Boolean(errors[`history[${i}].month`])} helperText={errors[`history[${i}].month`]} slotProps={{ htmlInput: { 'aria-label': `Month ${i + 1}`, placeholder: 'YYYY-MM' } }} />
                </TableCell>
                <TableCell>
                  <TextField size="small" value={r.amount} onChange={(e) => update(i, 'amount', e.target.value)} error={Boolean(errors[`history[${i}].amount`])} helperText={errors[`history[${i}].amount`] ?? money(/^\d+(\.\d{1,2})?$/.test(r.amount) ? r.amount : null)} slotProps={{ htmlInput: { 'aria-label': `Pay for month ${i + 1}`, inputMode: 'decimal' } }} />
                </TableCell>
                <TableCell>
                  <IconButton aria-label={`Remove month ${r.month}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                    ×
                  </IconButton>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
        <Button onClick={add}>Add month</Button>
        <Button variant="outlined" onClick={() => void save()} data-testid="save-pay">
          Save pay history
        </Button>
      </Box>
    </Paper>
  );
}
