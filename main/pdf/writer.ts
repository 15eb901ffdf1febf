// The page writer shared by every document: a header band with the system's name and the form
// id, section bars, rows of boxed and labelled fields, tables and paragraphs, with page breaks.
import type { PDFPage, RGB } from 'pdf-lib';
import { BASELINE_DROP, COLORS, FORM_REVISION, LARGE_LABEL_MIN, PAGE, TYPE, type DocContext, type DocumentMeta, type Rect } from './context';
import { normalizeText } from './fonts';
import { fitText, LINE_HEIGHT, textWidth, wrapText, type FitResult } from './text';

export type TextCell = {
  kind?: 'text';
  label: string;
  value: string;
  /** Fraction of the content width; the cells of a row add up to 1. */
  width: number;
  /** AcroForm field name; without one the value is printed as static text. */
  field?: string;
  /** Name of the input in errors, for static text (default: the label). */
  path?: string;
  align?: 'left' | 'right';
  multiline?: boolean;
  /** The field's tooltip in words, when the label alone does not say whose it is. */
  tooltip?: string;
};
export type CheckItem = { field: string; label: string; checked: boolean };
export type ChecksCell = { kind: 'checks'; label: string; width: number; items: CheckItem[] };
export type RadioCell = { kind: 'radio'; label: string; width: number; group: string; options: { value: string; label: string }[]; selected: string | null };
export type Cell = TextCell | ChecksCell | RadioCell;

export type Column = { header: string; width: number; align?: 'left' | 'right' | 'center' };
export type TableRow = {
  cells: string[];
  bold?: boolean;
  shade?: boolean;
  /** A radio button in the first column (an option or period to choose). */
  radio?: { group: string; value: string; selected: boolean };
};

/**
 * A context for a dry run: the measuring methods (fonts, text fitting) are the real ones, every
 * drawing and field method does nothing, so a block lays out exactly as it will when drawn.
 */
const MEASURING: ReadonlySet<string | symbol> = new Set(['font', 'fonts', 'fitFieldText', 'memberName', 'flatten', 'pt', 'k', 'bottom', 'largePrint']);
function measuringContext(ctx: DocContext): DocContext {
  return new Proxy(ctx, {
    get(target, prop) {
      if (MEASURING.has(prop)) {
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      }
      if (prop === 'addPage') throw new Error('measuring: a page break inside a dry run');
      return () => undefined;
    },
  });
}

const BAND_HEIGHT = 20;

/** Two baselines in a band of `height` from `bottom`. */
function baselinesIn(bottom: number, height: number, size: number): [number, number] {
  const lh = size * LINE_HEIGHT;
  const mid = bottom + height / 2;
  return [mid + lh / 2 - BASELINE_DROP * size, mid - lh / 2 - BASELINE_DROP * size];
}
const LABEL_AREA = 9;
const ROW_MIN = 25;
const CELL_PAD = 3;
const CHECK = 8;
const ITEM_LINE = 12;

export class DocWriter {
  readonly ctx: DocContext;
  readonly meta: DocumentMeta & { subtitle?: string; step?: string };
  page!: PDFPage;
  y = 0;
  /** Where the content of the current page starts (below the header band and title). */
  topY = 0;
  /** The current section's title (it names a field whose label is used twice in a document). */
  private sectionTitle = '';
  private readonly tooltips = new Set<string>();

  constructor(ctx: DocContext, meta: DocumentMeta & { subtitle?: string; step?: string }) {
    this.ctx = ctx;
    this.meta = meta;
    this.newPage(true);
  }

  /** A size of the type scale as printed in this edition (large print: see DocContext.pt). */
  s(size: number): number {
    return this.ctx.pt(size);
  }

  /** A spacing, scaled with the type in the large-print edition. */
  g(v: number): number {
    return v * this.ctx.k;
  }

  get left(): number {
    return PAGE.marginX;
  }
  get right(): number {
    return PAGE.width - PAGE.marginX;
  }
  get width(): number {
    return this.right - this.left;
  }

