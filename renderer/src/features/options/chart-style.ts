import type { PlanCode } from '../../../../shared/domain/case-schema';

// Colours with at least 4.5:1 contrast on white; every series also differs by dash pattern.
export const PLAN_COLORS: Record<PlanCode, string> = { MSEP: '#0b3d6e', MSEP2000: '#8a4b08', MSEP2011: '#1b5e20' };
export const SERIES_STYLES: { color: string; dash: string }[] = [
  { color: '#6a1b9a', dash: '8 4' },
  { color: '#00695c', dash: '3 3' },
  { color: '#b00020', dash: '12 4 3 4' },
  { color: '#37474f', dash: '2 5' },
  { color: '#ad1457', dash: '16 5' },
];

const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jan 2027" for a month index (year × 12 + month − 1). */
export function shortMonth(index: number): string {
  const y = Math.floor(index / 12);
  return `${SHORT[index - y * 12]} ${y}`;
}

/** An axis label: "$250,000" (whole dollars; axis values are pixel-side numbers, not amounts). */
export function wholeDollars(v: number): string {
  return `$${Math.round(v).toLocaleString('en-US')}`;
}

/**
 * The theme turns ripples off, which also hides MUI's keyboard-focus ripple on radios (their
 * input is invisible): draw the theme's focus ring on the radio's root instead.
 */
export const radioFocusRing = { '&.Mui-focusVisible': { outline: '3px solid #f5a623', outlineOffset: '-3px', borderRadius: '50%' } } as const;
