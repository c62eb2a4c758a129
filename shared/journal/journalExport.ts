/**
 * The change journal of a workspace as NDJSON, for audit and evidence: one header line, then one
 * operation per line in clock order. An export from the exercise workspace says so in its header
 * and in its file name.
 */
import { EXERCISE_MARKING, exportFilePrefix, type Workspace } from '../model/workspace';
import { canonicalJson } from './canonical';
import { compareOperations, type Operation } from './operation';

export const JOURNAL_EXPORT_FORMAT = 'crisis-workbook-journal';
export const JOURNAL_EXPORT_VERSION = 1;

export interface JournalExportHeader {
  readonly format: typeof JOURNAL_EXPORT_FORMAT;
  readonly version: typeof JOURNAL_EXPORT_VERSION;
  readonly workspace: Workspace;
  readonly marking: string | null;
  readonly exportedAt: string;
  readonly installation: string;
  readonly organisation: string;
  readonly operations: number;
}

export function journalExportFileName(workspace: Workspace, exportedAt: string): string {
  return `${exportFilePrefix(workspace)}journal-${workspace}-${exportedAt.slice(0, 19).replace(/[:T]/g, '-')}.ndjson`;
}

export function buildJournalExport(
  operations: readonly Operation[],
  context: { workspace: Workspace; exportedAt: string; installation: string; organisation: string },
): string {
  const mine = operations.filter((op) => op.workspace === context.workspace).sort(compareOperations);
  const header: JournalExportHeader = {
    format: JOURNAL_EXPORT_FORMAT,
    version: JOURNAL_EXPORT_VERSION,
    workspace: context.workspace,
    marking: context.workspace === 'exercise' ? EXERCISE_MARKING : null,
    exportedAt: context.exportedAt,
    installation: context.installation,
    organisation: context.organisation,
    operations: mine.length,
  };
  return [header, ...mine].map((line) => canonicalJson(line)).join('\n') + '\n';
}