  newPage(first = false): void {
    this.page = this.ctx.addPage(this.meta);
    const top = PAGE.height - PAGE.top;
    const size = this.s(TYPE.band);
    const name = "MISSOURI STATE EMPLOYEES' RETIREMENT SYSTEM";
    const right = `Form ${this.meta.code}  ·  ${FORM_REVISION}${this.meta.step ? `  ·  ${this.meta.step}` : ''}`;
    // The system's name and the form id side by side, or (large print) one above the other.
    const stacked = textWidth(this.ctx.font('bold'), name, size) + textWidth(this.ctx.font('regular'), right, size) + 32 > this.width;
    const bandHeight = stacked ? 2 * size * LINE_HEIGHT + 8 : this.g(BAND_HEIGHT);
    const bandY = top - bandHeight;
    this.ctx.fillRect(this.page, { x: this.left, y: bandY, width: this.width, height: bandHeight }, COLORS.band);
    const [first1, second] = stacked ? baselinesIn(bandY, bandHeight, size) : [bandY + bandHeight / 2 - BASELINE_DROP * size, bandY + bandHeight / 2 - BASELINE_DROP * size];
    this.ctx.text(this.page, name, { x: this.left + 8, y: first1, size, weight: 'bold', color: COLORS.bandText, field: 'header' });
    this.ctx.text(this.page, right, { x: this.left, y: second, size, color: COLORS.bandText, field: 'header', align: stacked ? 'left' : 'right', ...(stacked ? { x: this.left + 8 } : { width: this.width - 8 }) });
    if (first) {
      const titleFit = fitText(this.ctx.font('bold'), this.meta.title, this.width, this.s(TYPE.title) * LINE_HEIGHT, { maxSize: this.s(TYPE.title), minSize: this.s(11) });
      let y = bandY - 6 - titleFit.size;
      for (const line of titleFit.lines) {
        this.ctx.text(this.page, line, { x: this.left, y, size: titleFit.size, weight: 'bold', color: COLORS.band, field: 'title' });
        y -= titleFit.lineHeight;
      }
      y += titleFit.lineHeight;
      if (this.meta.subtitle) {
        const lines = wrapText(this.ctx.font('regular'), normalizeText(this.meta.subtitle), this.s(TYPE.subtitle), this.width);
        for (const line of lines) {
          y -= this.s(TYPE.subtitle) * LINE_HEIGHT;
          this.ctx.text(this.page, line, { x: this.left, y, size: this.s(TYPE.subtitle), color: COLORS.muted, field: 'subtitle' });
        }
      }
      y -= 6;
      this.ctx.line(this.page, this.left, y, this.right, y, COLORS.band, 1);
      this.y = y - 8;
      this.topY = this.y;
      // A form past its due date says so at its top, and what that means (PROC-1..3).
      const overdue = this.ctx.overdue.get(this.meta.kind);
      if (overdue) this.notice(overdue.text, 'warn', { title: overdue.title, field: 'overdue' });
    } else {
      const y = bandY - 6 - this.s(10);
      this.ctx.text(this.page, `${this.meta.title} (continued)`, { x: this.left, y, size: this.s(10), weight: 'bold', color: COLORS.band, field: 'title' });
      this.y = y - this.g(10);
      this.topY = this.y;
    }
  }

  /**
   * Lay out `block` on one page: it is measured first by a dry run of the same code on a page
   * with no bottom (nothing drawn), then a new page is started unless it fits in what is left.
   * A block taller than a whole page starts on a new page and breaks where it must; `keepTogether`
   * calls nested inside it keep their own parts together. Returns the measured height.
   */
  keepTogether(block: (w: DocWriter) => void): number {
    const height = this.measure(block);
    const room = this.y - this.ctx.bottom;
    if (height > room && this.y < this.topY) this.newPage();
    block(this);
    return height;
  }

