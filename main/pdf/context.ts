// One PDF being built: the embedded fonts, the AcroForm, a label for each page (for the footer
// and the packet's table of contents), and the finishing steps (footers, appearances, flatten).
import { createHash } from 'node:crypto';
import {
  beginMarkedContent,
  clip,
  degrees,
  drawText,
  endMarkedContent,
  endPath,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
} from 'pdf-lib';
import type { PDFCheckBox, PDFFont, PDFForm, PDFOperator, PDFPage, PDFRadioGroup, PDFTextField, PDFWidgetAnnotation, RGB } from 'pdf-lib';
import { assertPrintable, embedFonts, fontRuns, normalizeText, type DocumentFonts, type FallbackId, type FontWeight } from './fonts';
import { compressContentStreams, rawContentStream, useNativeDeflate } from './compress';
import { fitText, wrapText, type FitResult } from './text';

export const PAGE = { width: 612, height: 792, marginX: 36, top: 36, bottom: 58 } as const;

/** Where every form goes back to (the Guide's contact page), printed on every page. */
export const RETURN_TO = 'Return to: MOSERS, PO Box 209, Jefferson City, MO 65102-0209 · (573) 632-6100 · (800) 827-1063 · fax (573) 632-6103 · mosers@mosers.org';

/** The revision of the workstation's forms, printed beside each form number. */
export const FORM_REVISION = 'Rev. 12/2026';

/** The type scale: every size on every document comes from here. */
export const TYPE = {
  band: 8,
  title: 15,
  subtitle: 8.5,
  section: 8.5,
  label: 6,
  value: 10,
  valueMin: 7,
  body: 8.5,
  small: 7.5,
  tableHeader: 7,
  footer: 7,
  footerMin: 5,
} as const;

/**
 * The large-print edition (decision 74): every size of the type scale times LARGE_PRINT, and
 * never below 14 pt for text of 8 pt and more (body, values, tables) nor below 12 pt for the
 * smaller (labels, table headers, footers). Spacing scales by LARGE_PRINT; layout follows, as
 * every block is measured before it is placed.
 */
export const LARGE_PRINT = 1.65;
export const LARGE_BODY_MIN = 14;
export const LARGE_LABEL_MIN = 12;

/** The printed size of a size of the type scale, in the standard or the large-print edition. */
export function printedSize(size: number, largePrint: boolean): number {
  if (!largePrint) return size;
  return Math.max(size >= 8 ? LARGE_BODY_MIN : LARGE_LABEL_MIN, Math.round(size * LARGE_PRINT * 100) / 100);
}

export const COLORS = {
  ink: rgb(0.08, 0.09, 0.11),
  muted: rgb(0.34, 0.37, 0.42),
  band: rgb(0.08, 0.2, 0.37),
  bandText: rgb(1, 1, 1),
  sectionFill: rgb(0.87, 0.9, 0.95),
  shade: rgb(0.95, 0.96, 0.98),
  rule: rgb(0.55, 0.58, 0.63),
  lightRule: rgb(0.8, 0.82, 0.86),
  warn: rgb(0.62, 0.12, 0.08),
  warnFill: rgb(0.99, 0.95, 0.93),
  estimate: rgb(0.55, 0.3, 0.02),
  estimateFill: rgb(1, 0.96, 0.88),
} as const;

/** The documents a packet can hold; each page belongs to one. */
export type DocumentKind =
  | 'cover'
  | 'estimate'
  | 'election-form'
  | 'retirement-application'
  | 'direct-deposit'
  | 'w4p'
  | 'beneficiary-life-insurance'
  | 'optional-life'
  | 'dependent-child-life'
  | 'release-information'
  | 'designation-of-agent'
  | 'backdrop-distribution'
  | 'spousal-consent'
  | 'worksheet';

export type DocumentMeta = { kind: DocumentKind; code: string; title: string };

/** Who every page is about: the footer of every page of every form carries all three. */
export type PageIdentity = { name: string; memberId: string | null; maskedSsn: string };

export type DocumentRange = DocumentMeta & { firstPage: number; lastPage: number };

export type Rect = { x: number; y: number; width: number; height: number };

/** Vertical offset from a line's centre to its baseline (Noto Sans caps 0.714, descent 0.24). */
export const BASELINE_DROP = 0.237;

