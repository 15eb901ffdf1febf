import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { APP_ORIGIN, ownOriginUrl, type AppResponse } from './app-protocol';
import { safeFileName } from './policies';
import { LOCKED_DOWN, type LockedDownPreferences } from './window-options';

// The desktop side of saving and printing a packet (main/services/documents.ts DocumentHost),
// without Electron: main/electron/document-host.ts shows the dialogs and the print window with
// these options and serves the PDF to that window from this registry.

/** The print window's own in-memory session: it sees the PDF being printed and nothing else. */
export const PRINT_PARTITION = 'mosers-print';

export type SaveDialogOptions = {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation')[];
};

export function saveDialogOptions(defaultName: string, documentsDir: string): SaveDialogOptions {
  return {
    title: 'Save the packet as PDF',
    defaultPath: join(documentsDir, safeFileName(defaultName)),
    buttonLabel: 'Save',
    filters: [{ name: 'PDF documents', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** The path from a save dialog's answer, with `.pdf` added when the counselor typed none. */
export function chosenSavePath(result: { canceled: boolean; filePath?: string | undefined }): string | null {
  if (result.canceled || !result.filePath) return null;
  return /\.pdf$/i.test(result.filePath) ? result.filePath : `${result.filePath}.pdf`;
}

export type PrintWindowOptions = {
  title: string;
  show: false;
  width: number;
  height: number;
  webPreferences: LockedDownPreferences & {
    partition: string;
    /** Electron's built-in PDF viewer is a plugin: the only window that enables plugins. */
    plugins: true;
    devTools: false;
  };
};

/** A hidden window that loads one PDF for `webContents.print`: no preload, no IPC, no app pages. */
export function printWindowOptions(): PrintWindowOptions {
  return {
    title: 'Print packet',
    show: false,
    width: 850,
    height: 1100,
    webPreferences: {
      ...LOCKED_DOWN,
      partition: PRINT_PARTITION,
      plugins: true,
      devTools: false,
    },
  };
}

/**
 * The PDFs waiting in print windows, each at an unguessable app:// URL of the print session.
 * Bytes leave only through `respond`, and only until `remove`.
 */
export function printJobs() {
  const jobs = new Map<string, Uint8Array>();
  const pathOf = (url: string): string | null => ownOriginUrl(url)?.pathname ?? null;
  return {
    add(bytes: Uint8Array, fileName: string): string {
      const path = `/print/${randomUUID()}/${encodeURIComponent(safeFileName(fileName))}`;
      jobs.set(path, bytes);
      return `${APP_ORIGIN}${path}`;
    },
    respond(url: string, method = 'GET'): AppResponse {
      const path = pathOf(url);
      const bytes = method === 'GET' && path !== null ? jobs.get(path) : undefined;
      const headers = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
      if (!bytes) return { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from('Not found') };
      return { status: 200, headers: { ...headers, 'Content-Type': 'application/pdf' }, body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    },
    remove(url: string): void {
      const path = pathOf(url);
      if (path !== null) jobs.delete(path);
    },
    get size(): number {
      return jobs.size;
    },
  };
}

export type PrintOutcome = { printed: true } | { printed: false; cancelled: boolean; message: string };

/** What `webContents.print`'s callback means for the counselor. */
export function printOutcome(success: boolean, failureReason: string): PrintOutcome {
  if (success) return { printed: true };
  if (/cancel/i.test(failureReason)) return { printed: false, cancelled: true, message: 'Nothing was printed: the print dialog was closed.' };
  return { printed: false, cancelled: false, message: `Printing failed (${failureReason || 'unknown reason'}). Save the PDF and print it from there.` };
}