  /** The height `block` takes when laid out without page breaks; nothing is drawn. */
  measure(block: (w: DocWriter) => void): number {
    const dry = Object.create(DocWriter.prototype) as DocWriter;
    const start = 1e7;
    // What the block asks to keep free below it (ensure looks ahead) counts as well as what it uses.
    let reach = 0;
    const ensure = (height: number): void => {
      reach = Math.max(reach, start - (dry.y - height));
    };
    Object.assign(dry, { ctx: measuringContext(this.ctx), meta: this.meta, page: this.page, y: start, topY: start, ensure, sectionTitle: this.sectionTitle, tooltips: new Set(this.tooltips) });
    block(dry);
    return Math.max(reach, start - dry.y);
  }

  /** Start a new page unless `height` still fits above the footer. */
  ensure(height: number): void {
    if (this.y - height < this.ctx.bottom) this.newPage();
  }

  gap(h = 6): void {
    this.y -= h;
  }

  /** A section bar; keeps `keepWith` points of what follows on the same page. */
  section(title: string, keepWith = 40): void {
    const size = this.s(TYPE.section);
    // Large print: a title wider than the bar wraps and the bar grows.
    const lines = this.ctx.largePrint ? wrapText(this.ctx.font('bold'), normalizeText(title), size, this.width - 12) : [title];
    const h = this.g(15) + (lines.length - 1) * size * LINE_HEIGHT;
    this.sectionTitle = title;
    this.ensure(h + this.g(keepWith));
    const y = this.y - h;
    this.ctx.fillRect(this.page, { x: this.left, y, width: this.width, height: h }, COLORS.sectionFill);
    this.ctx.fillRect(this.page, { x: this.left, y, width: 3, height: h }, COLORS.band);
    lines.forEach((line, j) => {
      const mid = y + h / 2 + ((lines.length - 1) / 2 - j) * size * LINE_HEIGHT;
      this.ctx.text(this.page, line, { x: this.left + 8, y: mid - BASELINE_DROP * size, size, weight: 'bold', color: COLORS.band, field: 'section' });
    });
    this.y = y - 4;
  }

  /** Wrapped text, breaking across pages between lines. */
  paragraph(text: string, opts: { size?: number; weight?: 'regular' | 'bold'; color?: RGB; field?: string; indent?: number; after?: number } = {}): void {
    const size = this.s(opts.size ?? this.s(TYPE.body));
    const indent = opts.indent ?? 0;
    const font = this.ctx.font(opts.weight ?? 'regular');
    const lines = wrapText(font, normalizeText(text), size, this.width - indent);
    const lh = size * LINE_HEIGHT;
    for (const line of lines) {
      this.ensure(lh);
      this.y -= lh;
      this.ctx.text(this.page, line, { x: this.left + indent, y: this.y + lh / 2 - BASELINE_DROP * size, size, weight: opts.weight, color: opts.color, field: opts.field ?? 'text' });
    }
    this.y -= opts.after ?? 3;
  }

  /** A list item with a bullet. */
  bullet(text: string, opts: { size?: number; field?: string } = {}): void {
    const size = this.s(opts.size ?? this.s(TYPE.body));
    const lines = wrapText(this.ctx.font('regular'), normalizeText(text), size, this.width - 12);
    const lh = size * LINE_HEIGHT;
    lines.forEach((line, i) => {
      this.ensure(lh);
      this.y -= lh;
      const base = this.y + lh / 2 - BASELINE_DROP * size;
      if (i === 0) this.ctx.text(this.page, '•', { x: this.left + 2, y: base, size, field: 'bullet' });
      this.ctx.text(this.page, line, { x: this.left + 12, y: base, size, field: opts.field ?? 'text' });
    });
    this.y -= 2;
  }

