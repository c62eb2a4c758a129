/**
 * The tables whose every write goes through the change journal, and what kind of table each is.
 * Replicated tables travel in bundles and are scoped to a workspace; local tables belong to this
 * installation alone. Append-only tables accept creations and nothing else.
 */
import { z } from 'zod';
import type { ZodType } from 'zod';
import { InstallationProfileSchema, type InstallationProfile } from '../model/installation';
import { KeyringEntrySchema, type KeyringEntry } from '../model/keyring';
import { ExchangeLogEntrySchema, type ExchangeLogEntry } from '../model/exchangeLog';
import { OutageStateSchema, type OutageState } from '../model/outage';
import {
  CallRoundSchema,
  CallTreeSchema,
  ProcedureRunSchema,
  ProcedureVersionSchema,
  type CallRound,
  type CallTree,
  type ProcedureRun,
  type ProcedureVersion,
  ContactSchema,
  IncidentSchema,
  LogEntrySchema,
  ProcedureSchema,
  type Contact,
  type Incident,
  type LogEntry,
  type Procedure,
} from '../model/records';

export const REPLICATED_TABLES = [
  'procedures', 'contacts', 'incidents', 'logEntries',
  'procedureVersions', 'procedureRuns', 'callTrees', 'callRounds',
] as const;
export const LOCAL_TABLES = ['profile', 'keyring', 'exchangeLog', 'outage'] as const;
export const JOURNALED_TABLES = [...REPLICATED_TABLES, ...LOCAL_TABLES] as const;

export const JournaledTableSchema = z.enum(JOURNALED_TABLES);
export type JournaledTable = z.infer<typeof JournaledTableSchema>;
export type ReplicatedTable = (typeof REPLICATED_TABLES)[number];

/** Log entries are never edited or deleted: a correction is a new entry that points at the old. */
export const APPEND_ONLY_TABLES: ReadonlySet<JournaledTable> = new Set<JournaledTable>(['logEntries', 'procedureVersions']);

export interface TableRecords {
  procedures: Procedure;
  contacts: Contact;
  incidents: Incident;
  logEntries: LogEntry;
  procedureVersions: ProcedureVersion;
  procedureRuns: ProcedureRun;
  callTrees: CallTree;
  callRounds: CallRound;
  profile: InstallationProfile;
  keyring: KeyringEntry;
  exchangeLog: ExchangeLogEntry;
  outage: OutageState;
}

/**
 * What a writer supplies per table: the schemas' input shapes, in which fields with defaults
 * (added in later schema versions) may be left out.
 */
export interface TableInputs {
  procedures: z.input<typeof ProcedureSchema>;
  contacts: z.input<typeof ContactSchema>;
  incidents: z.input<typeof IncidentSchema>;
  logEntries: z.input<typeof LogEntrySchema>;
  procedureVersions: z.input<typeof ProcedureVersionSchema>;
  procedureRuns: z.input<typeof ProcedureRunSchema>;
  callTrees: z.input<typeof CallTreeSchema>;
  callRounds: z.input<typeof CallRoundSchema>;
  profile: z.input<typeof InstallationProfileSchema>;
  keyring: z.input<typeof KeyringEntrySchema>;
  exchangeLog: z.input<typeof ExchangeLogEntrySchema>;
  outage: z.input<typeof OutageStateSchema>;
}

export const RECORD_SCHEMAS: { [T in JournaledTable]: ZodType<TableRecords[T]> } = {
  procedures: ProcedureSchema,
  contacts: ContactSchema,
  incidents: IncidentSchema,
  logEntries: LogEntrySchema,
  procedureVersions: ProcedureVersionSchema,
  procedureRuns: ProcedureRunSchema,
  callTrees: CallTreeSchema,
  callRounds: CallRoundSchema,
  profile: InstallationProfileSchema,
  keyring: KeyringEntrySchema,
  exchangeLog: ExchangeLogEntrySchema,
  outage: OutageStateSchema,
};

export function isReplicated(table: JournaledTable): table is ReplicatedTable {
  return (REPLICATED_TABLES as readonly string[]).includes(table);
}
