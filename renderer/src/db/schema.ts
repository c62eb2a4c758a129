/**
 * The Dexie schema history. Every version ever shipped stays here, so that a database created by
 * any earlier release can be opened and upgraded (dexie.org: keep old declarations while users may
 * still have them). Index changes only need a new entry; data transforms use a pure upcaster from
 * `shared/versioning`.
 */
export const SCHEMA_V1 = {
  procedures: 'id, workspace, [workspace+scope], hlc',
  contacts: 'id, workspace, [workspace+name], hlc',
  incidents: 'id, workspace, [workspace+startedAt], hlc',
  logEntries: 'id, workspace, incidentId, [incidentId+occurredAt], hlc',
  operations: 'opId, hlc, [workspace+hlc], [table+recordId]',
  profile: 'id',
  meta: 'key',
} as const;

/** Version 2: tombstones on every record (see shared/versioning), recent entries per workspace. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  logEntries: 'id, workspace, incidentId, [incidentId+occurredAt], [workspace+createdAt], hlc',
} as const;

/**
 * Version 3: the exchange log (journaled, installation-local), the keyring of peer identity cards (journaled, installation-local), this
 * installation's own keys (never journaled: they hold non-extractable private keys), and open
 * merge conflicts, one row per record field, derived from the journal by shared/merge (they can
 * always be recomputed; written only by the journal), and the quarantine of bundles from signers
 * not (yet) trusted: unverified foreign material, kept apart and never journaled.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  keyring: 'id, trust',
  installationKeys: 'id',
  conflicts: '[table+recordId+field], [table+recordId], workspace',
  quarantine: 'bundleId, receivedAt',
  exchangeLog: 'id, createdAt',
} as const;

/**
 * Version 4: the import staging area. A verified bundle's operations are streamed into it in
 * batches (a bundle can be larger than memory), then applied from it in one transaction, or
 * dropped. Never journaled: it holds nothing until the journal has applied it.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  importStaging: '[importId+seq]',
} as const;

/** Version 5: the last link of an installation's hash chain in an incident (see db/logbook.ts). */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  logEntries: 'id, workspace, incidentId, [incidentId+occurredAt], [workspace+createdAt], [incidentId+origin+chain.seq], hlc',
} as const;

/**
 * Version 6: procedures become swimlane models (lanes, steps, flows; see shared/model/procedure),
 * with their saved versions and their runs on incidents; call trees and call rounds; the outage
 * declared per workspace (installation-local).
 */
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  procedures: 'id, workspace, [workspace+scope], [workspace+key], hlc',
  procedureVersions: 'id, workspace, [procedureId+version], hlc',
  procedureRuns: 'id, workspace, incidentId, procedureId, hlc',
  callTrees: 'id, workspace, hlc',
  callRounds: 'id, workspace, incidentId, callTreeId, hlc',
  outage: 'id',
} as const;

/**
 * Version 7: a log entry carries its own creation (shared/journal/carriedCreation.ts) instead of
 * an operations row; the carried creations are indexed by workspace and clock, which replaces
 * the entries' own clock index (nothing read by it).
 */
export const SCHEMA_V7 = {
  ...SCHEMA_V6,
  logEntries: 'id, workspace, incidentId, [incidentId+occurredAt], [workspace+createdAt], [incidentId+origin+chain.seq], [workspace+creation.hlc]',
} as const;

/**
 * Version 8: log entries lose their single `workspace` and `incidentId` indexes. Each is the
 * first part of a compound index the entries have anyway (`[workspace+createdAt]`,
 * `[incidentId+occurredAt]`), which answers the same ranges; every index is one more write per
 * entry, and the two cost an import of 100,000 entries 2.2 s (bench/README.md).
 */
export const SCHEMA_V8 = {
  ...SCHEMA_V7,
  logEntries: 'id, [incidentId+occurredAt], [workspace+createdAt], [incidentId+origin+chain.seq], [workspace+creation.hlc]',
} as const;

export const DATABASE_NAME = 'crisis-workbook';

/**
 * Version 9: the clock lists of carried creations (shared/journal/clockLists.ts), built at the
 * upgrade from the index they replace, which version 10 drops. Two versions, because Dexie drops a
 * removed index before a version's upgrade runs, and the upgrade reads that index.
 */
export const SCHEMA_V9 = {
  ...SCHEMA_V8,
  carriedClocks: '++id, workspace',
} as const;

/**
 * Version 10: log entries lose the index of carried creations (the clock lists replace it): one
 * index write less per entry, about 2.5 s of an import of 100,000 entries (bench/README.md).
 */
export const SCHEMA_V10 = {
  ...SCHEMA_V9,
  logEntries: 'id, [incidentId+occurredAt], [workspace+createdAt], [incidentId+origin+chain.seq]',
} as const;