  /** A boxed notice with a coloured rule on the left, kept on one page. */
  notice(text: string, tone: 'estimate' | 'warn' | 'info' = 'info', opts: { title?: string; field?: string } = {}): void {
    const size = this.s(TYPE.body);
    const lh = size * LINE_HEIGHT;
    const inner = this.width - 16;
    const titleLines = opts.title ? wrapText(this.ctx.font('bold'), normalizeText(opts.title), size, inner) : [];
    const lines = wrapText(this.ctx.font('regular'), normalizeText(text), size, inner);
    const h = (titleLines.length + lines.length) * lh + 8;
    this.ensure(h + 4);
    const color = tone === 'estimate' ? COLORS.estimate : tone === 'warn' ? COLORS.warn : COLORS.band;
    const fill = tone === 'estimate' ? COLORS.estimateFill : tone === 'warn' ? COLORS.warnFill : COLORS.shade;
    const y0 = this.y - h;
    this.ctx.fillRect(this.page, { x: this.left, y: y0, width: this.width, height: h }, fill);
    this.ctx.fillRect(this.page, { x: this.left, y: y0, width: 3, height: h }, color);
    let y = this.y - 4;
    for (const line of titleLines) {
      y -= lh;
      this.ctx.text(this.page, line, { x: this.left + 10, y: y + lh / 2 - BASELINE_DROP * size, size, weight: 'bold', color, field: opts.field ?? 'notice' });
    }
    for (const line of lines) {
      y -= lh;
      this.ctx.text(this.page, line, { x: this.left + 10, y: y + lh / 2 - BASELINE_DROP * size, size, color: COLORS.ink, field: opts.field ?? 'notice' });
    }
    this.y = y0 - 5;
  }

  private inlineItems(labels: string[], width: number): { lines: number; at: { dx: number; line: number }[] } {
    const font = this.ctx.font('regular');
    const at: { dx: number; line: number }[] = [];
    let dx = 0;
    let line = 0;
    for (const label of labels) {
      const w = this.g(CHECK) + 4 + textWidth(font, normalizeText(label), this.s(TYPE.body)) + 12;
      if (dx > 0 && dx + w > width) {
        dx = 0;
        line += 1;
      }
      at.push({ dx, line });
      dx += w;
    }
    return { lines: line + 1, at };
  }

  /**
   * A field's tooltip in words (decision 73): its label; a label like "Primary beneficiary 1:
   * name" names the rest of its row ("Primary beneficiary 1: relationship"); a label already used
   * in this document gets its section's title in front ("Missouri income tax withholding:
   * Filing status").
   */
  tooltip(label: string, rowGroup: string | null = null): string {
    let t = normalizeText(label).replace(/\s+/g, ' ').trim();
    // "Relationship" becomes "… : relationship"; "Social Security number" keeps its capitals.
    if (rowGroup && !t.includes(':')) t = `${rowGroup}: ${/[A-Z]/.test(t.slice(1)) ? t : t.charAt(0).toLowerCase() + t.slice(1)}`;
    if (this.tooltips.has(t) && this.sectionTitle) t = `${this.sectionTitle}: ${t}`;
    this.tooltips.add(t);
    return t;
  }

