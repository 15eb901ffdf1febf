import { PRODUCT_NAME } from '../paths';

// The main window's options, without Electron: main/electron/main.ts passes this object to
// `new BrowserWindow`, and the tests check every security flag on the same object.

export type MainWindowOptions = {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  backgroundColor: string;
  webPreferences: {
    preload: string;
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
    devTools: boolean;
  };
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
      preload: preloadPath,
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
      devTools: opts.devTools ?? false,
    },
  };
}
