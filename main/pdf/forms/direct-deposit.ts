// Direct Deposit Authorization (Step 1, CW-202), FORM-2. The SSN is masked; the account number
// prints in full because the bank needs it.
//
// Fields:
//   directDeposit.member.{name,memberId,ssn}      ssn masked
//   directDeposit.member.phone
//   directDeposit.benefitType                      "Monthly retirement benefit"
//   directDeposit.bank.institution, directDeposit.bank.routingNumber, directDeposit.bank.accountNumber
//   directDeposit.bank.accountType                 radio: checking | savings
import { isValidAbaRouting } from '../../../shared/domain/validators';
import { FORM_CODES, FORM_TITLES } from '../checklist';
import { TYPE, type DocContext, type DocumentMeta } from '../context';
import type { DocumentInput } from '../types';
import { DocWriter } from '../writer';
import { memberRows, memberSignature } from './common';

export const DIRECT_DEPOSIT_META: DocumentMeta = { kind: 'direct-deposit', code: FORM_CODES['direct-deposit'], title: FORM_TITLES['direct-deposit'] };

export function addDirectDeposit(ctx: DocContext, input: DocumentInput): void {
  const m = input.member;
  const dd = m.directDeposit ?? null;
  const w = new DocWriter(ctx, {
    ...DIRECT_DEPOSIT_META,
    step: 'Step 1',
    subtitle: 'Your monthly benefit is paid by direct deposit on the last working day of each month (PROC-5). Use a separate form for each benefit type paid to a separate account.',
  });
  w.section('Member');
  memberRows(w, 'directDeposit', input, { fullSsn: false });
  w.row([
    { label: 'Phone', value: m.phone ?? '', width: 1, field: 'directDeposit.member.phone' },
    { label: 'Benefit type paid to this account', value: 'Monthly retirement benefit', width: 2, field: 'directDeposit.benefitType' },
  ]);
  w.endRows();
  w.section('Financial institution (FORM-2)');
  w.row([{ label: 'Name of financial institution', value: dd?.institution ?? '', width: 1, field: 'directDeposit.bank.institution' }]);
  w.row([
    { label: 'ABA routing number (9 digits)', value: dd?.routingNumber ?? '', width: 1.2, field: 'directDeposit.bank.routingNumber' },
    { label: 'Account number', value: dd?.accountNumber ?? '', width: 1.6, field: 'directDeposit.bank.accountNumber' },
    {
      kind: 'radio',
      label: 'Account type',
      width: 1.4,
      group: 'directDeposit.bank.accountType',
      options: [
        { value: 'checking', label: 'Checking' },
        { value: 'savings', label: 'Savings' },
      ],
      selected: dd?.accountType ?? null,
    },
  ]);
  w.endRows();
  if (dd && !isValidAbaRouting(dd.routingNumber)) {
    w.notice(`The routing number ${dd.routingNumber} does not pass the ABA checksum (FORM-2). Check it with the financial institution.`, 'warn');
  }
  w.paragraph('Attach a voided check or a letter from the financial institution showing the routing and account numbers.', { size: TYPE.small });
  memberSignature(w, 'I authorize MOSERS to deposit my benefit to the account above, and to recover any payment deposited in error.');
}