  /** A row of boxed, labelled fields; the row grows so that no value is ever clipped. */
  row(cells: Cell[], opts: { minHeight?: number } = {}): void {
    const total = cells.reduce((s, c) => s + c.width, 0);
    const widths = cells.map((c) => (c.width / total) * this.width);
    // Large print: a label wider than its cell wraps, and every cell's label area grows with it.
    const labelSize = this.s(TYPE.label);
    const labelLines = cells.map((c, i) =>
      this.ctx.largePrint ? wrapText(this.ctx.font('regular'), normalizeText(c.label.toUpperCase()), labelSize, (widths[i] ?? 0) - 2 * this.g(CELL_PAD)) : [c.label.toUpperCase()],
    );
    const extra = (Math.max(...labelLines.map((l) => l.length)) - 1) * labelSize * LINE_HEIGHT;
    const labelArea = this.g(LABEL_AREA) + extra;
    let height = this.g(opts.minHeight ?? ROW_MIN) + extra;
    const fits: (FitResult | null)[] = cells.map((c, i) => {
      const w = (widths[i] ?? 0) - 2 * this.g(CELL_PAD);
      if (c.kind === 'checks' || c.kind === 'radio') {
        const labels = c.kind === 'checks' ? c.items.map((it) => it.label) : c.options.map((o) => o.label);
        const { lines } = this.inlineItems(labels, w);
        height = Math.max(height, labelArea + lines * this.g(ITEM_LINE) + 4);
        return null;
      }
      const vh = height - labelArea - 2;
      const fit = this.ctx.fitFieldText(c.value, w, vh, { multiline: c.multiline });
      if (fit.overflows) height = Math.max(height, fit.height + 2 + labelArea + 2 + 2);
      return fit;
    });
    this.ensure(height);
    const top = this.y;
    const bottom = top - height;
    let x = this.left;
    const first = cells[0]?.label ?? '';
    const rowGroup = /^([^:]+): [^:]+$/.test(first) ? first.slice(0, first.indexOf(':')) : null;
    cells.forEach((c, i) => {
      const w = widths[i] ?? 0;
      this.ctx.strokeRect(this.page, { x, y: bottom, width: w, height }, COLORS.rule, 0.5);
      (labelLines[i] ?? []).forEach((line, j) => {
        this.ctx.text(this.page, line, { x: x + this.g(CELL_PAD), y: top - this.g(6.8) - j * labelSize * LINE_HEIGHT, size: labelSize, color: COLORS.muted, field: 'label' });
      });
      const area: Rect = { x: x + this.g(CELL_PAD), y: bottom + 2, width: w - 2 * this.g(CELL_PAD), height: height - labelArea - 2 };
      if (c.kind === 'checks' || c.kind === 'radio') {
        const labels = c.kind === 'checks' ? c.items.map((it) => it.label) : c.options.map((o) => o.label);
        const { at } = this.inlineItems(labels, area.width);
        let groupTip = '';
        labels.forEach((label, k) => {
          const pos = at[k] ?? { dx: 0, line: 0 };
          const cy = top - labelArea - this.g(ITEM_LINE) * pos.line - this.g(ITEM_LINE) / 2 - 1;
          const rect: Rect = { x: area.x + pos.dx, y: cy - this.g(CHECK) / 2 + 1, width: this.g(CHECK), height: this.g(CHECK) };
          if (c.kind === 'checks') {
            const item = c.items[k];
            if (item) this.ctx.checkBox(item.field, this.tooltip(`${c.label}: ${item.label}`), this.page, rect, item.checked);
          } else {
            const opt = c.options[k];
            if (k === 0) groupTip = this.tooltip(c.label, rowGroup);
            if (opt) this.ctx.radioOption(c.group, groupTip, opt.value, opt.label, this.page, rect, c.selected === opt.value);
          }
          this.ctx.text(this.page, label, { x: rect.x + this.g(CHECK) + 4, y: cy - BASELINE_DROP * this.s(TYPE.body), size: this.s(TYPE.body), field: 'label' });
        });
      } else if (c.field) {
        this.ctx.textField(c.field, c.tooltip ?? this.tooltip(c.label, rowGroup), this.page, area, c.value, { multiline: c.multiline, align: c.align });
      } else {
        const fit = fits[i];
        if (fit) {
          const inner: Rect = { x: area.x + 2, y: area.y + 1, width: area.width - 4, height: area.height - 2 };
          const refit = this.ctx.fitFieldText(c.value, area.width, area.height, { multiline: c.multiline });
          this.ctx.drawFit(this.page, refit, inner, { field: c.path ?? c.label, align: c.align });
        }
      }
      x += w;
    });
    this.y = bottom;
  }

  /** Close a group of rows with a little space. */
  endRows(): void {
    this.y -= 8;
  }

