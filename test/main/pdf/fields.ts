// Read an AcroForm back with pdf-lib: every field by name, with its value.
import { PDFCheckBox, PDFDocument, PDFRadioGroup, PDFTextField } from 'pdf-lib';

export type FieldValue = string | boolean | { selected: string | null; options: string[] };

export async function readFields(bytes: Uint8Array): Promise<Record<string, FieldValue>> {
  const doc = await PDFDocument.load(bytes);
  const out: Record<string, FieldValue> = {};
  for (const f of doc.getForm().getFields()) {
    const name = f.getName();
    if (f instanceof PDFTextField) out[name] = f.getText() ?? '';
    else if (f instanceof PDFCheckBox) out[name] = f.isChecked();
    else if (f instanceof PDFRadioGroup) out[name] = { selected: f.getSelected() ?? null, options: f.getOptions() };
    else throw new Error(`${name}: unexpected field type ${f.constructor.name}`);
  }
  return out;
}

/** The widget rectangle of a field (first widget), in PDF points, and its page index. */
export async function widgetRects(bytes: Uint8Array): Promise<Record<string, { page: number; x: number; y: number; width: number; height: number }[]>> {
  const doc = await PDFDocument.load(bytes);
  const pages = doc.getPages();
  const out: Record<string, { page: number; x: number; y: number; width: number; height: number }[]> = {};
  for (const f of doc.getForm().getFields()) {
    out[f.getName()] = f.acroField.getWidgets().map((w) => {
      const pageRef = w.P();
      const page = pages.findIndex((p) => p.ref === pageRef);
      return { page, ...w.getRectangle() };
    });
  }
  return out;
}
