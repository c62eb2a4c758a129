import type { TFunction } from 'i18next';
import type { InteropProblem } from '../../../../../shared/contacts/interop';

/**
 * A problem as a sentence that names where it is: "line 14: END:VCARD missing…" for a vCard,
 * "row 7: column 'E-mail 1 - Value' is not an e-mail address…" for a CSV.
 */
export function problemText(t: TFunction, problem: InteropProblem, unit: 'line' | 'row'): string {
  const shown = problem.value === 'exercise' || problem.value === 'real' ? t(`workspace.${problem.value}`) : (problem.value ?? '');
  const sentence = t(`contactInterop.problem.${problem.code}`, { field: problem.field ?? '', value: shown, detail: problem.detail ?? '' });
  if (WHOLE_FILE.has(problem.code)) return sentence;
  const where = unit === 'line' ? t('contactInterop.atLine', { line: problem.line }) : t('contactInterop.atRow', { line: problem.line });
  return `${where}: ${sentence}`;
}

/** Problems of the file as a whole, not of one place in it. */
const WHOLE_FILE = new Set<InteropProblem['code']>(['file-empty', 'file-encoding', 'vcard-none', 'csv-no-rows', 'csv-no-name-column', 'workspace-mismatch']);
