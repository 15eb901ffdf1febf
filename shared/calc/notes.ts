// Trace steps and notes carry the rule id they come from, so a printed figure leads back to RULES.md.
export type RuleLine = { rule: string; text: string };

export class Lines {
  readonly items: RuleLine[] = [];
  private readonly seen = new Set<string>();
  /** Notes say each thing once; a trace lists every step in order (`unique` false). */
  constructor(private readonly unique = true) {}
  add(rule: string, text: string): void {
    if (this.unique) {
      const key = `${rule}\u0000${text}`;
      if (this.seen.has(key)) return;
      this.seen.add(key);
    }
    this.items.push({ rule, text });
  }
}
