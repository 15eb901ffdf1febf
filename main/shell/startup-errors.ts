// What the desktop app says when it cannot start, without Electron: main/electron/main.ts shows
// these in `dialog.showErrorBox` and quits, rather than opening a blank window.

export type StartupError = { title: string; content: string };

function reason(err: unknown): { message: string; code: string } {
  const e = err as { message?: unknown; code?: unknown } | null;
  const message = e && typeof e.message === 'string' && e.message !== '' ? e.message : String(err);
  const code = e && typeof e.code === 'string' ? e.code : '';
  return { message, code };
}

/** The caseload database could not be opened: the path, what went wrong, what to do. */
export function databaseOpenError(dbPath: string, err: unknown): StartupError {
  const { message, code } = reason(err);
  const steps: string[] = [];
  if (/newer than this app/i.test(message)) {
    steps.push('Install the newer version of the workstation that last used this caseload.');
  } else {
    if (/SQLITE_BUSY|locked/i.test(`${code} ${message}`)) {
      steps.push('Close any other copy of the workstation and any command-line tool using the caseload, then start again.');
    }
    if (/EACCES|EPERM|SQLITE_CANTOPEN|SQLITE_READONLY|SQLITE_PERM|unable to open|permission|read-?only/i.test(`${code} ${message}`)) {
      steps.push('Check that your Windows, macOS or Linux account may write to that folder and that the disk is not full or read-only.');
    }
    steps.push(
      `If the file is damaged, restore the latest backup: npm run cli -- restore BACKUP.db --db "${dbPath}" --yes (the current file is kept aside).`,
    );
  }
  steps.push('If this keeps happening, contact MOSERS IT support and quote this message.');
  return {
    title: 'The caseload database cannot be opened',
    content: [
      'The MOSERS Counselor Workstation could not open its caseload database:',
      '',
      dbPath,
      '',
      `What went wrong: ${message}`,
      '',
      'What to do:',
      ...steps.map((s) => `• ${s}`),
    ].join('\n'),
  };
}

/** The built screens are missing (a broken installation, or `npm start` without a build). */
export function rendererMissingError(rendererRoot: string): StartupError {
  return {
    title: 'The workstation is incomplete',
    content: [
      "The workstation's screens are missing from this installation:",
      '',
      rendererRoot,
      '',
      'What to do:',
      '• Reinstall the MOSERS Counselor Workstation.',
      '• From a source checkout, run npm start, which builds the screens first.',
    ].join('\n'),
  };
}
