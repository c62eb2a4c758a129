/**
 * A DBCore middleware that makes a write around the change journal impossible: any mutation of a
 * journaled table is refused unless it runs in a transaction the journal opened itself. Schema
 * upgrades (versionchange transactions) are allowed, because they reshape records rather than
 * change them.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Middleware } from 'dexie';
import { JOURNALED_TABLES } from '../../../shared/journal/tables';
import { CLOCK_LIST_TABLE } from '../../../shared/journal/clockLists';
import { WorkbookError } from '../../../shared/errors/codes';

const GUARDED_TABLES: ReadonlySet<string> = new Set([...JOURNALED_TABLES, 'operations', 'conflicts', CLOCK_LIST_TABLE]);

/** Transactions opened by the journal; weak, so finished transactions are forgotten. */
const journalTransactions = new WeakSet<object>();

export function authorizeJournalTransaction(trans: object): void {
  journalTransactions.add(trans);
}

function isAuthorized(trans: DBCoreTransaction): boolean {
  if (journalTransactions.has(trans)) return true;
  // A versionchange transaction belongs to a schema upgrade.
  return (trans as { mode?: string }).mode === 'versionchange';
}

export const journalGuard: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'journalGuard',
  create(down) {
    return {
      ...down,
      table(tableName) {
        const table = down.table(tableName);
        if (!GUARDED_TABLES.has(tableName)) return table;
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            if (!isAuthorized(req.trans)) {
              return Promise.reject(
                new WorkbookError('journal-bypass', `a ${req.type} on "${tableName}" outside the change journal was refused`),
              );
            }
            return table.mutate(req);
          },
        };
      },
    };
  },
};
