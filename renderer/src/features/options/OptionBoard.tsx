export function OptionBoard(_props: { memberId: number; onSummary?: unknown }) { return <p>OptionBoard</p>; }
