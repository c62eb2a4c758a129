/**
 * PURE: the file-type filters of the open and save dialogs, labelled in the user's language.
 * The specific type comes first so it is the dialog's default; "All files" stays available
 * for files that lost their extension on the way (mail gateways, USB tools).
 */
import type { FileFilter } from 'electron';
import type { FileKind } from '../../../shared/ipc/contract';
import type { Language } from '../../../shared/i18n/languages';
import { translate } from '../../../shared/i18n/translate';

/** Extensions per kind of file the workbook exchanges. */
export const FILE_EXTENSIONS: Readonly<Record<Exclude<FileKind, 'any'>, readonly string[]>> = {
  // Receipts come back on the same stick as bundles: the bundle dialog shows both.
  bundle: ['cwb', 'cwr'],
  receipt: ['cwr'],
  journal: ['ndjson'],
  contacts: ['vcf', 'csv'],
  'identity-card': ['cwid'],
  'identity-backup': ['age'],
  report: ['md'],
  // A procedure as the app's JSON, a CACAO playbook (JSON) or Mermaid text.
  procedure: ['json', 'mmd'],
  svg: ['svg'],
  png: ['png'],
  pack: ['cwpack'],
  pdf: ['pdf'],
};

const FILTER_LABEL_KEYS: Readonly<Record<Exclude<FileKind, 'any'>, string>> = {
  bundle: 'menu.filterBundle',
  receipt: 'menu.filterReceipt',
  journal: 'menu.filterJournal',
  contacts: 'menu.filterContacts',
  'identity-card': 'menu.filterIdentityCard',
  'identity-backup': 'menu.filterIdentityBackup',
  report: 'reports.filterMarkdown',
  procedure: 'procedureExport.filterProcedure',
  svg: 'procedureExport.filterSvg',
  png: 'procedureExport.filterPng',
  pack: 'packImport.filterPack',
  pdf: 'binder.filterPdf',
};

export function fileFiltersFor(kind: FileKind, language: Language): FileFilter[] {
  const allFiles: FileFilter = { name: translate(language, 'menu.filterAll'), extensions: ['*'] };
  if (kind === 'any') return [allFiles];
  return [{ name: translate(language, FILTER_LABEL_KEYS[kind]), extensions: [...FILE_EXTENSIONS[kind]] }, allFiles];
}
