import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { api } from '../../api';

type Entry = ChannelOutput<'members:audit'>[number];

/** Every change to the record: who, when, what, old and new values (masked). */
export function AuditSection({ memberId, version }: { memberId: number; version: number }) {
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Entry[]>([]);
  useEffect(() => {
    if (!open) return;
    void api.members.audit({ id: memberId, limit: 200 }).then((r) => r.ok && setRows(r.value));
  }, [open, memberId, version]);
  return (
    <Accordion expanded={open} onChange={(_, v) => setOpen(v)}>
      <AccordionSummary aria-controls="audit-content" id="audit-header">
        <Typography variant="h3" component="h2">
          Audit trail
        </Typography>
      </AccordionSummary>
      <AccordionDetails id="audit-content">
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>Who</TableCell>
              <TableCell>What</TableCell>
              <TableCell>Before</TableCell>
              <TableCell>After</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((a, i) => (
              <TableRow key={i}>
                <TableCell>{new Date(a.at).toLocaleString()}</TableCell>
                <TableCell>{a.who}</TableCell>
                <TableCell>
                  {a.entity} · {a.field}
                </TableCell>
                <TableCell>{a.oldValue ?? '—'}</TableCell>
                <TableCell>{a.newValue ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </AccordionDetails>
    </Accordion>
  );
}
