export function MemberScreen(_props: { memberId: number; onSummary?: unknown }) { return <p>MemberScreen</p>; }