/** Baselines for `count` lines of `lineHeight`, centred in a box from `bottom` of `height`. */
export function baselines(bottom: number, height: number, count: number, size: number, lineHeight: number): number[] {
  const block = count * lineHeight;
  const top = bottom + (height + block) / 2;
  return Array.from({ length: count }, (_, i) => top - lineHeight * i - lineHeight / 2 - BASELINE_DROP * size);
}

const FIELD_PAD_X = 2;
const FIELD_PAD_Y = 1;

export type TextFieldOptions = {
  multiline?: boolean;
  align?: 'left' | 'right';
  maxSize?: number;
  minSize?: number;
};

/** pdf-lib's protected PDFField.createWidget, used as PDFTextField.addToPage uses it. */
type WidgetFactory = {
  createWidget(options: {
    x: number;
    y: number;
    width: number;
    height: number;
    borderWidth: number;
    borderColor?: RGB;
    backgroundColor?: RGB;
    rotate: ReturnType<typeof degrees>;
    page: PDFRef;
  }): PDFWidgetAnnotation;
};

const BUTTON_BORDER = 0.75;

/** Appearance content of a check box (a tick) or radio button (a dot), on and off. */
function buttonArt(kind: 'check' | 'radio', w: number, h: number): { on: string; off: string } {
  const ink = rgbOp(COLORS.ink, 'RG');
  const inkFill = rgbOp(COLORS.ink, 'rg');
  const b = BUTTON_BORDER;
  if (kind === 'check') {
    const off = `q 1 1 1 rg 0 0 ${num(w)} ${num(h)} re f ${ink} ${num(b)} w ${num(b / 2)} ${num(b / 2)} ${num(w - b)} ${num(h - b)} re S Q`;
    const tick = `q ${ink} ${num(Math.max(1, w * 0.13))} w 1 J 1 j ${num(w * 0.22)} ${num(h * 0.52)} m ${num(w * 0.42)} ${num(h * 0.27)} l ${num(w * 0.8)} ${num(h * 0.78)} l S Q`;
    return { off, on: `${off} ${tick}` };
  }
  const circle = (r: number, cx: number, cy: number): string => {
    const k = 0.5523 * r;
    return [
      `${num(cx + r)} ${num(cy)} m`,
      `${num(cx + r)} ${num(cy + k)} ${num(cx + k)} ${num(cy + r)} ${num(cx)} ${num(cy + r)} c`,
      `${num(cx - k)} ${num(cy + r)} ${num(cx - r)} ${num(cy + k)} ${num(cx - r)} ${num(cy)} c`,
      `${num(cx - r)} ${num(cy - k)} ${num(cx - k)} ${num(cy - r)} ${num(cx)} ${num(cy - r)} c`,
      `${num(cx + k)} ${num(cy - r)} ${num(cx + r)} ${num(cy - k)} ${num(cx + r)} ${num(cy)} c`,
    ].join(' ');
  };
  const cx = w / 2;
  const cy = h / 2;
  const r = Math.min(w, h) / 2 - b / 2;
  const off = `q 1 1 1 rg ${ink} ${num(b)} w ${circle(r, cx, cy)} b Q`;
  return { off, on: `${off} q ${inkFill} ${circle(r * 0.45, cx, cy)} f Q` };
}

/** A page's drawing, as PDF content operators (written as one stream when the document is finished). */
type Canvas = { parts: string[]; fonts: Map<FontWeight, string>; fallbacks: Map<PDFFont, string> };

/** A number for a content stream: at most 3 decimals, never exponent notation. */
function num(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? '0' : String(r);
}

function rgbOp(c: RGB, op: 'rg' | 'RG'): string {
  return `${num(c.red)} ${num(c.green)} ${num(c.blue)} ${op}`;
}

