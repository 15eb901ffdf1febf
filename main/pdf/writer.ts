// The page writer shared by every document: a header band with the system's name and the form
// id, section bars, rows of boxed and labelled fields, tables and paragraphs, with page breaks.
import type { PDFPage, RGB } from 'pdf-lib';
import { BASELINE_DROP, COLORS, FORM_REVISION, PAGE, TYPE, type DocContext, type DocumentMeta, type Rect } from './context';
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
const MEASURING: ReadonlySet<string | symbol> = new Set(['font', 'fonts', 'fitFieldText', 'memberName', 'flatten']);
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
    const bandY = top - BAND_HEIGHT;
    this.ctx.fillRect(this.page, { x: this.left, y: bandY, width: this.width, height: BAND_HEIGHT }, COLORS.band);
    const base = bandY + BAND_HEIGHT / 2 - BASELINE_DROP * TYPE.band;
    this.ctx.text(this.page, "MISSOURI STATE EMPLOYEES' RETIREMENT SYSTEM", { x: this.left + 8, y: base, size: TYPE.band, weight: 'bold', color: COLORS.bandText, field: 'header' });
    const right = `Form ${this.meta.code}  ·  ${FORM_REVISION}${this.meta.step ? `  ·  ${this.meta.step}` : ''}`;
    this.ctx.text(this.page, right, { x: this.left, y: base, size: TYPE.band, color: COLORS.bandText, field: 'header', align: 'right', width: this.width - 8 });
    if (first) {
      const titleFit = fitText(this.ctx.font('bold'), this.meta.title, this.width, TYPE.title * LINE_HEIGHT, { maxSize: TYPE.title, minSize: 11 });
      let y = bandY - 6 - titleFit.size;
      for (const line of titleFit.lines) {
        this.ctx.text(this.page, line, { x: this.left, y, size: titleFit.size, weight: 'bold', color: COLORS.band, field: 'title' });
        y -= titleFit.lineHeight;
      }
      y += titleFit.lineHeight;
      if (this.meta.subtitle) {
        const lines = wrapText(this.ctx.font('regular'), normalizeText(this.meta.subtitle), TYPE.subtitle, this.width);
        for (const line of lines) {
          y -= TYPE.subtitle * LINE_HEIGHT;
          this.ctx.text(this.page, line, { x: this.left, y, size: TYPE.subtitle, color: COLORS.muted, field: 'subtitle' });
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
      const y = bandY - 6 - 10;
      this.ctx.text(this.page, `${this.meta.title} (continued)`, { x: this.left, y, size: 10, weight: 'bold', color: COLORS.band, field: 'title' });
      this.y = y - 10;
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
    const room = this.y - PAGE.bottom;
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
    if (this.y - height < PAGE.bottom) this.newPage();
  }

  gap(h = 6): void {
    this.y -= h;
  }

  /** A section bar; keeps `keepWith` points of what follows on the same page. */
  section(title: string, keepWith = 40): void {
    const h = 15;
    this.sectionTitle = title;
    this.ensure(h + keepWith);
    const y = this.y - h;
    this.ctx.fillRect(this.page, { x: this.left, y, width: this.width, height: h }, COLORS.sectionFill);
    this.ctx.fillRect(this.page, { x: this.left, y, width: 3, height: h }, COLORS.band);
    this.ctx.text(this.page, title, { x: this.left + 8, y: y + h / 2 - BASELINE_DROP * TYPE.section, size: TYPE.section, weight: 'bold', color: COLORS.band, field: 'section' });
    this.y = y - 4;
  }

  /** Wrapped text, breaking across pages between lines. */
  paragraph(text: string, opts: { size?: number; weight?: 'regular' | 'bold'; color?: RGB; field?: string; indent?: number; after?: number } = {}): void {
    const size = opts.size ?? TYPE.body;
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
    const size = opts.size ?? TYPE.body;
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
    const size = TYPE.body;
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
      const w = CHECK + 4 + textWidth(font, normalizeText(label), TYPE.body) + 12;
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
   * A field's tooltip in words (decision 50): its label; a label like "Primary beneficiary 1:
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
    let height = opts.minHeight ?? ROW_MIN;
    const fits: (FitResult | null)[] = cells.map((c, i) => {
      const w = (widths[i] ?? 0) - 2 * CELL_PAD;
      if (c.kind === 'checks' || c.kind === 'radio') {
        const labels = c.kind === 'checks' ? c.items.map((it) => it.label) : c.options.map((o) => o.label);
        const { lines } = this.inlineItems(labels, w);
        height = Math.max(height, LABEL_AREA + lines * ITEM_LINE + 4);
        return null;
      }
      const vh = height - LABEL_AREA - 2;
      const fit = this.ctx.fitFieldText(c.value, w, vh, { multiline: c.multiline });
      if (fit.overflows) height = Math.max(height, fit.height + 2 + LABEL_AREA + 2 + 2);
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
      this.ctx.text(this.page, c.label.toUpperCase(), { x: x + CELL_PAD, y: top - 6.8, size: TYPE.label, color: COLORS.muted, field: 'label' });
      const area: Rect = { x: x + CELL_PAD, y: bottom + 2, width: w - 2 * CELL_PAD, height: height - LABEL_AREA - 2 };
      if (c.kind === 'checks' || c.kind === 'radio') {
        const labels = c.kind === 'checks' ? c.items.map((it) => it.label) : c.options.map((o) => o.label);
        const { at } = this.inlineItems(labels, area.width);
        let groupTip = '';
        labels.forEach((label, k) => {
          const pos = at[k] ?? { dx: 0, line: 0 };
          const cy = top - LABEL_AREA - ITEM_LINE * pos.line - ITEM_LINE / 2 - 1;
          const rect: Rect = { x: area.x + pos.dx, y: cy - CHECK / 2 + 1, width: CHECK, height: CHECK };
          if (c.kind === 'checks') {
            const item = c.items[k];
            if (item) this.ctx.checkBox(item.field, this.tooltip(`${c.label}: ${item.label}`), this.page, rect, item.checked);
          } else {
            const opt = c.options[k];
            if (k === 0) groupTip = this.tooltip(c.label, rowGroup);
            if (opt) this.ctx.radioOption(c.group, groupTip, opt.value, opt.label, this.page, rect, c.selected === opt.value);
          }
          this.ctx.text(this.page, label, { x: rect.x + CHECK + 4, y: cy - BASELINE_DROP * TYPE.body, size: TYPE.body, field: 'label' });
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
    const size = opts.size ?? 8;
    const lh = size * LINE_HEIGHT;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const regular = this.ctx.font('regular');
    const bold = this.ctx.font('bold');
    const headerLines = columns.map((c, i) => wrapText(bold, normalizeText(c.header), TYPE.tableHeader, (widths[i] ?? 0) - 8));
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * TYPE.tableHeader * LINE_HEIGHT + 6;
    const drawHeader = (): void => {
      const y0 = this.y - headerHeight;
      this.ctx.fillRect(this.page, { x: this.left, y: y0, width: this.width, height: headerHeight }, COLORS.sectionFill);
      let x = this.left;
      columns.forEach((c, i) => {
        const w = widths[i] ?? 0;
        const lines = headerLines[i] ?? [];
        const hl = TYPE.tableHeader * LINE_HEIGHT;
        lines.forEach((line, k) => {
          const y = this.y - 3 - hl * k - hl / 2 - BASELINE_DROP * TYPE.tableHeader;
          this.ctx.text(this.page, line, { x: x + 4, y, size: TYPE.tableHeader, weight: 'bold', color: COLORS.band, field: 'table.header', align: c.align ?? 'left', width: w - 8 });
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
        const w = (widths[i] ?? 0) - 8 - (i === 0 && opts.radioColumn ? 14 : 0);
        return wrapText(font, normalizeText(text), size, w);
      });
      const h = Math.max(...cellLines.map((l) => l.length)) * lh + 5;
      if (this.y - h < PAGE.bottom) {
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
            const rect: Rect = { x: x + 4, y: this.y - 2.5 - lh / 2 - 4.5 + 1, width: 9, height: 9 };
            groupTip ??= this.tooltip(opts.radioLabel ?? (this.sectionTitle || (columns[0]?.header ?? 'Choice')));
            this.ctx.radioOption(row.radio.group, groupTip, row.radio.value, (row.cells[0] ?? row.radio.value).replace(/\s+/g, ' '), this.page, rect, row.radio.selected);
          }
          tx += 14;
          tw -= 14;
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

  /** Signature lines with their captions. */
  signatures(items: { label: string; width: number }[]): void {
    const h = 34;
    this.ensure(h);
    const total = items.reduce((s, i) => s + i.width, 0);
    let x = this.left;
    const lineY = this.y - 22;
    for (const item of items) {
      const w = (item.width / total) * this.width;
      this.ctx.line(this.page, x, lineY, x + w - 14, lineY, COLORS.ink, 0.75);
      this.ctx.text(this.page, item.label, { x, y: lineY - 9, size: TYPE.small, color: COLORS.muted, field: 'label' });
      x += w;
    }
    this.y -= h + 4;
  }
}
