// MONEY-1 at entry: an amount as a counselor types it ("5,395.19", "$5,395.19", " 5395.19 ")
// read as the two-decimal string the caseload keeps, without ever becoming a number.

const TYPED = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?$/;

/**
 * The amount without its dollar sign and thousands commas; the text unchanged (for the schema to
 * refuse with its message) when the commas are not in thousands places or it is not an amount.
 */
export function moneyText(text: string): string {
  const s = text.trim();
  const m = TYPED.exec(s);
  return m ? `${m[1]!.replace(/,/g, '')}${m[2] ?? ''}` : s;
}

/** The message for an amount that cannot be read, in the counselor's words. */
export const MONEY_TEXT_MESSAGE = 'Type an amount in dollars and cents, such as 5,395.19.';
