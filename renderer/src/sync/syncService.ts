/**
 * The sync service of an open workbook: one per database, started the first time a sync view
 * mounts and kept running for the session (it is not tied to a screen). It runs the scheduler
 * over the destinations, tells it when the network comes back (`online`), when local changes
 * were made (the journal grew) and when a watched folder received a bundle, and keeps the
 * desktop app's folder watches in line with the watched-folder destinations.
 */
import type { Destination } from '../../../shared/sync/destination';
import { afterFailure } from '../../../shared/sync/backoff';
import { getDestination, getStatus, listDestinations, putStatus, watchJournal } from '../db/outbox';
import type { ChangeJournal } from '../db/journal';
import type { WorkbookDb } from '../db/WorkbookDb';
import type { InstallationKeyStore } from '../identity/keyStore';
import type { InstallationProfile } from '../../../shared/model/installation';
import type { Platform } from '../platform';
import { syncDestination, type SyncRunResult } from './syncEngine';
import { SyncScheduler } from './syncScheduler';
import type { Unavailable } from './syncPort';

export interface SyncSession {
  readonly db: WorkbookDb;
  readonly journal: ChangeJournal;
  readonly platform: Platform;
  readonly profile: InstallationProfile;
  readonly keyStore: InstallationKeyStore;
}

export type RunOutcome = SyncRunResult | { readonly ok: false; readonly unavailable: Unavailable };

export class SyncService {
  readonly scheduler: SyncScheduler;
  private stops: Array<() => void> = [];
  private readonly running = new Map<string, Promise<RunOutcome>>();

  constructor(private readonly session: SyncSession) {
    this.scheduler = new SyncScheduler({
      destinations: () => listDestinations(session.db),
      status: (id) => getStatus(session.db, id),
      run: (destination) => this.run(destination),
      onError: (e) => console.error('sync', e),
    });
  }

  start(): void {
    const onOnline = () => this.scheduler.reachable();
    window.addEventListener('online', onOnline);
    this.stops.push(() => window.removeEventListener('online', onOnline));
    this.stops.push(this.session.platform.sync.onFolderChanged((id) => this.scheduler.reachable(id)));
    this.stops.push(watchJournal(this.session.db, () => this.scheduler.changesMade()));
    void this.refreshWatches();
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
    for (const stop of this.stops) stop();
    this.stops = [];
  }

  /** Keep main's folder watches to the watched-folder destinations (call after a change to them). */
  async refreshWatches(): Promise<void> {
    const folders = (await listDestinations(this.session.db)).flatMap((d) => (d.kind === 'watched-folder' ? [{ destinationId: d.id, path: d.path }] : []));
    await this.session.platform.sync.watchFolders(folders);
  }

  /** Run one destination now (a person pressed "sync now", or the scheduler); one run at a time per destination. */
  run(destination: Destination): Promise<RunOutcome> {
    const existing = this.running.get(destination.id);
    if (existing) return existing;
    const work = this.runOnce(destination.id).finally(() => this.running.delete(destination.id));
    this.running.set(destination.id, work);
    return work;
  }

  private async runOnce(id: string): Promise<RunOutcome> {
    const { db, journal, platform, profile, keyStore } = this.session;
    const destination = await getDestination(db, id);
    if (!destination) return { ok: false, unavailable: 'desktop-only' };
    const store = platform.sync.store(destination);
    if ('unavailable' in store) {
      // Recorded like a failure, so the screen says why and the scheduler does not spin on it.
      const status = await getStatus(db, id);
      await putStatus(db, id, { ...status, ...afterFailure(status, Date.now(), Math.random()), lastFailure: { kind: 'unavailable', detail: store.unavailable, at: new Date().toISOString() } });
      return { ok: false, unavailable: store.unavailable };
    }
    return syncDestination({ db, journal, keyStore, installationId: profile.id, organisation: profile.organisation }, destination, store);
  }
}

const services = new WeakMap<WorkbookDb, SyncService>();

/** The workbook's sync service, started on first use. */
export function syncServiceFor(session: SyncSession): SyncService {
  let service = services.get(session.db);
  if (!service) {
    service = new SyncService(session);
    services.set(session.db, service);
    service.start();
  }
  return service;
}
