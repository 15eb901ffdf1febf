import { CHANNELS, EVENTS } from '../../shared/ipc/contract';
import { fail, type Result } from '../../shared/ipc/result';

// What the preload exposes as `window.api`, without Electron: main/electron/preload.ts wraps
// ipcRenderer and hands it to makeBridge; the tests hand it a fake. The preload is bundled into
// one file (sandboxed preloads cannot require project modules), so this module and its imports
// must stay free of Node.

/** The one invoke channel on the wire: `ipcMain.handle(IPC_CHANNEL, (event, channel, input))`. */
export const IPC_CHANNEL = 'ipc';

/** The wire channel of a contract event, sent with `webContents.send`. */
export function eventChannel(event: string): string {
  return `event:${event}`;
}

/** The contract's channels and events, and nothing else. */
export const PRELOAD_CHANNELS: readonly string[] = Object.freeze([...CHANNELS]);
export const PRELOAD_EVENTS: readonly string[] = Object.freeze([...EVENTS]);

type WireListener = (event: unknown, ...args: unknown[]) => void;

/** The slice of ipcRenderer the bridge uses. */
export type IpcLike = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: WireListener): unknown;
  removeListener(channel: string, listener: WireListener): unknown;
};

/** `window.api`: the same two functions the preview's binding defines (main/preview/transport.ts). */
export type Bridge = {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
};

/**
 * `invoke` forwards only the contract's channels (others answer FORBIDDEN without reaching main)
 * and never rejects; `on` subscribes only to the contract's events and hands the listener the
 * payload alone, never Electron's event object (which carries `sender`, the ipcRenderer itself).
 */
export function makeBridge(ipc: IpcLike): Bridge {
  const channels = new Set(PRELOAD_CHANNELS);
  const events = new Set(PRELOAD_EVENTS);
  return Object.freeze({
    invoke(channel: string, input: unknown): Promise<Result<unknown>> {
      if (typeof channel !== 'string' || !channels.has(channel)) {
        return Promise.resolve(fail('FORBIDDEN', `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.`));
      }
      return ipc.invoke(IPC_CHANNEL, channel, input).then(
        (r) => r as Result<unknown>,
        () => fail('INTERNAL', 'The workstation did not answer. Nothing was saved; try again.'),
      );
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || !events.has(event)) throw new TypeError(`Unknown event ${JSON.stringify(String(event)).slice(0, 80)}.`);
      if (typeof listener !== 'function') throw new TypeError('on(event, listener): listener must be a function.');
      const wire = eventChannel(event);
      const forward: WireListener = (_event, payload) => listener(payload);
      ipc.on(wire, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(wire, forward);
      };
    },
  });
}
