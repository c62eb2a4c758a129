/**
 * What this installation has to exchange: its identity, its change journal (the source of every
 * future bundle), an integrity check of the journal against the data, and an export of the
 * journal for audit.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Download, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildJournalExport, journalExportFileName } from '../../../../shared/journal/journalExport';
import { REPLICATED_TABLES } from '../../../../shared/journal/tables';
import { BUILTIN_ORIGIN } from '../../../../shared/model/ids';
import { useSession } from '../../app/session';
import { auditJournal, type AuditReport } from '../../db/audit';
import { journalSummary, workspaceOperations } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { BundlesSection } from './BundlesSection';
import { ConflictsSection } from './ConflictsSection';
import { IdentitySection } from './IdentitySection';
import { KeyringSection } from './KeyringSection';
import { DestinationsSection } from '../sync/DestinationsSection';

export function ExchangeScreen() {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, platform, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const notify = useUiStore((s) => s.notify);
  const summary = useLiveQuery(() => journalSummary(db, workspace, 25), [db, workspace]);
  const [audit, setAudit] = useState<AuditReport | null>(null);
  const [checking, setChecking] = useState(false);

  const origin = (o: string) =>
    o === profile.id ? t('exchange.originSelf') : o === BUILTIN_ORIGIN ? t('exchange.originBuiltin') : o;

  const runAudit = async () => {
    setChecking(true);
    try {
      setAudit(await auditJournal(db));
    } finally {
      setChecking(false);
    }
  };

  const exportJournal = async () => {
    const exportedAt = new Date().toISOString();
    const text = buildJournalExport(await workspaceOperations(db, workspace), {
      workspace,
      exportedAt,
      installation: profile.id,
      organisation: profile.organisation,
    });
    const result = await platform.saveFile('journal', journalExportFileName(workspace, exportedAt), new TextEncoder().encode(text));
    if (!result.ok) notify({ tone: 'error', messageKey: `errors.${result.error.code}` });
    else if (result.value) notify({ tone: 'success', messageKey: 'exchange.exported', values: { location: result.value.location } });
  };

  return (
    <div className="exchange">
      <div className="page-header">
        <h1>{t('exchange.title')}</h1>
        <p className="muted">{t('exchange.intro')}</p>
      </div>
      <div className="card-grid">
        <BundlesSection />
        <DestinationsSection />
        <ConflictsSection />
        <IdentitySection />
        <KeyringSection />
        <section className="card" aria-labelledby="installation-title">
          <h2 id="installation-title">{t('exchange.installation')}</h2>
          <dl className="facts single">
            <div>
              <dt>{t('exchange.installationId')}</dt>
              <dd className="mono" data-testid="installation-id">
                {profile.id}
              </dd>
            </div>
            <div>
              <dt>{t('profile.organisation')}</dt>
              <dd>
                {profile.organisation} ({f.country(profile.country)})
              </dd>
            </div>
            <div>
              <dt>{t('exchange.workspace')}</dt>
              <dd>{t(`workspace.${workspace}`)}</dd>
            </div>
          </dl>
        </section>
        <section className="card span-2" aria-labelledby="journal-title">
          <h2 id="journal-title">{t('exchange.journal')}</h2>
          <p className="muted">{t('exchange.journalIntro')}</p>
          <dl className="stat-list inline">
            {REPLICATED_TABLES.map((table) => (
              <div key={table}>
                <dt>{t(`tables.${table}`)}</dt>
                <dd>{summary ? f.number(summary.byTable[table]) : '…'}</dd>
              </div>
            ))}
          </dl>
          <div className="button-row">
            <button type="button" className="button" onClick={() => void runAudit()} disabled={checking}>
              <ShieldCheck size={16} aria-hidden /> {t('exchange.checkJournal')}
            </button>
            <button type="button" className="button" onClick={() => void exportJournal()}>
              <Download size={16} aria-hidden /> {t('exchange.exportJournal')}
            </button>
          </div>
          {audit ? (
            <div className={`audit-result ${audit.findings.length ? 'bad' : 'good'}`} role="status">
              {audit.findings.length === 0
                ? t('exchange.auditClean', { records: f.number(audit.recordsChecked), operations: f.number(audit.operationsChecked) })
                : t('exchange.auditFindings', { count: audit.findings.length })}
              {audit.findings.length ? (
                <ul>
                  {audit.findings.slice(0, 20).map((finding, i) => (
                    <li key={i}>
                      {t(`exchange.finding.${finding.kind}`, {
                        table: t(`tables.${finding.table}`),
                        id: finding.recordId,
                        field: 'field' in finding ? finding.field : '',
                      })}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </section>
        <section className="card span-3" aria-labelledby="latest-title">
          <h2 id="latest-title">{t('exchange.latest')}</h2>
          {summary && summary.latest.length === 0 ? (
            <p className="muted">{t('exchange.noOperations')}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('exchange.col.time')}</th>
                    <th scope="col">{t('exchange.col.table')}</th>
                    <th scope="col">{t('exchange.col.kind')}</th>
                    <th scope="col">{t('exchange.col.fields')}</th>
                    <th scope="col">{t('exchange.col.origin')}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary?.latest.map((op) => (
                    <tr key={op.opId}>
                      <td>
                        <time dateTime={op.hlc.slice(0, 24)}>{f.dateTime(op.hlc.slice(0, 24))}</time>
                      </td>
                      <td>{t(`tables.${op.table}`)}</td>
                      <td>{t(`exchange.kind.${op.kind}`)}</td>
                      <td className="mono small">{op.kind === 'create' ? '—' : Object.keys(op.fields).filter((k) => k !== 'hlc' && k !== 'updatedAt').join(', ')}</td>
                      <td className="mono small">{origin(op.origin)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
