import type { Migration } from './types';

// FORM-1 and the two-step process: the day each form and proof document was received, as the
// counselor records it (a calendar date; NULL for rows received before this was kept).
export const m0008: Migration = {
  version: 8,
  name: 'received-dates',
  up: `
    ALTER TABLE process_forms ADD COLUMN received_on TEXT;
    ALTER TABLE proof_documents ADD COLUMN received_on TEXT;
  `,
};