export class DocContext {
  readonly doc: PDFDocument;
  readonly form: PDFForm;
  readonly fonts: DocumentFonts;
  readonly memberName: string;
  readonly flatten: boolean;
  /** The large-print edition: sizes through `pt`, spacing times `k`, a taller footer. */
  readonly largePrint: boolean;
  /** The spacing factor: 1, or LARGE_PRINT. */
  readonly k: number;
  /** The lowest line content may reach: above the footer. */
  readonly bottom: number;
  private readonly pageMeta = new Map<PDFPage, DocumentMeta>();
  private readonly radios = new Map<string, { group: PDFRadioGroup; selected: string | null }>();
  private readonly fieldFits = new Map<string, TextFieldOptions>();
  private readonly canvases = new Map<PDFPage, Canvas>();
  private readonly buttons: (PDFCheckBox | PDFRadioGroup)[] = [];
  private readonly buttonStreams = new Map<string, { on: PDFRef; off: PDFRef }>();
  private readonly textFields: PDFTextField[] = [];
  /** PROC-1..3: the overdue flag each form prints at its top, by document kind (set by the packet). */
  readonly overdue = new Map<DocumentKind, { title: string; text: string }>();
  /** When set, new pages are inserted from this index on (the cover sheet goes in front). */
  insertAt: number | null = null;

  /** Printed in every page footer: the member's name, member ID and masked SSN. */
  readonly identity: PageIdentity;

  private constructor(doc: PDFDocument, fonts: DocumentFonts, identity: PageIdentity, flatten: boolean, largePrint: boolean) {
    this.doc = doc;
    this.form = doc.getForm();
    this.fonts = fonts;
    this.identity = identity;
    this.memberName = identity.name;
    this.flatten = flatten;
    this.largePrint = largePrint;
    this.k = largePrint ? LARGE_PRINT : 1;
    this.bottom = largePrint ? this.largeFooter().top + 10 : PAGE.bottom;
    // Default resources for viewers that redraw a field: our font, never Helvetica.
    this.form.acroForm.dict.set(PDFName.of('DR'), doc.context.obj({ Font: { [fonts.regular.name]: fonts.regular.ref } }));
    this.form.acroForm.dict.set(PDFName.of('DA'), PDFString.of(`/${fonts.regular.name} ${printedSize(TYPE.value, largePrint)} Tf 0 g`));
  }

