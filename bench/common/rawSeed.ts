/**
 * Seeding a replica outside the timing: the operations file (one journal operation per line, as
 * bench/node writes it) written into an app database with the raw IndexedDB API, in batches:
 * each `create` operation into `operations`, its record (the operation's fields) into its table
 * (a log entry's creation carried by its record instead: shared/journal/carriedCreation.ts),
 * and listed in its workspace's clock lists (shared/journal/clockLists.ts: a list per workspace and
 * batch, sorted by clock, then entry id), exactly what an import leaves (the journal audit finds
 * nothing to rebuild differently). The
 * app's Dexie refuses writes around its journal, so a second, plain connection does it; the
 * database and its schema are the ones the app created at setup.
 *
 * Used in the real app (open-incident, cold-start, search: passed to Playwright's
 * `page.evaluate`, so it must stay self-contained: it uses nothing from any module) and in the
 * harness page (export, incremental).
 */

interface SeedOperation {
  readonly opId: string;
  readonly hlc: string;
  readonly workspace: string | null;
  readonly recordId: string;
  readonly table: string;
  readonly kind: string;
  readonly fields: Record<string, unknown>;
}

export async function seedDatabase(input: { url: string; databaseName: string; batchSize: number }): Promise<{ operations: number; records: Record<string, number>; ms: number }> {
  const started = performance.now();
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(input.databaseName);
    request.onupgradeneeded = () => reject(new Error(`database ${input.databaseName} does not exist: was the app set up?`));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
  });
  try {
    for (const store of ['incidents', 'logEntries', 'operations', 'profile', 'carriedClocks']) {
      if (!db.objectStoreNames.contains(store)) throw new Error(`the app's database has no ${store} store`);
    }
    const profiles = await new Promise<number>((resolve, reject) => {
      const request = db.transaction('profile').objectStore('profile').count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('count failed'));
    });
    if (profiles !== 1) throw new Error(`the app's database holds ${profiles} installation profiles, expected 1 (setup)`);

    const records: Record<string, number> = {};
    let operations = 0;
    const write = (batch: readonly SeedOperation[]) =>
      new Promise<void>((resolve, reject) => {
        const tables = [...new Set(batch.map((op) => op.table))];
        // Relaxed: the seed need not survive a power cut; the settle time lets it reach the disk.
        const tx = db.transaction([...tables, 'operations', 'carriedClocks'], 'readwrite', { durability: 'relaxed' });
        const ops = tx.objectStore('operations');
        const carried = new Map<string, { hlc: string; id: string }[]>();
        for (const op of batch) {
          // A log entry carries its creation (the dataset's records are exactly their creations).
          if (op.table === 'logEntries' && op.opId === op.recordId) {
            tx.objectStore(op.table).add({ ...op.fields, creation: { hlc: op.hlc } });
            const workspace = String(op.workspace);
            const entries = carried.get(workspace);
            if (entries) entries.push({ hlc: op.hlc, id: op.opId });
            else carried.set(workspace, [{ hlc: op.hlc, id: op.opId }]);
          } else {
            ops.add(op);
            tx.objectStore(op.table).add(op.fields);
          }
          records[op.table] = (records[op.table] ?? 0) + 1;
        }
        // The lists of the batch's carried creations: journal order, at most 8,192 entries each.
        for (const [workspace, entries] of carried) {
          entries.sort((a, b) => (a.hlc !== b.hlc ? (a.hlc < b.hlc ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
          for (let i = 0; i < entries.length; i += 8_192) {
            const part = entries.slice(i, i + 8_192);
            tx.objectStore('carriedClocks').add({ workspace, clocks: part.map((e) => e.hlc), ids: part.map((e) => e.id) });
          }
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('seed transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('seed transaction aborted'));
      });

    const response = await fetch(input.url);
    if (!response.ok || !response.body) throw new Error(`${input.url}: HTTP ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let rest = '';
    let batch: SeedOperation[] = [];
    // One transaction commits while the next batch is read and parsed.
    let committing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const next = write(batch);
      batch = [];
      await committing;
      committing = next;
    };
    for (;;) {
      const { done, value } = await reader.read();
      const text = rest + (value ?? '');
      const lines = text.split('\n');
      rest = done ? '' : (lines.pop() ?? '');
      for (const line of lines) {
        if (line === '') continue;
        const op = JSON.parse(line) as SeedOperation;
        if (op.kind !== 'create') throw new Error(`the dataset holds a ${op.kind} operation; only creations are expected`);
        batch.push(op);
        operations += 1;
        if (batch.length >= input.batchSize) await flush();
      }
      if (done) break;
    }
    if (batch.length > 0) await flush();
    await committing;
    return { operations, records, ms: performance.now() - started };
  } finally {
    db.close();
  }
}
