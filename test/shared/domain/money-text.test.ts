// MONEY-1 at entry: "5,395.19" and "$5,395.19" are the amount 5395.19; misplaced commas are not.
import { describe, expect, it } from 'vitest';
import { moneySchema } from '../../../shared/domain/case-schema';
import { moneyText } from '../../../shared/domain/money-text';

describe('moneyText', () => {
  it('reads a dollar sign and thousands commas', () => {
    expect(moneyText('5,395.19')).toBe('5395.19');
    expect(moneyText('$5,395.19')).toBe('5395.19');
    expect(moneyText(' $ 1,234,567 ')).toBe('1234567');
    expect(moneyText('5395.1')).toBe('5395.1');
    for (const t of ['5,395.19', '$5,395.19', '$12']) expect(moneySchema.safeParse(moneyText(t)).success, t).toBe(true);
  });
  it('leaves what is not an amount for the schema to refuse', () => {
    for (const t of ['53,95.19', '5,395.199', '-5', '5.395,19', '$', 'five']) expect(moneySchema.safeParse(moneyText(t)).success, t).toBe(false);
  });
});
