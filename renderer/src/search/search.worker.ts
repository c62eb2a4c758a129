/**
 * The search worker: builds, keeps and queries the search index off the page's thread, so that
 * indexing 100,000 log entries never holds up start-up or typing. It opens the workbook database
 * by name (read only) and its own cache database; see service.ts for what it does.
 */
import { openSearchCache } from '../db/searchCache';
import { databaseSearchSource } from '../db/searchSource';
import { openWorkbookDb, WorkbookDb } from '../db/WorkbookDb';
import type { SearchReply, SearchRequest } from './protocol';
import { INDEX_FORMAT, SearchService } from './service';

// The worker's global scope, typed by what is used here (the DOM and WebWorker libs exclude each other).
interface WorkerScope {
  onmessage: ((event: MessageEvent<SearchRequest>) => void) | null;
  postMessage(message: SearchReply): void;
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

const service = new SearchService({
  openSource: async (name) => databaseSearchSource(await database(name)),
  cache: openSearchCache(INDEX_FORMAT),
  post: (reply) => scope.postMessage(reply),
});

scope.onmessage = (event) => {
  void service.handle(event.data);
};
