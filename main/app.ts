import { userInfo } from 'node:os';
import { pricerSource } from '../shared/actuarial';
import type { PricerSource } from '../shared/calc/run';
import { openDatabase, type Db, type OpenOptions } from './db/connection';
import { createDispatch, type Dispatch, type DispatchOptions } from './ipc/dispatch';
import { handlers } from './ipc/handlers';
import { repos, systemClock, type Clock, type ServiceContext } from './services/context';
import { estimatesService } from './services/estimates';
import { membersService } from './services/members';
import { processService } from './services/process';
import { scheduleService } from './services/schedule';
import { settingsService } from './services/settings';

export type Services = {
  members: ReturnType<typeof membersService>;
  estimates: ReturnType<typeof estimatesService>;
  process: ReturnType<typeof processService>;
  schedule: ReturnType<typeof scheduleService>;
  settings: ReturnType<typeof settingsService>;
};

export type AppOptions = OpenOptions & { clock?: Clock; who?: string };

/** The composition root: open the caseload and build the services over it. */
export function openApp(dbPath: string, opts: AppOptions = {}): { db: Db; services: Services; close: () => void } {
  const db = openDatabase(dbPath, opts);
  const ctx: ServiceContext = { db, repos: repos(db), clock: opts.clock ?? systemClock, who: opts.who ?? currentUser() };
  const settings = settingsService(ctx);
  const members = membersService(ctx);
  // OPT-5 pricers: the shipped bases plus those stored in the caseload.
  let pricers: PricerSource | null = null;
  const pricerFor = () => (pricers ??= pricerSource(settings.storedBases()));
  const services: Services = {
    members,
    estimates: estimatesService(ctx, members, pricerFor),
    process: processService(ctx, members),
    schedule: scheduleService(ctx, members),
    settings,
  };
  return { db, services, close: () => db.close() };
}

export function dispatchFor(services: Services, opts: DispatchOptions): Dispatch {
  return createDispatch(handlers(services), opts);
}

function currentUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
