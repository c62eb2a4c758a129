/**
 * Writing into an incident's logbook: every entry is appended through the journal with its place
 * in this installation's hash chain for the incident (the head is also kept apart in `meta`, so
 * that an altered or removed last entry is noticed too); corrections and withdrawals are new
 * entries that point at the one they correct; a change of the incident itself is written together
 * with the entry that records it. Nothing here edits or deletes an entry.
 */
import Dexie from 'dexie';
import { chainHead, nextLink, verifyChains, type ChainHead, type ChainVerification, type ChainedEntry } from '../../../shared/logbook/chain';
import { WorkbookError } from '../../../shared/errors/codes';
import type { Incident, LogEntry, TrackedIncidentField } from '../../../shared/model/records';
import { TRACKED_INCIDENT_FIELDS } from '../../../shared/model/records';
import { sameData } from '../../../shared/journal/canonical';
import type { ChangeJournal, RecordInput, RecordPatch } from './journal';
import { incidentEntries } from './queries';
import type { WorkbookDb } from './WorkbookDb';
import { journalTables } from './journal';

/** What the author gives; chain, times of recording and identity are the journal's. */
export type LogEntryDraft = Omit<RecordInput<'logEntries'>, 'chain'>;

const headKey = (incidentId: string) => `chainHead:${incidentId}`;

/** This installation's trusted head of its chain in an incident (kept apart from the entries). */
export async function ownChainHead(db: WorkbookDb, incidentId: string): Promise<ChainHead | null> {
  return ((await db.meta.get(headKey(incidentId)))?.value as ChainHead | undefined) ?? null;
}

/**
 * Append an entry to the incident's logbook, linked into this installation's chain. Runs in one
 * transaction with the lookup of the previous link, so two quick entries never share a seq.
 */
export async function appendLogEntry(db: WorkbookDb, journal: ChangeJournal, draft: LogEntryDraft, workspace: LogEntry['workspace']): Promise<LogEntry> {
  return db.transaction('rw', [db.logEntries, ...journalTables(db), db.meta], async () => {
    const previous = await db.logEntries
      .where('[incidentId+origin+chain.seq]')
      .between([draft.incidentId, journal.installationId, Dexie.minKey], [draft.incidentId, journal.installationId, Dexie.maxKey])
      .last();
    const chain = nextLink(previous?.chain ? (previous as ChainedEntry) : null);
    const entry = await journal.create('logEntries', { ...draft, chain }, { workspace });
    await db.meta.put({ key: headKey(draft.incidentId), value: chainHead(entry as ChainedEntry) });
    return entry;
  });
}

/** A correction or withdrawal of an earlier entry of the same incident, with the reason. */
export async function correctLogEntry(
  db: WorkbookDb,
  journal: ChangeJournal,
  original: LogEntry,
  correction: { mode: 'correction' | 'withdrawal'; reason: string; text: string; author: string },
): Promise<LogEntry> {
  if (original.corrects?.mode === 'withdrawal') throw new WorkbookError('record-invalid', 'a withdrawal cannot itself be corrected');
  return appendLogEntry(
    db,
    journal,
    {
      incidentId: original.incidentId,
      kind: original.kind,
      text: correction.text,
      occurredAt: original.occurredAt,
      author: correction.author,
      tlp: original.tlp,
      corrects: { entryId: original.id, mode: correction.mode, reason: correction.reason },
    },
    original.workspace,
  );
}

/** The tracked fields a patch really changes, with their values before and after. */
export function incidentChanges(incident: Incident, patch: RecordPatch<'incidents'>): Array<{ field: TrackedIncidentField; from: unknown; to: unknown }> {
  const changes: Array<{ field: TrackedIncidentField; from: unknown; to: unknown }> = [];
  for (const field of TRACKED_INCIDENT_FIELDS) {
    if (!(field in patch)) continue;
    const to = (patch as Record<string, unknown>)[field];
    if (!sameData(incident[field], to)) changes.push({ field, from: incident[field], to });
  }
  return changes;
}

/**
 * Change the incident and write the entry that records the change (who, when, why) in one
 * transaction: the logbook holds the whole history of the incident's state. A patch that
 * changes nothing writes nothing and returns null.
 */
export async function changeIncident(
  db: WorkbookDb,
  journal: ChangeJournal,
  incident: Incident,
  patch: RecordPatch<'incidents'>,
  note: { text: string; author: string; kind?: LogEntry['kind'] },
): Promise<LogEntry | null> {
  const changes = incidentChanges(incident, patch);
  if (changes.length === 0) return null;
  return db.transaction('rw', [db.incidents, db.logEntries, ...journalTables(db), db.meta], async () => {
    await journal.update('incidents', incident.id, patch);
    return appendLogEntry(
      db,
      journal,
      {
        incidentId: incident.id,
        kind: note.kind ?? (changes.some((c) => c.field === 'escalation') ? 'escalation' : 'decision'),
        text: note.text,
        occurredAt: new Date().toISOString(),
        author: note.author,
        tlp: patch.tlp ?? incident.tlp,
        incidentChange: changes,
      },
      incident.workspace,
    );
  });
}

/** Open an incident with the first logbook entry saying so, together. */
export async function openIncident(
  db: WorkbookDb,
  journal: ChangeJournal,
  input: RecordInput<'incidents'>,
  workspace: Incident['workspace'],
  note: { text: string; author: string },
): Promise<Incident> {
  return db.transaction('rw', [db.incidents, db.logEntries, ...journalTables(db), db.meta], async () => {
    const incident = await journal.create('incidents', input, { workspace });
    await appendLogEntry(db, journal, { incidentId: incident.id, kind: 'decision', text: note.text, occurredAt: incident.startedAt, author: note.author, tlp: incident.tlp }, workspace);
    return incident;
  });
}

/** Check every installation's chain in the incident's logbook (and this installation's own head). */
/** How many entries an incident has (also what a live query watches to notice any change to them). */
export function countIncidentEntries(db: WorkbookDb, incidentId: string): Promise<number> {
  return incidentEntries(db, incidentId).count();
}

export async function verifyIncidentChains(db: WorkbookDb, incidentId: string, installationId: string): Promise<ChainVerification & { readonly unchained: number }> {
  // One read transaction: entries and the head kept apart must be seen as of the same moment, or
  // an entry appended in between would look like a removed one.
  const [entries, head] = await db.transaction('r', [db.logEntries, db.meta], () =>
    Promise.all([incidentEntries(db, incidentId).toArray(), ownChainHead(db, incidentId)]),
  );
  const chained = entries.filter((e): e is LogEntry & ChainedEntry => e.chain !== null);
  const report = verifyChains(chained, head ? { knownHeads: { [installationId]: head } } : {});
  return { ...report, unchained: entries.length - chained.length };
}
