import { PRODUCT_NAME } from '../paths';

// The application menu as plain data, without Electron: main/electron/main.ts passes it to
// `Menu.buildFromTemplate`. Roles give each platform its native behaviour and shortcuts.

export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'fileMenu'
  | 'editMenu'
  | 'viewMenu'
  | 'windowMenu'
  | 'help'
  | 'appMenu';

export type MenuItem = {
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu';
  accelerator?: string;
  submenu?: MenuItem[];
  click?: () => void;
};

export type MenuActions = {
  /** Print the focused window (webContents.print). */
  print: () => void;
  /** Open the MOSERS help page in the system browser. */
  openHelp: () => void;
};

const separator: MenuItem = { type: 'separator' };

/**
 * File, Edit, View, Window, Help (and the app menu on macOS). Reload and DevTools only in
 * development: a reload in the office would drop what is on screen.
 */
export function applicationMenu(platform: string, devTools: boolean, actions: MenuActions): MenuItem[] {
  const mac = platform === 'darwin';
  const menu: MenuItem[] = [];
  if (mac) {
    menu.push({
      label: PRODUCT_NAME,
      submenu: [{ role: 'about' }, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
    });
  }
  menu.push({
    label: '&File',
    submenu: [{ id: 'print', label: 'Print…', accelerator: 'CmdOrCtrl+P', click: actions.print }, separator, mac ? { role: 'close' } : { role: 'quit' }],
  });
  menu.push({
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'delete' }, separator, { role: 'selectAll' }],
  });
  menu.push({
    label: '&View',
    submenu: [
      ...(devTools ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, separator] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  });
  menu.push({
    label: '&Window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  });
  menu.push({
    label: '&Help',
    role: 'help',
    submenu: [{ id: 'help', label: 'MOSERS website', click: actions.openHelp }, ...(mac ? [] : [separator, { role: 'about' } as const])],
  });
  return menu;
}
