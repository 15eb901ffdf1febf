/** The counselor's local calendar day as YYYY-MM-DD (for lists, never for plan arithmetic). */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** First of the month `n` months after the month of `iso`. */
export function firstOfMonthPlus(iso: string, n: number): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}-01`;
}
