// Designation of Agent (Step 1, optional, CW-208), FORM-5. The SSN is masked.
//
// Fields:
//   agent.member.{name,memberId,ssn}              ssn masked
//   agent.primary.{name,phone,address}
//   agent.successor.{name,phone,address}          optional successor agent
import { FORM_CODES, FORM_TITLES } from '../checklist';
import type { DocContext, DocumentMeta } from '../context';
import type { DocumentAgent, DocumentInput } from '../types';
import { DocWriter } from '../writer';
import { memberRows, memberSignature } from './common';

export const AGENT_META: DocumentMeta = { kind: 'designation-of-agent', code: FORM_CODES['designation-of-agent'], title: FORM_TITLES['designation-of-agent'] };

function agentRows(w: DocWriter, name: string, a: DocumentAgent | null | undefined): void {
  w.row([
    { label: 'Name', value: a?.name ?? '', width: 2.4, field: `agent.${name}.name` },
    { label: 'Phone', value: a?.phone ?? '', width: 1, field: `agent.${name}.phone` },
  ]);
  w.row([{ label: 'Mailing address', value: a?.address ?? '', width: 1, field: `agent.${name}.address`, multiline: true }], { minHeight: 36 });
}

export function addDesignationOfAgent(ctx: DocContext, input: DocumentInput): void {
  const m = input.member;
  const w = new DocWriter(ctx, {
    ...AGENT_META,
    step: 'Step 1 · optional',
    subtitle: 'Names someone who may act for you with MOSERS, and a successor if that person cannot.',
  });
  w.section('Member');
  memberRows(w, 'agent', input, { fullSsn: false });
  w.endRows();
  w.section('Agent (FORM-5)');
  agentRows(w, 'primary', m.agent);
  w.endRows();
  w.section('Successor agent (optional)');
  agentRows(w, 'successor', m.successorAgent);
  w.endRows();
  memberSignature(w, 'I designate the agent above, and the successor agent if named, to act for me in matters concerning my MOSERS benefits.');
}
