/**
 * Import a procedure from the app's own JSON file. The file is read all or nothing: any problem is
 * listed with the JSON path of the part at fault, and nothing is written. A file whose key is a
 * national procedure of this workspace becomes that procedure's next version; any other becomes a
 * new national procedure (a built-in procedure's file is imported as a national copy).
 */
import { Upload } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../../shared/i18n/languages';
import { parseProcedureFile, type ExchangedProcedure } from '../../../../../shared/procedures/procedureJson';
import { issueMessage, type ProcedureIssue } from '../../../../../shared/procedures/structure';
import type { Procedure } from '../../../../../shared/model/records';
import { navigate } from '../../../app/router';
import { useSession } from '../../../app/session';
import { Dialog } from '../../../components/Dialog';
import { contentOf, createNationalProcedure, isEditable, nationalKey, saveProcedureVersion } from '../../../db/procedureVersions';
import { useJournalAction } from '../../../lib/useJournalAction';
import { useUiStore } from '../../../stores/useUiStore';

/** Write an imported procedure: the next version of the national procedure with its key, or a new one. */
export async function importProcedure(
  session: Pick<ReturnType<typeof useSession>, 'db' | 'journal'>,
  imported: ExchangedProcedure,
  info: { savedBy: string; note: string },
  workspace: Procedure['workspace'],
): Promise<Procedure> {
  const { db, journal } = session;
  const content = { ...contentOf(imported), scope: 'national' as const };
  const existing = await db.procedures.where('[workspace+key]').equals([workspace, imported.key]).first();
  if (existing && !existing.deleted && isEditable(existing)) {
    return saveProcedureVersion(db, journal, existing.id, existing.version, { content, tlp: imported.tlp }, info);
  }
  const key = existing || imported.pack ? nationalKey(content.country, content.title.en || content.title.nl) : imported.key;
  return createNationalProcedure(db, journal, { content, tlp: imported.tlp, key }, info, workspace);
}

/** `compact`: the icon alone (the label stays its accessible name and tooltip), for a crowded header. */
export function ImportProcedureButton({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'nl' ? 'nl' : 'en';
  const { db, journal, platform, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const notify = useUiStore((s) => s.notify);
  const { run, busy } = useJournalAction();
  const [problems, setProblems] = useState<{ file: string; issues: readonly ProcedureIssue[] } | null>(null);

  const pick = async () => {
    const picked = await platform.openFile('procedure');
    if (!picked.ok) return notify({ tone: 'error', messageKey: `errors.${picked.error.code}` });
    if (!picked.value) return;
    const file = picked.value;
    const parsed = parseProcedureFile(file.bytes);
    if (!parsed.ok) return setProblems({ file: file.name, issues: parsed.issues });
    const imported = await run(
      () => importProcedure({ db, journal }, parsed.envelope.procedure, { savedBy: `${profile.person}, ${profile.organisation}`, note: t('procedureEditor.importedNote', { file: file.name }) }, workspace),
      'procedureEditor.imported',
    );
    if (imported) navigate('procedures', imported.id);
  };

  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => void pick()}
        disabled={busy}
        aria-label={compact ? t('procedureEditor.import') : undefined}
        title={compact ? t('procedureEditor.import') : undefined}
      >
        <Upload size={16} aria-hidden /> {compact ? null : t('procedureEditor.import')}
      </button>
      {problems ? (
        <Dialog title={t('procedureEditor.importRefused')} onClose={() => setProblems(null)}>
          <p>{t('procedureEditor.importRefusedText', { file: problems.file })}</p>
          <ul className="pe-import-errors" data-testid="import-errors">
            {problems.issues.map((issue, i) => (
              <li key={i}>{issueMessage(issue, language)}</li>
            ))}
          </ul>
          <div className="button-row end">
            <button type="button" className="button primary" onClick={() => setProblems(null)}>{t('common.close')}</button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
