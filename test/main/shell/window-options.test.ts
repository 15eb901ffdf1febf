import { describe, expect, it } from 'vitest';
import { PRODUCT_NAME } from '../../../main/paths';
import { mainWindowOptions } from '../../../main/shell/window-options';

describe('main window options', () => {
  const opts = mainWindowOptions('/app/build/electron/preload.cjs');

  it.each([
    ['sandbox', true],
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['spellcheck', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['safeDialogs', true],
  ] as const)('webPreferences.%s is %s', (flag, value) => {
    expect(opts.webPreferences[flag]).toBe(value);
  });

  it('loads the given preload and nothing else is set in webPreferences', () => {
    expect(opts.webPreferences.preload).toBe('/app/build/electron/preload.cjs');
    expect(Object.keys(opts.webPreferences).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });

  it('DevTools are off unless main asks for them (development only)', () => {
    expect(opts.webPreferences.devTools).toBe(false);
    expect(mainWindowOptions('/p', { devTools: true }).webPreferences.devTools).toBe(true);
  });

  it('is 1280×800, at least 1024×700, hidden until ready-to-show, titled', () => {
    expect(opts).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 700, show: false, title: PRODUCT_NAME });
  });

  it('returns a fresh object each time (main never shares mutable options)', () => {
    expect(mainWindowOptions('/p')).not.toBe(mainWindowOptions('/p'));
  });
});
