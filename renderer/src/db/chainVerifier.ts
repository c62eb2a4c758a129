/**
 * Chain verification off the page's thread (see chainVerifier.worker.ts), with one verification
 * per incident at a time: while one runs, later requests wait and are answered by a single fresh
 * run, so a burst of quick entries costs one more verification, not one per entry. Where workers
 * are not available (unit tests under Node), it runs in place.
 */
import type { ChainVerification } from '../../../shared/logbook/chain';
import { verifyIncidentChains } from './logbook';
import type { WorkbookDb } from './WorkbookDb';

export type IncidentChainReport = ChainVerification & { readonly unchained: number };

export interface ChainVerifierRequest {
  readonly requestId: number;
  readonly databaseName: string;
  readonly incidentId: string;
  readonly installationId: string;
}

export type ChainVerifierReply =
  | { readonly requestId: number; readonly ok: true; readonly report: IncidentChainReport }
  | { readonly requestId: number; readonly ok: false; readonly message: string };

let worker: Worker | null = null;
let nextRequestId = 1;
const pending = new Map<number, { resolve: (report: IncidentChainReport) => void; reject: (error: Error) => void }>();

function verifierWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  if (!worker) {
    worker = new Worker(new URL('./chainVerifier.worker.ts', import.meta.url), { type: 'module', name: 'chain-verifier' });
    worker.onmessage = (event: MessageEvent<ChainVerifierReply>) => {
      const reply = event.data;
      const waiting = pending.get(reply.requestId);
      if (!waiting) return;
      pending.delete(reply.requestId);
      if (reply.ok) waiting.resolve(reply.report);
      else waiting.reject(new Error(reply.message));
    };
    worker.onerror = (event) => {
      // A worker that cannot start (e.g. blocked by policy) must not leave the verdict hanging.
      event.preventDefault();
      worker?.terminate();
      worker = null;
      const failed = [...pending.values()];
      pending.clear();
      for (const waiting of failed) waiting.reject(new Error(event.message || 'chain verifier worker failed'));
    };
  }
  return worker;
}

function verifyInWorker(db: WorkbookDb, incidentId: string, installationId: string): Promise<IncidentChainReport> {
  const target = verifierWorker();
  if (!target) return verifyIncidentChains(db, incidentId, installationId);
  const requestId = nextRequestId++;
  return new Promise<IncidentChainReport>((resolve, reject) => {
    pending.set(requestId, { resolve, reject });
    target.postMessage({ requestId, databaseName: db.name, incidentId, installationId } satisfies ChainVerifierRequest);
  }).catch(() => verifyIncidentChains(db, incidentId, installationId));
}

interface Flight {
  running: Promise<IncidentChainReport>;
  /** A run queued behind the current one, shared by every request made meanwhile. */
  queued: Promise<IncidentChainReport> | null;
}
const flights = new Map<string, Flight>();

/** The verdict on an incident's chains as they are now (at the latest, as of this call). */
export function verifyIncidentChainsOffThread(db: WorkbookDb, incidentId: string, installationId: string): Promise<IncidentChainReport> {
  const key = `${db.name}\u0000${incidentId}\u0000${installationId}`;
  const flight = flights.get(key);
  const start = (): Promise<IncidentChainReport> => {
    const running = verifyInWorker(db, incidentId, installationId);
    const current: Flight = { running, queued: null };
    flights.set(key, current);
    void running.finally(() => {
      if (flights.get(key) === current && current.queued === null) flights.delete(key);
    });
    return running;
  };
  if (!flight) return start();
  // A verification that started before this call may have missed the latest entries: run once more after it.
  flight.queued ??= flight.running.catch(() => undefined).then(start);
  return flight.queued;
}