  /** A table with a shaded header row (repeated after a page break) and wrapped cells. */
  table(columns: Column[], rows: TableRow[], opts: { size?: number; field?: string; radioColumn?: boolean; radioLabel?: string } = {}): void {
    // The radio group's tooltip: the table's own label, else its section's title.
    let groupTip: string | null = null;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const regular = this.ctx.font('regular');
    const bold = this.ctx.font('bold');
    const textRoom = (i: number): number => (widths[i] ?? 0) - 8 - (i === 0 && opts.radioColumn ? this.g(14) : 0);
    // Large print: a figure is never cut across lines. Where a column is too narrow for its
    // longest word at the edition's size, the table's type steps down, never below 12 pt.
    const wholeWords = (size: number, texts: { font: typeof regular; text: string; col: number }[]): number => {
      if (!this.ctx.largePrint) return size;
      let fit = size;
      for (const { font, text, col } of texts) {
        for (const word of normalizeText(text).split(/\s+/)) {
          const w = textWidth(font, word, 1);
          if (w > 0) fit = Math.min(fit, textRoom(col) / w);
        }
      }
      return Math.min(size, Math.floor(fit * 10) / 10);
    };
    const cellSize = wholeWords(this.s(opts.size ?? 8), rows.flatMap((r) => r.cells.map((text, col) => ({ font: r.bold ? bold : regular, text, col }))));
    // Too many columns for whole figures at 12 pt: each row is printed as its own block instead.
    if (this.ctx.largePrint && cellSize < LARGE_LABEL_MIN) {
      this.stackedTable(columns, rows, opts);
      return;
    }
    const size = cellSize;
    const lh = size * LINE_HEIGHT;
    const headerSize = Math.max(this.ctx.largePrint ? LARGE_LABEL_MIN : 0, wholeWords(this.s(TYPE.tableHeader), columns.map((c, col) => ({ font: bold, text: c.header, col }))));
    const headerLines = columns.map((c, i) => wrapText(bold, normalizeText(c.header), headerSize, (widths[i] ?? 0) - 8));
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * headerSize * LINE_HEIGHT + 6;
    const drawHeader = (): void => {
      const y0 = this.y - headerHeight;
      this.ctx.fillRect(this.page, { x: this.left, y: y0, width: this.width, height: headerHeight }, COLORS.sectionFill);
      let x = this.left;
      columns.forEach((c, i) => {
        const w = widths[i] ?? 0;
        const lines = headerLines[i] ?? [];
        const hl = headerSize * LINE_HEIGHT;
        lines.forEach((line, k) => {
          const y = this.y - 3 - hl * k - hl / 2 - BASELINE_DROP * headerSize;
          this.ctx.text(this.page, line, { x: x + 4, y, size: headerSize, weight: 'bold', color: COLORS.band, field: 'table.header', align: c.align ?? 'left', width: w - 8 });
        });
        x += w;
      });
      this.y = y0;
    };
    this.ensure(headerHeight + lh + 6);
    drawHeader();
    rows.forEach((row, r) => {
      const font = row.bold ? bold : regular;
      const cellLines = row.cells.map((text, i) => {
        return wrapText(font, normalizeText(text), size, textRoom(i));
      });
      const h = Math.max(...cellLines.map((l) => l.length)) * lh + 5;
      if (this.y - h < this.ctx.bottom) {
        this.newPage();
        drawHeader();
      }
      const y0 = this.y - h;
      if (row.shade ?? r % 2 === 1) this.ctx.fillRect(this.page, { x: this.left, y: y0, width: this.width, height: h }, COLORS.shade);
      this.ctx.line(this.page, this.left, y0, this.right, y0, COLORS.lightRule, 0.4);
      let x = this.left;
      columns.forEach((c, i) => {
        const w = widths[i] ?? 0;
        let tx = x + 4;
        let tw = w - 8;
        if (i === 0 && opts.radioColumn) {
          if (row.radio) {
            const box = this.g(9);
            const rect: Rect = { x: x + 4, y: this.y - 2.5 - lh / 2 - box / 2 + 1, width: box, height: box };
            groupTip ??= this.tooltip(opts.radioLabel ?? (this.sectionTitle || (columns[0]?.header ?? 'Choice')));
            this.ctx.radioOption(row.radio.group, groupTip, row.radio.value, (row.cells[0] ?? row.radio.value).replace(/\s+/g, ' '), this.page, rect, row.radio.selected);
          }
          tx += this.g(14);
          tw -= this.g(14);
        }
        (cellLines[i] ?? []).forEach((line, k) => {
          const y = this.y - 2.5 - lh * k - lh / 2 - BASELINE_DROP * size;
          this.ctx.text(this.page, line, { x: tx, y, size, weight: row.bold ? 'bold' : 'regular', field: opts.field ?? 'table', align: c.align ?? 'left', width: tw });
        });
        x += w;
      });
      this.y = y0;
    });
    this.y -= 8;
  }

