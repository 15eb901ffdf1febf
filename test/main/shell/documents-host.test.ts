import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chosenSavePath, printJobs, printOutcome, printWindowOptions, PRINT_PARTITION, saveDialogOptions } from '../../../main/shell/documents-host';
import { mainWindowOptions } from '../../../main/shell/window-options';

describe('saving a packet', () => {
  it('offers the packet name in the Documents folder, PDF only', () => {
    expect(saveDialogOptions('Smith-M100200-packet-2027-06-01.pdf', '/home/c/Documents')).toMatchObject({
      defaultPath: join('/home/c/Documents', 'Smith-M100200-packet-2027-06-01.pdf'),
      filters: [{ name: 'PDF documents', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });

  it('never lets the suggested name choose the folder', () => {
    expect(saveDialogOptions('../../.ssh/authorized_keys', '/home/c/Documents').defaultPath).toBe(join('/home/c/Documents', 'authorized_keys.pdf'));
  });

  it.each([
    [{ canceled: true, filePath: '/x.pdf' }, null],
    [{ canceled: false, filePath: '' }, null],
    [{ canceled: false }, null],
    [{ canceled: false, filePath: '/home/c/packet.pdf' }, '/home/c/packet.pdf'],
    [{ canceled: false, filePath: '/home/c/packet.PDF' }, '/home/c/packet.PDF'],
    [{ canceled: false, filePath: '/home/c/packet' }, '/home/c/packet.pdf'],
  ])('%j → %j', (answer, path) => {
    expect(chosenSavePath(answer)).toBe(path);
  });
});

describe('printing a packet', () => {
  it('the print window is hidden, sandboxed, in its own session, with no preload; only it enables plugins (the PDF viewer)', () => {
    const o = printWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toEqual({
      partition: PRINT_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      plugins: true,
      spellcheck: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: false,
    });
    expect(PRINT_PARTITION).not.toMatch(/^persist:/);
    expect('plugins' in mainWindowOptions('/p').webPreferences).toBe(false);
  });

  it('serves each job once added, at an unguessable URL, GET only, until removed', () => {
    const jobs = printJobs();
    const pdf = new TextEncoder().encode('%PDF-1.7 test');
    const a = jobs.add(pdf, 'Smith packet.pdf');
    const b = jobs.add(pdf, 'Smith packet.pdf');
    expect(a).toMatch(/^app:\/\/workstation\/print\/[0-9a-f-]{36}\/Smith%20packet\.pdf$/);
    expect(a).not.toBe(b);
    const res = jobs.respond(a);
    expect(res.status).toBe(200);
    expect(res.headers['Content-Type']).toBe('application/pdf');
    expect(res.body.toString('latin1')).toBe('%PDF-1.7 test');
    expect(jobs.respond(a, 'POST').status).toBe(404);
    expect(jobs.respond(a.replace('app://workstation', 'app://evil')).status).toBe(404);
    expect(jobs.respond('app://workstation/index.html').status).toBe(404);
    expect(jobs.respond('app://workstation/print/').status).toBe(404);
    expect(jobs.respond('nonsense').status).toBe(404);
    jobs.remove(a);
    expect(jobs.respond(a).status).toBe(404);
    expect(jobs.respond(b).status).toBe(200);
    jobs.remove(b);
    expect(jobs.size).toBe(0);
  });

  it.each([
    [true, '', { printed: true }],
    [false, 'cancelled', { printed: false, cancelled: true }],
    [false, 'Print job canceled', { printed: false, cancelled: true }],
    [false, 'Print job failed', { printed: false, cancelled: false }],
    [false, '', { printed: false, cancelled: false }],
  ])('print(%s, %j) → %j', (success, reason, outcome) => {
    expect(printOutcome(success, reason)).toMatchObject(outcome);
  });
});
