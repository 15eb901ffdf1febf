import { PRODUCT_NAME } from '../paths';

// The main window's options, without Electron: main/electron/main.ts passes this object to
// `new BrowserWindow`, and the tests check every security flag on the same object.

/** Electron's security checklist for every window the app opens: no Node, sandboxed, isolated. */
export type LockedDownPreferences = {
  sandbox: true;
  contextIsolation: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webviewTag: false;
  spellcheck: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
};

export const LOCKED_DOWN: LockedDownPreferences = Object.freeze({
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  spellcheck: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
});

export type MainWindowOptions = {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  backgroundColor: string;
  webPreferences: LockedDownPreferences & { preload: string; devTools: boolean };
};

/**
 * The window is created hidden and shown on `ready-to-show`, so the counselor never sees an empty
 * frame; the background matches the theme's. DevTools only in development (main passes `!app.isPackaged`).
 */
export function mainWindowOptions(preloadPath: string, opts: { devTools?: boolean } = {}): MainWindowOptions {
  return {
    title: PRODUCT_NAME,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    backgroundColor: '#f4f6f8',
    webPreferences: {
      ...LOCKED_DOWN,
      preload: preloadPath,
      devTools: opts.devTools ?? false,
    },
  };
}