  /**
   * `title` is the PDF Title (the member ID, never the name); `createdAt` the instant of the
   * build (ISO 8601, from the caller's clock), the creation date and the seed of the trailer ID
   * and the subset tags, so the same document built at the same instant is the same bytes.
   */
  static async create(identity: PageIdentity, opts: { flatten: boolean; title: string; createdAt?: string | undefined; fallbacks?: Iterable<FallbackId>; largePrint?: boolean | undefined }): Promise<DocContext> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const createdAt = opts.createdAt ?? new Date().toISOString();
    doc.setTitle(opts.title);
    doc.setAuthor("Missouri State Employees' Retirement System");
    doc.setCreator('MOSERS counselor workstation');
    doc.setProducer('MOSERS counselor workstation (pdf-lib)');
    doc.setCreationDate(new Date(createdAt));
    doc.setModificationDate(new Date(createdAt));
    // Accessibility (decision 73): the language of every text, and the Title shown in a viewer's
    // title bar instead of the file name.
    doc.catalog.set(PDFName.of('Lang'), PDFString.of('en-US'));
    doc.catalog.getOrCreateViewerPreferences().setDisplayDocTitle(true);
    useNativeDeflate(doc.context);
    const seed = `${opts.title}|${createdAt}|${opts.flatten ? 'flat' : 'fillable'}${opts.largePrint ? '|large' : ''}`;
    const fonts = await embedFonts(doc, { fullRegular: !opts.flatten, tagSeed: seed, fallbacks: opts.fallbacks ?? [] });
    // The trailer ID (ISO 32000-1, 14.4): both halves the same for a new document.
    const id = createHash('sha256').update(seed).digest('hex').slice(0, 32);
    doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
    return new DocContext(doc, fonts, identity, opts.flatten, opts.largePrint ?? false);
  }

  /** The printed size of a size of the type scale (see `printedSize`). */
  pt(size: number): number {
    return printedSize(size, this.largePrint);
  }

  font(weight: FontWeight): PDFFont {
    return this.fonts[weight];
  }

  addPage(meta: DocumentMeta): PDFPage {
    const size: [number, number] = [PAGE.width, PAGE.height];
    let page: PDFPage;
    if (this.insertAt !== null) {
      page = this.doc.insertPage(this.insertAt, size);
      this.insertAt += 1;
    } else {
      page = this.doc.addPage(size);
    }
    this.pageMeta.set(page, meta);
    return page;
  }

  /** Draw one line of text, after checking every character can be printed. */
  text(
    page: PDFPage,
    text: string,
    at: { x: number; y: number; size: number; weight?: FontWeight; color?: RGB; field: string; align?: 'left' | 'right' | 'center'; width?: number },
  ): void {
    const s = normalizeText(text);
    if (s.length === 0) return;
    const weight = at.weight ?? 'regular';
    assertPrintable(s, at.field, weight);
    const font = this.font(weight);
    const runs = fontRuns(font, s);
    let x = at.x;
    if (at.align && at.align !== 'left' && at.width !== undefined) {
      const w = runs.reduce((sum, r) => sum + r.font.widthOfTextAtSize(r.text, at.size), 0);
      x = at.align === 'right' ? at.x + at.width - w : at.x + (at.width - w) / 2;
    }
    const c = this.canvas(page);
    for (const run of runs) {
      const key = run.font === font ? this.fontKey(page, c, weight) : this.fallbackKey(page, c, run.font);
      c.parts.push(`${rgbOp(at.color ?? COLORS.ink, 'rg')} BT ${key} ${num(at.size)} Tf 1 0 0 1 ${num(x)} ${num(at.y)} Tm ${run.font.encodeText(run.text).toString()} Tj ET`);
      x += run.font.widthOfTextAtSize(run.text, at.size);
    }
  }

  private fallbackKey(page: PDFPage, c: Canvas, font: PDFFont): string {
    let key = c.fallbacks.get(font);
    if (!key) {
      key = page.node.newFontDictionary(font.name, font.ref).toString();
      c.fallbacks.set(font, key);
    }
    return key;
  }

  fillRect(page: PDFPage, r: Rect, color: RGB): void {
    this.canvas(page).parts.push(`${rgbOp(color, 'rg')} ${num(r.x)} ${num(r.y)} ${num(r.width)} ${num(r.height)} re f`);
  }

  strokeRect(page: PDFPage, r: Rect, color: RGB, lineWidth: number): void {
    this.canvas(page).parts.push(`${rgbOp(color, 'RG')} ${num(lineWidth)} w ${num(r.x)} ${num(r.y)} ${num(r.width)} ${num(r.height)} re S`);
  }

  line(page: PDFPage, x1: number, y1: number, x2: number, y2: number, color: RGB, lineWidth: number): void {
    this.canvas(page).parts.push(`${rgbOp(color, 'RG')} ${num(lineWidth)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  private canvas(page: PDFPage): Canvas {
    let c = this.canvases.get(page);
    if (!c) {
      c = { parts: [], fonts: new Map(), fallbacks: new Map() };
      this.canvases.set(page, c);
    }
    return c;
  }

  private fontKey(page: PDFPage, c: Canvas, weight: FontWeight): string {
    let key = c.fonts.get(weight);
    if (!key) {
      const font = this.font(weight);
      key = page.node.newFontDictionary(font.name, font.ref).toString();
      c.fonts.set(weight, key);
    }
    return key;
  }

  /** Each page's drawing becomes one content stream (natively deflated), before any flattening. */
  private writeCanvases(): void {
    for (const page of this.doc.getPages()) {
      const c = this.canvases.get(page);
      if (!c || c.parts.length === 0) continue;
      const content = Buffer.from(`q\n${c.parts.join('\n')}\nQ\n`, 'latin1');
      page.node.addContentStream(this.doc.context.register(rawContentStream(this.doc.context, content)));
    }
    this.canvases.clear();
  }

  /** Draw fitted lines (see `fitText`) in a box, vertically centred. */
  drawFit(page: PDFPage, fit: FitResult, box: Rect, opts: { weight?: FontWeight; color?: RGB; field: string; align?: 'left' | 'right' }): void {
    const ys = baselines(box.y, box.height, fit.lines.length, fit.size, fit.lineHeight);
    fit.lines.forEach((line, i) => {
      this.text(page, line, { x: box.x, y: ys[i] ?? box.y, size: fit.size, weight: opts.weight, color: opts.color, field: opts.field, align: opts.align, width: box.width });
    });
  }

  /** The fit a text field will use in a widget of this size (the same computation as its appearance). */
  fitFieldText(value: string, width: number, height: number, opts: TextFieldOptions = {}): FitResult {
    return fitText(this.fonts.regular, normalizeText(value), width - 2 * FIELD_PAD_X, height - 2 * FIELD_PAD_Y, this.valueSizes(opts));
  }

  /** A value's largest and smallest size; in large print a value never shrinks below body size. */
  private valueSizes(opts: TextFieldOptions): { maxSize: number; minSize: number } {
    const maxSize = this.pt(opts.maxSize ?? TYPE.value);
    const minSize = this.pt(opts.minSize ?? TYPE.valueMin);
    return { maxSize, minSize: this.largePrint ? Math.min(maxSize, Math.max(minSize, LARGE_BODY_MIN)) : minSize };
  }

  /**
   * A text field with its value, drawn with our own appearance: shrink to fit, then wrap, in the
   * embedded font (checked character by character, the field name in any error).
   */
  textField(name: string, tooltip: string, page: PDFPage, rect: Rect, value: string, opts: TextFieldOptions = {}): PDFTextField {
    const v = normalizeText(value);
    assertPrintable(v, name, 'regular', true);
    const field = this.form.createTextField(name);
    this.describe(field.acroField.dict, tooltip);
    this.textFields.push(field);
    this.fieldFits.set(name, opts);
    const fit = this.fitFieldText(v, rect.width, rect.height, opts);
    if (opts.multiline || fit.lines.length > 1 || v.includes('\n')) field.enableMultiline();
    if (opts.align === 'right') field.setAlignment(2);
    field.acroField.setDefaultAppearance(`/${this.fonts.regular.name} ${fit.size} Tf 0 g`);
    if (v.length > 0) field.setText(v);
    // What `field.addToPage` does, minus its default appearance, which ours would replace at once
    // (drawing every field twice was a tenth of a packet's build time).
    const widget = (field as unknown as WidgetFactory).createWidget({ ...rect, borderWidth: 0, rotate: degrees(0), page: page.ref });
    const ref = this.doc.context.register(widget.dict);
    this.describe(widget.dict, tooltip, false);
    field.acroField.addWidget(ref);
    field.updateAppearances(this.fonts.regular, (f, w, font) => this.textAppearance(f, w, font));
    this.addFallbackResources(field);
    page.node.addAnnot(ref);
    return field;
  }

  /** Fields whose appearance draws with a fallback font: their streams list it as a resource. */
  private readonly fallbackInAppearance = new Set<string>();

  private addFallbackResources(field: PDFTextField): void {
    if (!this.fallbackInAppearance.has(field.getName())) return;
    for (const widget of field.acroField.getWidgets()) {
      const normal = widget.getNormalAppearance();
      const stream = normal instanceof PDFRef ? this.doc.context.lookup(normal) : normal;
      if (!(stream instanceof PDFStream)) continue;
      const resources = stream.dict.lookup(PDFName.of('Resources'), PDFDict);
      const fonts = resources.lookup(PDFName.of('Font'), PDFDict);
      for (const fb of Object.values(this.fonts.fallbacks)) if (fb) fonts.set(PDFName.of(fb.name), fb.ref);
    }
  }

  private textAppearance(field: PDFTextField, widget: PDFWidgetAnnotation, font: PDFFont): PDFOperator[] {
    const r = widget.getRectangle();
    const opts = this.fieldFits.get(field.getName()) ?? {};
    const text = normalizeText(field.getText() ?? '');
    const fit = fitText(font, text, r.width - 2 * FIELD_PAD_X, r.height - 2 * FIELD_PAD_Y, this.valueSizes(opts));
    field.acroField.setDefaultAppearance(`/${font.name} ${fit.size} Tf 0 g`);
    const ys = baselines(FIELD_PAD_Y, r.height - 2 * FIELD_PAD_Y, fit.lines.length, fit.size, fit.lineHeight);
    const ops: PDFOperator[] = [beginMarkedContent('Tx'), pushGraphicsState(), rectangle(0, 0, r.width, r.height), clip(), endPath()];
    fit.lines.forEach((line, i) => {
      if (line.length === 0) return;
      const runs = fontRuns(font, line);
      const w = runs.reduce((sum, run) => sum + run.font.widthOfTextAtSize(run.text, fit.size), 0);
      let x = opts.align === 'right' ? r.width - FIELD_PAD_X - w : FIELD_PAD_X;
      for (const run of runs) {
        if (run.font !== font) this.fallbackInAppearance.add(field.getName());
        ops.push(
          ...drawText(run.font.encodeText(run.text), {
            color: COLORS.ink,
            font: run.font.name,
            size: fit.size,
            rotate: degrees(0),
            xSkew: degrees(0),
            ySkew: degrees(0),
            x,
            y: ys[i] ?? 0,
          }),
        );
        x += run.font.widthOfTextAtSize(run.text, fit.size);
      }
    });
    ops.push(popGraphicsState(), endMarkedContent());
    return ops;
  }

  /**
   * The words a screen reader speaks for a field (decision 73): the field's /TU, and each
   * widget's /Contents (for a radio button or check box, what marking it means).
   */
  private describe(dict: PDFDict, text: string, tu = true): void {
    const t = normalizeText(text).replace(/\s+/g, ' ').trim();
    if (t.length === 0) throw new Error('a form field needs a tooltip in words');
    dict.set(PDFName.of(tu ? 'TU' : 'Contents'), PDFHexString.fromText(t));
  }

  /** A check box; `tooltip` names what checking it means; its widget says the marked state ("…: yes"). */
  checkBox(name: string, tooltip: string, page: PDFPage, rect: Rect, checked: boolean): void {
    const box = this.form.createCheckBox(name);
    this.buttons.push(box);
    this.describe(box.acroField.dict, tooltip);
    const { widget, ref, width, height } = this.buttonWidget(box, page, rect);
    this.describe(widget.dict, `${tooltip}: yes`, false);
    box.acroField.addWidget(ref);
    widget.setAppearanceState(PDFName.of('Off'));
    this.setButtonAppearance(widget, PDFName.of('Yes'), 'check', width, height);
    page.node.addAnnot(ref);
    if (checked) box.check();
  }

  /**
   * One option of a radio group; the group is created on first use. `tooltip` names the group
   * ("Distribution"), `optionText` the option in words ("Cash"): the widget says both.
   */
  radioOption(group: string, tooltip: string, value: string, optionText: string, page: PDFPage, rect: Rect, selected: boolean): void {
    let entry = this.radios.get(group);
    if (!entry) {
      const g = this.form.createRadioGroup(group);
      this.describe(g.acroField.dict, tooltip);
      this.buttons.push(g);
      entry = { group: g, selected: null };
      this.radios.set(group, entry);
    }
    const g = entry.group;
    const { widget, ref, width, height } = this.buttonWidget(g, page, rect);
    this.describe(widget.dict, `${tooltip}: ${optionText}`, false);
    const onState = g.acroField.addWidgetWithOpt(ref, PDFHexString.fromText(value), !g.isMutuallyExclusive());
    widget.setAppearanceState(PDFName.of('Off'));
    this.setButtonAppearance(widget, onState, 'radio', width, height);
    page.node.addAnnot(ref);
    if (selected) entry.selected = value;
  }

  /**
   * A check box or radio button widget, as pdf-lib's addToPage/addOptionToPage make it (border
   * and background in MK for viewers that redraw), but with appearance streams shared by every
   * button of the same size: pdf-lib drew two streams per button, a tenth of a packet's time.
   */
  private buttonWidget(field: PDFCheckBox | PDFRadioGroup, page: PDFPage, rect: Rect): { widget: PDFWidgetAnnotation; ref: PDFRef; width: number; height: number } {
    const widget = (field as unknown as WidgetFactory).createWidget({
      ...rect,
      borderWidth: BUTTON_BORDER,
      borderColor: COLORS.ink,
      backgroundColor: rgb(1, 1, 1),
      rotate: degrees(0),
      page: page.ref,
    });
    const ref = this.doc.context.register(widget.dict);
    return { widget, ref, width: rect.width + BUTTON_BORDER, height: rect.height + BUTTON_BORDER };
  }

  private setButtonAppearance(widget: PDFWidgetAnnotation, onState: PDFName, kind: 'check' | 'radio', width: number, height: number): void {
    const key = `${kind} ${num(width)} ${num(height)}`;
    let streams = this.buttonStreams.get(key);
    if (!streams) {
      const context = this.doc.context;
      const stream = (content: string) =>
        context.register(
          PDFRawStream.of(
            context.obj({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height], Resources: {} }),
            Buffer.from(content, 'latin1'),
          ),
        );
      const art = buttonArt(kind, width, height);
      streams = { on: stream(art.on), off: stream(art.off) };
      this.buttonStreams.set(key, streams);
    }
    const normal = this.doc.context.obj({});
    normal.set(onState, streams.on);
    normal.set(PDFName.of('Off'), streams.off);
    widget.dict.set(PDFName.of('AP'), this.doc.context.obj({ N: normal }));
  }

  /** The documents in page order, with their page ranges (1-based). */
  documents(): DocumentRange[] {
    const out: DocumentRange[] = [];
    this.doc.getPages().forEach((page, i) => {
      const meta = this.pageMeta.get(page);
      if (!meta) return;
      const last = out[out.length - 1];
      if (last && last.kind === meta.kind && last.lastPage === i) last.lastPage = i + 1;
      else out.push({ ...meta, firstPage: i + 1, lastPage: i + 1 });
    });
    return out;
  }

  pageCount(): number {
    return this.doc.getPageCount();
  }

  removePagesFrom(index: number, count: number): void {
    for (let i = 0; i < count; i++) {
      const page = this.doc.getPage(index);
      this.pageMeta.delete(page);
      this.canvases.delete(page);
      this.doc.removePage(index);
    }
  }

  /**
   * Every page's footer: the form's code and title with "Page N of M" counting the pages of that
   * form (not of the packet), and the member's name, member ID and masked SSN.
   */
  /**
   * The large-print footer, stacked line by line from `top` down (nothing side by side at 12 pt):
   * where to send it, a rule, the form and page (two lines kept for it), the member ID and SSN, the name.
   */
  private largeFooter(): { top: number; size: number; lh: number; returnTo: string[]; name: string[] } {
    const size = this.pt(TYPE.footer);
    const lh = size * 1.22;
    const width = PAGE.width - 2 * PAGE.marginX;
    const returnTo = wrapText(this.fonts.regular, normalizeText(RETURN_TO), size, width);
    const name = wrapText(this.fonts.regular, normalizeText(this.identity.name || 'Member'), size, width);
    const lines = returnTo.length + 2 + 1 + name.length;
    return { top: 24 + lines * lh + 6, size, lh, returnTo, name };
  }

  private drawLargeFooters(): void {
    const pages = this.doc.getPages();
    const ranges = this.documents();
    const id = this.identity;
    const ids = [id.memberId ? `Member ID ${id.memberId}` : 'Member ID not on file', id.maskedSsn ? `SSN ${id.maskedSsn}` : 'SSN not on file'].join('  ·  ');
    const f = this.largeFooter();
    const width = PAGE.width - 2 * PAGE.marginX;
    pages.forEach((page, i) => {
      const meta = this.pageMeta.get(page);
      const range = ranges.find((r) => r.firstPage <= i + 1 && i + 1 <= r.lastPage);
      let y = f.top;
      const put = (line: string, field: string, color: RGB): void => {
        y -= f.lh;
        this.text(page, line, { x: PAGE.marginX, y: y + f.lh / 2 - BASELINE_DROP * f.size, size: f.size, color, field });
      };
      for (const line of f.returnTo) put(line, 'footer.returnTo', COLORS.ink);
      this.line(page, PAGE.marginX, y - 2, PAGE.width - PAGE.marginX, y - 2, COLORS.rule, 0.75);
      y -= 4;
      const pageOf = range ? `Page ${i + 1 - range.firstPage + 1} of ${range.lastPage - range.firstPage + 1}` : `Page ${i + 1} of ${pages.length}`;
      const doc = wrapText(this.fonts.regular, normalizeText(meta ? `${meta.code} (${FORM_REVISION})  ${meta.title}  ·  ${pageOf}` : pageOf), f.size, width);
      const docTop = y;
      for (const line of doc.slice(0, 2)) put(line, 'footer.document', COLORS.muted);
      y = docTop - 2 * f.lh;
      put(ids, 'member.memberId', COLORS.muted);
      for (const line of f.name) put(line, 'member.name', COLORS.muted);
    });
  }

  private drawFooters(): void {
    if (this.largePrint) {
      this.drawLargeFooters();
      return;
    }
    const pages = this.doc.getPages();
    const ranges = this.documents();
    const id = this.identity;
    const ids = [id.memberId ? `Member ID ${id.memberId}` : 'Member ID not on file', id.maskedSsn ? `SSN ${id.maskedSsn}` : 'SSN not on file'].join('  ·  ');
    // The name on its own line, the whole width: a name of NAME_MAX characters in each part
    // (shared/domain/printable.ts) fits in two lines at the smallest footer size.
    const width = PAGE.width - 2 * PAGE.marginX;
    const nameFit = fitText(this.fonts.regular, normalizeText(id.name || 'Member'), width, 2 * TYPE.footerMin * 1.22, { maxSize: TYPE.footer, minSize: TYPE.footerMin });
    const back = fitText(this.fonts.regular, normalizeText(RETURN_TO), width, 10, { maxSize: TYPE.footer, minSize: TYPE.footerMin });
    pages.forEach((page, i) => {
      const meta = this.pageMeta.get(page);
      const range = ranges.find((r) => r.firstPage <= i + 1 && i + 1 <= r.lastPage);
      const y = 38;
      // Where to send it, above the rule.
      this.text(page, back.lines.join(' '), { x: PAGE.marginX, y: y + 12.5, size: back.size, color: COLORS.ink, field: 'footer.returnTo' });
      this.line(page, PAGE.marginX, y + 8, PAGE.width - PAGE.marginX, y + 8, COLORS.rule, 0.5);
      const pageOf = range ? `Page ${i + 1 - range.firstPage + 1} of ${range.lastPage - range.firstPage + 1}` : `Page ${i + 1} of ${pages.length}`;
      const left = meta ? `${meta.code} (${FORM_REVISION})  ${meta.title}  ·  ${pageOf}` : pageOf;
      this.text(page, left, { x: PAGE.marginX, y, size: TYPE.footer, color: COLORS.muted, field: 'footer.document' });
      this.text(page, ids, { x: PAGE.marginX, y, size: TYPE.footer, color: COLORS.muted, field: 'member.memberId', align: 'right', width });
      nameFit.lines.forEach((line, k) => {
        this.text(page, line, { x: PAGE.marginX, y: y - TYPE.footer * 1.22 - k * nameFit.lineHeight, size: nameFit.size, color: COLORS.muted, field: 'member.name', align: 'right', width });
      });
    });
  }

  /** Footers on every page, field appearances in our font, optionally flattened; the bytes. */
  async finish(): Promise<Uint8Array> {
    for (const { group, selected } of this.radios.values()) if (selected !== null) group.select(selected);
    this.drawFooters();
    this.writeCanvases();
    // Every appearance must exist before flattening, in the embedded font: pdf-lib falling back
    // to Helvetica would embed a standard font. Text fields got theirs from `textAppearance` when
    // created; check boxes and radio buttons carry an appearance for both states from the start,
    // so checking or selecting one only sets its state (AS). Any field still lacking one is drawn
    // here: what form.updateFieldAppearances(font) does, without rebuilding a wrapper for every
    // field of the form (PDFForm.getFields() was 12% of a packet's build time).
    for (const field of this.buttons) if (field.needsAppearancesUpdate()) field.defaultUpdateAppearances();
    for (const field of this.textFields) {
      if (field.needsAppearancesUpdate()) {
        field.updateAppearances(this.fonts.regular, (f, w, font) => this.textAppearance(f, w, font));
        this.addFallbackResources(field);
      }
    }
    if (this.flatten) {
      this.form.flatten({ updateFieldAppearances: false });
      this.doc.catalog.delete(PDFName.of('AcroForm'));
      // pdf-lib's removeField takes the appearance ref for the widget's, so the flattened widgets
      // stay listed in /Annots though their objects are deleted (an invalid xref for readers).
      // Our pages carry no other annotations.
      for (const page of this.doc.getPages()) page.node.delete(PDFName.of('Annots'));
    }
    compressContentStreams(this.doc.context);
    return this.doc.save({ updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY });
  }
}

