import { describe, expect, it, vi } from 'vitest';
import { applicationMenu, type MenuItem } from '../../../main/shell/menu';
import { databaseOpenError, rendererMissingError } from '../../../main/shell/startup-errors';

function flat(items: MenuItem[]): MenuItem[] {
  return items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
}

describe('the application menu', () => {
  it.each(['linux', 'win32', 'darwin'])('on %s has File, Edit, View, Window and Help', (platform) => {
    const labels = applicationMenu(platform, false, { print: () => undefined, openHelp: () => undefined }).map((m) => m.label?.replace('&', ''));
    expect(labels.slice(-5)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    if (platform === 'darwin') expect(labels).toHaveLength(6);
  });

  it('Edit has the usual roles; View zooms; Window minimizes', () => {
    const roles = flat(applicationMenu('linux', false, { print: () => undefined, openHelp: () => undefined })).map((i) => i.role);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'minimize', 'quit', 'about'] as const) {
      expect(roles).toContain(role);
    }
  });

  it('reload and DevTools only in development', () => {
    const prod = flat(applicationMenu('win32', false, { print: () => undefined, openHelp: () => undefined })).map((i) => i.role);
    const dev = flat(applicationMenu('win32', true, { print: () => undefined, openHelp: () => undefined })).map((i) => i.role);
    for (const role of ['reload', 'forceReload', 'toggleDevTools'] as const) {
      expect(prod).not.toContain(role);
      expect(dev).toContain(role);
    }
  });

  it('File > Print… and Help > MOSERS website call their actions', () => {
    const print = vi.fn();
    const openHelp = vi.fn();
    const items = flat(applicationMenu('linux', false, { print, openHelp }));
    const printItem = items.find((i) => i.id === 'print')!;
    expect(printItem.accelerator).toBe('CmdOrCtrl+P');
    printItem.click!();
    items.find((i) => i.id === 'help')!.click!();
    expect(print).toHaveBeenCalledOnce();
    expect(openHelp).toHaveBeenCalledOnce();
  });
});

describe('startup errors', () => {
  const path = '/home/counselor/.config/MOSERS Counselor Workstation/caseload.db';

  it('names the path, what went wrong and what to do (restore a backup, or support)', () => {
    const e = databaseOpenError(path, Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' }));
    expect(e.title).toMatch(/caseload database cannot be opened/);
    expect(e.content).toContain(path);
    expect(e.content).toContain('What went wrong: file is not a database');
    expect(e.content).toContain(`npm run cli -- restore BACKUP.db --db "${path}" --yes`);
    expect(e.content).toMatch(/contact MOSERS IT support/);
  });

  it('a database from a newer app asks for the newer app, not a restore', () => {
    const e = databaseOpenError(path, new Error("The caseload database has schema version 9, newer than this app's 4. Install the newer version of the workstation to open it."));
    expect(e.content).toMatch(/Install the newer version/);
    expect(e.content).not.toContain('restore');
  });

  it('a locked or unwritable database says so', () => {
    expect(databaseOpenError(path, Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })).content).toMatch(/Close any other copy/);
    expect(databaseOpenError(path, Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' })).content).toMatch(/may write to that folder/);
  });

  it('copes with a thrown non-Error', () => {
    expect(databaseOpenError(path, 'disk I/O error').content).toContain('What went wrong: disk I/O error');
  });

  it('a missing renderer build names the folder', () => {
    expect(rendererMissingError('/opt/app/build/renderer').content).toContain('/opt/app/build/renderer');
  });
});
