import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENTS } from '../../../shared/ipc/contract';
import { eventChannel, IPC_CHANNEL, makeBridge, PRELOAD_CHANNELS, PRELOAD_EVENTS, type IpcLike } from '../../../main/shell/preload-api';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(answer: (channel: string, ...args: unknown[]) => Promise<unknown> = async () => ({ ok: true, value: 'pong' })) {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn(answer),
    on: vi.fn((channel: string, listener: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
    }),
  } satisfies IpcLike;
  /** What main's webContents.send does: Electron calls each listener with its event object first. */
  const send = (channel: string, payload: unknown) => {
    const ipcRendererEvent = { sender: ipc, senderId: 0, ports: [] };
    for (const l of listeners.get(channel) ?? []) l(ipcRendererEvent, payload);
  };
  return { ipc, send, listeners };
}

describe('the preload lists', () => {
  it("are exactly the contract's channels and events", () => {
    expect([...PRELOAD_CHANNELS]).toEqual([...CHANNELS]);
    expect([...PRELOAD_EVENTS]).toEqual([...EVENTS]);
    expect(Object.isFrozen(PRELOAD_CHANNELS)).toBe(true);
    expect(Object.isFrozen(PRELOAD_EVENTS)).toBe(true);
  });

  it('the wire: one invoke channel, events on event:<name>', () => {
    expect(IPC_CHANNEL).toBe('ipc');
    expect(eventChannel('packet:progress')).toBe('event:packet:progress');
  });
});

describe('makeBridge', () => {
  it('exposes invoke and on, nothing else, frozen', () => {
    const api = makeBridge(fakeIpc().ipc);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it.each(CHANNELS.map((c) => [c]))('forwards %s on the ipc channel with the input', async (channel) => {
    const { ipc } = fakeIpc();
    const api = makeBridge(ipc);
    await expect(api.invoke(channel, { a: 1 })).resolves.toEqual({ ok: true, value: 'pong' });
    expect(ipc.invoke).toHaveBeenCalledWith('ipc', channel, { a: 1 });
  });

  it.each([['ipc'], ['members:delete'], ['__proto__'], ['constructor'], ['toString'], ['hasOwnProperty'], ['event:packet:progress'], ['packet:progress'], [''], ['MEMBERS:SEARCH'], ['members:search ']])(
    'refuses %j with FORBIDDEN without calling ipc',
    async (channel) => {
      const { ipc } = fakeIpc();
      const r = await makeBridge(ipc).invoke(channel, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('refuses non-string channels without calling ipc', async () => {
    const { ipc } = fakeIpc();
    for (const channel of [undefined, null, 42, { toString: () => 'members:search' }, ['members:search']]) {
      await expect(makeBridge(ipc).invoke(channel as unknown as string, {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('never rejects: a failed invoke becomes an INTERNAL result', async () => {
    const { ipc } = fakeIpc(async () => {
      throw new Error('Error invoking remote method');
    });
    await expect(makeBridge(ipc).invoke('settings:get', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it.each(EVENTS.map((e) => [e]))('on(%s) delivers the payload only, never the IpcRendererEvent', (event) => {
    const { ipc, send } = fakeIpc();
    const api = makeBridge(ipc);
    const listener = vi.fn();
    api.on(event, listener);
    expect(ipc.on).toHaveBeenCalledWith(`event:${event}`, expect.any(Function));
    send(`event:${event}`, { done: 1, total: 2, label: 'estimate' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ done: 1, total: 2, label: 'estimate' }]);
  });

  it('the unsubscribe removes exactly that listener, once', () => {
    const { ipc, send, listeners } = fakeIpc();
    const api = makeBridge(ipc);
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.on('packet:progress', a);
    api.on('packet:progress', b);
    offA();
    offA();
    send('event:packet:progress', { done: 0, total: 1, label: 'x' });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    expect(ipc.removeListener).toHaveBeenCalledTimes(1);
    expect(listeners.get('event:packet:progress')!.size).toBe(1);
  });

  it.each([['ipc'], ['members:search'], ['event:packet:progress'], ['__proto__'], ['']])('refuses to subscribe to %j', (event) => {
    const { ipc } = fakeIpc();
    expect(() => makeBridge(ipc).on(event, () => undefined)).toThrow(/Unknown event/);
    expect(ipc.on).not.toHaveBeenCalled();
  });

  it('refuses a listener that is not a function', () => {
    const { ipc } = fakeIpc();
    expect(() => makeBridge(ipc).on('app:locked', 'alert(1)' as unknown as () => void)).toThrow(TypeError);
    expect(ipc.on).not.toHaveBeenCalled();
  });
});
