// Saving and printing a packet in the desktop app (the DocumentHost of main/services/documents.ts):
// a native save dialog, and native printing from a hidden window that shows the PDF in Electron's
// PDF viewer. The PDF never reaches the workstation window: the print window has its own session
// whose app:// serves only the job being printed.
import { app, BrowserWindow, dialog, session, type Session } from 'electron';
import type { DocumentHost } from '../services/documents';
import { APP_SCHEME, responseParts } from '../shell/app-protocol';
import { chosenSavePath, printJobs, printOutcome, printWindowOptions, PRINT_PARTITION, saveDialogOptions } from '../shell/documents-host';

/**
 * The PDF viewer finishes laying out the document shortly after the page load; printing before
 * that gives blank pages.
 */
const PDF_SETTLE_MS = 750;

export function electronDocumentHost(parent: () => BrowserWindow | null, secure: (ses: Session) => void): DocumentHost {
  const jobs = printJobs();
  let printSession: Session | null = null;

  function sessionForPrinting(): Session {
    if (!printSession) {
      const ses = session.fromPartition(PRINT_PARTITION);
      secure(ses);
      ses.protocol.handle(APP_SCHEME, (request) => {
        const { body, init } = responseParts(jobs.respond(request.url, request.method));
        return new Response(body, init);
      });
      printSession = ses;
    }
    return printSession;
  }

  return {
    async chooseSavePath(defaultName) {
      const options = saveDialogOptions(defaultName, app.getPath('documents'));
      const win = parent();
      return chosenSavePath(win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options));
    },
    async print(bytes, fileName) {
      sessionForPrinting();
      const url = jobs.add(bytes, fileName);
      const win = new BrowserWindow(printWindowOptions());
      try {
        await win.loadURL(url);
        await new Promise((resolve) => setTimeout(resolve, PDF_SETTLE_MS));
        const outcome = await new Promise<ReturnType<typeof printOutcome>>((resolve) =>
          win.webContents.print({ printBackground: true }, (success, failureReason) => resolve(printOutcome(success, failureReason))),
        );
        if (outcome.printed) return { outcome: 'printed' };
        return outcome.cancelled ? { outcome: 'cancelled' } : { outcome: 'unavailable', message: outcome.message };
      } finally {
        jobs.remove(url);
        if (!win.isDestroyed()) win.destroy();
      }
    },
  };
}
