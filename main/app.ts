import { userInfo } from 'node:os';
import { pricerSource } from '../shared/actuarial';
import type { PricerSource } from '../shared/calc/run';
import { openDatabase, type Db, type OpenOptions } from './db/connection';
import { createDispatch, type Dispatch, type DispatchOptions } from './ipc/dispatch';
import { handlers } from './ipc/handlers';
import { repos, systemClock, type Clock, type ServiceContext } from './services/context';
import { documentsService, NO_DOCUMENT_HOST, type DocumentHost, type EventSink } from './services/documents';
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
  documents: ReturnType<typeof documentsService>;
};

export type AppOptions = OpenOptions & { clock?: Clock; who?: string; documentHost?: DocumentHost };

/** The composition root: open the caseload and build the services over it. */
export type App = {
  db: Db;
  services: Services;
  /** Where main-to-renderer events go: the transport sets it (Electron: webContents.send). */
  setEventSink: (sink: EventSink) => void;
  /** Where packets are saved and printed: Electron's dialogs, or the preview's folder. */
  setDocumentHost: (host: DocumentHost) => void;
  close: () => void;
};

export function openApp(dbPath: string, opts: AppOptions = {}): App {
  const db = openDatabase(dbPath, opts);
  const ctx: ServiceContext = { db, repos: repos(db), clock: opts.clock ?? systemClock, who: opts.who ?? currentUser() };
  const settings = settingsService(ctx);
  const members = membersService(ctx);
  // OPT-5 pricers: the shipped bases plus those stored in the caseload.
  let pricers: PricerSource | null = null;
  const pricerFor = () => (pricers ??= pricerSource(settings.storedBases()));
  const estimates = estimatesService(ctx, members, pricerFor);
  const process = processService(ctx, members);
  let sink: EventSink = () => undefined;
  let documentHost: DocumentHost = opts.documentHost ?? NO_DOCUMENT_HOST;
  const services: Services = {
    members,
    estimates,
    process,
    schedule: scheduleService(ctx, members),
    settings,
    documents: documentsService(ctx, members, estimates, process, settings, () => sink, () => documentHost),
  };
  return {
    db,
    services,
    setEventSink: (s) => {
      sink = s;
    },
    setDocumentHost: (h) => {
      documentHost = h;
    },
    close: () => db.close(),
  };
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
