import type { Db } from '../connection';

export type FormRow = { form: string; status: string; updated_at: string; received_on: string | null };
export type ProofRow = { document: string; received: number; updated_at: string; received_on: string | null };

export function processRepo(db: Db) {
  const forms = db.prepare<[number], FormRow>('SELECT form, status, updated_at, received_on FROM process_forms WHERE member_id = ?');
  const setForm = db.prepare(
    'INSERT INTO process_forms (member_id, form, status, updated_at, received_on) VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id, form) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at, received_on = excluded.received_on',
  );
  const proofs = db.prepare<[number], ProofRow>('SELECT document, received, updated_at, received_on FROM proof_documents WHERE member_id = ?');
  const setProof = db.prepare(
    'INSERT INTO proof_documents (member_id, document, received, updated_at, received_on) VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id, document) DO UPDATE SET received = excluded.received, updated_at = excluded.updated_at, received_on = excluded.received_on',
  );
  return {
    forms: (memberId: number) => forms.all(memberId),
    setForm: (memberId: number, form: string, status: string, at: string, receivedOn: string | null = null) => void setForm.run(memberId, form, status, at, receivedOn),
    proofs: (memberId: number) => proofs.all(memberId),
    setProof: (memberId: number, document: string, received: boolean, at: string, receivedOn: string | null = null) => void setProof.run(memberId, document, received ? 1 : 0, at, receivedOn),
  };
}
