import type { Page } from 'playwright-core';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { Dispatch } from '../ipc/dispatch';
import { handleAppRequest } from '../shell/app-protocol';

/** The preview's made-up origin; no port is opened (ARCHITECTURE: testing without Electron). */
export const PREVIEW_ORIGIN = 'http://app.local';

/**
 * The binding transport: the renderer's files come from the same request handler as app://, and
 * `window.api` calls the same dispatch through `page.exposeBinding`, as the preload does.
 */
export async function attachBindingTransport(page: Page, rendererRoot: string, dispatch: Dispatch): Promise<{ emit: <E extends EventName>(event: E, payload: EventPayload<E>) => Promise<void> }> {
  await page.route(`${PREVIEW_ORIGIN}/**`, async (route) => {
    const req = route.request();
    const res = handleAppRequest(rendererRoot, req.url(), req.method(), PREVIEW_ORIGIN);
    await route.fulfill({ status: res.status, headers: res.headers, body: res.body });
  });
  // Everything else is the network, which the workstation never uses.
  await page.context().route(/^(?!http:\/\/app\.local\/).*/, (route) => route.abort('blockedbyclient'));
  await page.exposeBinding('__ipc', async (source, channel: unknown, input: unknown) =>
    dispatch(String(channel), input, { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }),
  );
  // A string, not a function: the TypeScript loader may add helpers to a function's source that
  // do not exist in the page.
  await page.addInitScript(BRIDGE_SCRIPT);
  return {
    emit: async (event, payload) => {
      await page.evaluate(`window.__ipcEvent(${JSON.stringify(event)}, ${JSON.stringify(payload)})`);
    },
  };
}

/** What the preload exposes, as the preview defines it: `invoke` and `on`, nothing else. */
const BRIDGE_SCRIPT = `(() => {
  const listeners = new Map();
  const call = window.__ipc;
  Object.defineProperty(window, '__ipcEvent', { value: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)) });
  Object.defineProperty(window, 'api', {
    value: Object.freeze({
      invoke: (channel, input) => call(channel, input),
      on: (event, listener) => {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event).add(listener);
        return () => listeners.get(event)?.delete(listener);
      },
    }),
  });
})();`;

/** Only the preview page's main frame may call. */
export function previewSenderAllowed(sender: { url: string; isMainFrame: boolean }): boolean {
  return sender.isMainFrame && sender.url.startsWith(`${PREVIEW_ORIGIN}/`);
}
