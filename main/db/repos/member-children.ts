import type { Db } from '../connection';

export type PayRow = { month: string; amount: string };
export type SpouseRow = { name: string; ssn: string | null; birth_date: string; marriage_date: string | null };
export type BeneficiaryRow = {
  designation: string;
  class: string;
  kind: string;
  name: string;
  relationship: string | null;
  birth_date: string | null;
  ssn: string | null;
  address: string | null;
  share: string;
  position: number;
};

/** Pay history, spouse and beneficiaries: rows owned by one member. */
export function memberChildrenRepo(db: Db) {
  const payAll = db.prepare<[number], PayRow>('SELECT month, amount FROM pay_history WHERE member_id = ? ORDER BY month');
  const payDelete = db.prepare('DELETE FROM pay_history WHERE member_id = ?');
  const payInsert = db.prepare('INSERT INTO pay_history (member_id, month, amount) VALUES (?, ?, ?)');
  const spouseGet = db.prepare<[number], SpouseRow>('SELECT name, ssn, birth_date, marriage_date FROM spouses WHERE member_id = ?');
  const spouseDelete = db.prepare('DELETE FROM spouses WHERE member_id = ?');
  const spouseInsert = db.prepare('INSERT INTO spouses (member_id, name, ssn, birth_date, marriage_date) VALUES (?, ?, ?, ?, ?)');
  const benAll = db.prepare<[number], BeneficiaryRow>(
    'SELECT designation, class, kind, name, relationship, birth_date, ssn, address, share, position FROM beneficiaries WHERE member_id = ? ORDER BY designation, position',
  );
  const benDelete = db.prepare('DELETE FROM beneficiaries WHERE member_id = ? AND designation = ?');
  const benInsert = db.prepare(
    'INSERT INTO beneficiaries (member_id, designation, class, kind, name, relationship, birth_date, ssn, address, share, position) VALUES (@member_id, @designation, @class, @kind, @name, @relationship, @birth_date, @ssn, @address, @share, @position)',
  );
  return {
    pay: (memberId: number) => payAll.all(memberId),
    replacePay(memberId: number, rows: PayRow[]): void {
      payDelete.run(memberId);
      for (const r of rows) payInsert.run(memberId, r.month, r.amount);
    },
    spouse: (memberId: number) => spouseGet.get(memberId) ?? null,
    setSpouse(memberId: number, s: SpouseRow | null): void {
      spouseDelete.run(memberId);
      if (s) spouseInsert.run(memberId, s.name, s.ssn, s.birth_date, s.marriage_date);
    },
    beneficiaries: (memberId: number) => benAll.all(memberId),
    replaceBeneficiaries(memberId: number, designation: string, rows: Omit<BeneficiaryRow, 'designation' | 'position'>[]): void {
      benDelete.run(memberId, designation);
      rows.forEach((r, position) => benInsert.run({ ...r, member_id: memberId, designation, position }));
    },
  };
}
export type MemberChildrenRepo = ReturnType<typeof memberChildrenRepo>;
