// The sandboxed preload: `window.api` = makeBridge over ipcRenderer, nothing else. Bundled by
// scripts/build-electron.mjs into one CommonJS file that requires only `electron`, since a
// sandboxed preload cannot require project modules.
import { contextBridge, ipcRenderer } from 'electron';
import { makeBridge } from '../shell/preload-api';

contextBridge.exposeInMainWorld(
  'api',
  makeBridge({
    invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    on: (channel, listener) => ipcRenderer.on(channel, listener),
    removeListener: (channel, listener) => ipcRenderer.removeListener(channel, listener),
  }),
);
