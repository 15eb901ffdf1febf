import type { Migration } from './types';

// A search by the last 4 digits of the SSN reads its whole answer from one index: on an
// encrypted caseload each table page touched is a page decrypted, so the rows stay in the index.
export const m0006: Migration = {
  version: 6,
  name: 'search-last4-covering',
  up: `
    DROP INDEX members_ssn_last4;
    CREATE INDEX members_ssn_last4_cover ON members (ssn_last4, last_key, first_key, archived, member_id, first_name, last_name, birth_date, retirement_date);
  `,
};
