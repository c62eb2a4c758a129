/**
 * Verifies an incident's hash chains in a worker: reading and hashing 100,000 entries takes
 * seconds, which on the page's own thread would freeze the timeline and the quick entry line. The
 * worker opens the same database by name and runs exactly `verifyIncidentChains`.
 */
import { verifyIncidentChains } from './logbook';
import { openWorkbookDb, WorkbookDb } from './WorkbookDb';
import type { ChainVerifierReply, ChainVerifierRequest } from './chainVerifier';

// The worker's global scope, typed by what is used here (the DOM and WebWorker libs exclude each other).
interface WorkerScope {
  onmessage: ((event: MessageEvent<ChainVerifierRequest>) => void) | null;
  postMessage(message: ChainVerifierReply): void;
}
const scope = self as unknown as WorkerScope;

const databases = new Map<string, Promise<WorkbookDb>>();

function database(name: string): Promise<WorkbookDb> {
  let db = databases.get(name);
  if (!db) {
    db = openWorkbookDb(new WorkbookDb(name));
    databases.set(name, db);
  }
  return db;
}

scope.onmessage = (event) => {
  const { requestId, databaseName, incidentId, installationId } = event.data;
  void (async () => {
    try {
      const report = await verifyIncidentChains(await database(databaseName), incidentId, installationId);
      scope.postMessage({ requestId, ok: true, report });
    } catch (error) {
      scope.postMessage({ requestId, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  })();
};
