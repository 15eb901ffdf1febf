import type { Member, PlanCode } from '../domain/case-schema';
import { compareDates, date, parseDate } from './dates';
import type { Lines } from './notes';

const MSEP2000_START = date(2000, 7, 1);
const MSEP2011_START = date(2011, 1, 1);

/** PLAN-1..3: the plan the member belongs to, from the employment history. */
export function derivePlan(member: Member): PlanCode {
  const first = parseDate(member.firstEmploymentDate);
  if (member.returnedAfterBuyout) return 'MSEP2011'; // PLAN-3
  if (compareDates(first, MSEP2011_START) >= 0) return 'MSEP2011'; // PLAN-3
  if (compareDates(first, MSEP2000_START) >= 0) return 'MSEP2000'; // PLAN-2
  if (member.leftBeforeVestingAndReturned) return 'MSEP2000'; // PLAN-2
  return 'MSEP'; // PLAN-1
}

/** PLAN-1, PLAN-4: the plans whose results the estimate shows, in order. */
export function electablePlans(member: Member, trace: Lines, notes: Lines): PlanCode[] {
  const derived = derivePlan(member);
  const plan = member.plan ?? derived;
  if (member.plan && member.plan !== derived) {
    notes.add('PLAN-4', `The plan is set to ${member.plan} by the counselor; the employment history gives ${derived}.`);
  }
  trace.add('PLAN-1', `Plan: ${plan}${member.plan ? ' (counselor override)' : ` (first employed ${member.firstEmploymentDate})`}`);
  if (plan === 'MSEP') {
    trace.add('PLAN-1', 'An MSEP member chooses MSEP or MSEP 2000 at retirement: both results are shown');
    return ['MSEP', 'MSEP2000'];
  }
  return [plan];
}
