// Trace steps and notes carry the rule id they come from, so a printed figure leads back to RULES.md.
export type RuleLine = { rule: string; text: string };

export class Lines {
  readonly items: RuleLine[] = [];
  add(rule: string, text: string): void {
    if (!this.items.some((l) => l.rule === rule && l.text === text)) this.items.push({ rule, text });
  }
}
