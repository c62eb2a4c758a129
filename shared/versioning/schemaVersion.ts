/**
 * Version of the record shapes. It rises when a record shape changes; every rise comes with a
 * pure upcaster under `upcasters/`, used both by the database migration and (later) by bundle
 * import, so an old bundle on a USB stick is upgraded by exactly the same code as an old database.
 *
 * History:
 * - 1: first shapes (records had no tombstone flag).
 * - 2: `deleted` tombstone on every replicated record; log entries indexed by workspace and time.
 * - 3: keyring of peer identities, this installation's keys, open merge conflicts (new tables;
 *   operations may carry a `base` version vector; no record changes).
 * - 4: a staging table for bundles being imported (verified operations wait there in batches until
 *   they are applied in one transaction; no record changes).
 * - 5: incidents gain severity, network and IPCR states, requests, clocks and lessons; log entries
 *   gain received time and channel, retrospective justification, corrections, links, attachments
 *   by hash, EUCI exchange notes, incident changes and hash-chain links. All new fields have
 *   defaults in the schemas, so older records and operations parse as "nothing recorded yet";
 *   a new index finds the last link of an installation's chain in an incident.
 * - 6: procedures become swimlane models (lanes, steps with kinds, flows, decisions with outcomes,
 *   a key, a pack reference and a version); old procedures are upcast (`upcasters/v5ToV6`). New
 *   tables: procedure versions (append-only), procedure runs, call trees, call rounds, and the
 *   declared outage. Contacts gain organisation type, organisation link, position, identity
 *   fingerprint, verification and notes; channels gain label, PACE tier, failure rule and
 *   dependencies; log entries gain `progress` (all with defaults).
 * - 7: a new log entry carries its own creation (under the entry's id; `creation`: the operation's
 *   clock) instead of an operations row (shared/journal/carriedCreation.ts); no record changes, and entries
 *   written before keep theirs in the operations table.
 * - 8: log entries are no longer indexed by workspace and by incident alone: the compound indexes
 *   that begin with those fields answer the same queries (no record changes).
 * - 9: the clock lists of carried creations (shared/journal/clockLists.ts), built from the index
 *   of carried creations (no record changes).
 * - 10: log entries lose the index of carried creations; the clock lists replace it (no record
 *   changes).
 */
export const CURRENT_SCHEMA_VERSION = 10;

/**
 * The oldest schema version whose backups this version restores as they are: version 7 only
 * added a form of storage beside the old one, versions 8 and 10 only dropped indexes, and the
 * clock lists of version 9 are not in a backup (a restore builds them from the rows), so a
 * version 6 backup is a valid version 10 database.
 */
export const OLDEST_RESTORABLE_SCHEMA_VERSION = 6;