  /**
   * Large print, a table too wide for whole figures: each row a shaded block, its first cell in
   * bold (with the row's radio button), then one line per other column, "Header: value", at
   * body size. The same cells, the same order; each block kept on one page.
   */
  private stackedTable(columns: Column[], rows: TableRow[], opts: { field?: string; radioLabel?: string }): void {
    const size = this.s(TYPE.body);
    const lh = size * LINE_HEIGHT;
    const box = this.g(9);
    let groupTip: string | null = null;
    rows.forEach((row, r) => {
      const head = normalizeText(`${columns[0]?.header ?? ''}: ${row.cells[0] ?? ''}`).replace(/\n/g, ' ');
      const headLines = wrapText(this.ctx.font('bold'), head, size, this.width - 12 - (row.radio ? box + 8 : 0));
      const rest = columns.slice(1).flatMap((c, i) => wrapText(this.ctx.font(row.bold ? 'bold' : 'regular'), normalizeText(`${c.header}: ${(row.cells[i + 1] ?? '').replace(/\n/g, '; ')}`), size, this.width - 24));
      const h = (headLines.length + rest.length) * lh + 8;
      this.ensure(h);
      const y0 = this.y - h;
      if (row.shade ?? r % 2 === 0) this.ctx.fillRect(this.page, { x: this.left, y: y0, width: this.width, height: h }, COLORS.shade);
      this.ctx.line(this.page, this.left, y0, this.right, y0, COLORS.lightRule, 0.6);
      let y = this.y - 4;
      let x = this.left + 6;
      if (row.radio) {
        groupTip ??= this.tooltip(opts.radioLabel ?? (this.sectionTitle || (columns[0]?.header ?? 'Choice')));
        this.ctx.radioOption(row.radio.group, groupTip, row.radio.value, (row.cells[0] ?? row.radio.value).replace(/\s+/g, ' '), this.page, { x, y: y - lh / 2 - box / 2, width: box, height: box }, row.radio.selected);
        x += box + 8;
      }
      for (const line of headLines) {
        y -= lh;
        this.ctx.text(this.page, line, { x, y: y + lh / 2 - BASELINE_DROP * size, size, weight: 'bold', field: opts.field ?? 'table' });
      }
      for (const line of rest) {
        y -= lh;
        this.ctx.text(this.page, line, { x: this.left + 18, y: y + lh / 2 - BASELINE_DROP * size, size, weight: row.bold ? 'bold' : 'regular', field: opts.field ?? 'table' });
      }
      this.y = y0;
    });
    this.y -= 8;
  }

  /** Signature lines with their captions. */
  signatures(items: { label: string; width: number }[]): void {
    const h = this.g(34);
    this.ensure(h);
    const total = items.reduce((s, i) => s + i.width, 0);
    let x = this.left;
    const lineY = this.y - this.g(22);
    for (const item of items) {
      const w = (item.width / total) * this.width;
      this.ctx.line(this.page, x, lineY, x + w - 14, lineY, COLORS.ink, 0.75);
      this.ctx.text(this.page, item.label, { x, y: lineY - this.g(9), size: this.s(TYPE.small), color: COLORS.muted, field: 'label' });
      x += w;
    }
    this.y -= h + 4;
  }
}
