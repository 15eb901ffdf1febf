export function PrintScreen(_props: { memberId: number; onSummary?: unknown }) { return <p>PrintScreen</p>; }
