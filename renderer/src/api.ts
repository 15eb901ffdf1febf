import { CHANNELS, type Channel, type ChannelInput, type ChannelOutput, type EventName, type EventPayload } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';

/** What the preload (or the preview's binding) puts on window: nothing else reaches main. */
export type Bridge = {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
};

function bridge(): Bridge {
  const b = (globalThis as unknown as { api?: Bridge }).api;
  if (!b) throw new Error('The workstation bridge is missing: open the app through Electron or npm run preview.');
  return b;
}

export function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return bridge().invoke(channel, input) as Promise<Result<ChannelOutput<C>>>;
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, listener as (p: unknown) => void);
}

type DomainOf<C> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C, D extends string> = C extends `${D}:${infer V}` ? V : never;
export type Api = {
  [D in DomainOf<Channel>]: {
    [V in VerbOf<Channel, D>]: (input: ChannelInput<`${D}:${V}` & Channel>) => Promise<Result<ChannelOutput<`${D}:${V}` & Channel>>>;
  };
};

/** `api.members.search({ query })`: one function per channel of the contract, and no others. */
export const api: Api = (() => {
  const out: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of CHANNELS) {
    const [domain, verb] = channel.split(':') as [string, string];
    out[domain] ??= {};
    out[domain][verb] = (input: unknown) => bridge().invoke(channel, input);
  }
  return out as unknown as Api;
})();
