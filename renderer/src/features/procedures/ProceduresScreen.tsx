/**
 * Procedures of the current workspace: EU procedures and national ones side by side. A selected
 * procedure shows its steps in lanes by level (technical, operational, political), each step
 * citing the points of the Recommendation it rests on.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { LocalizedText, Procedure } from '../../../../shared/model/records';
import { routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { TlpBadge } from '../../components/badges';
import { EmptyState } from '../../components/EmptyState';
import { listProcedures } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { ProcedureDetail } from './ProcedureDetail';
import { NewProcedureDialog } from './NewProcedureDialog';
import { Plus } from 'lucide-react';

/** Text in the reader's language, falling back to the other language while a translation is missing. */
export function localized(text: LocalizedText, language: 'en' | 'nl'): string {
  return text[language] || text[language === 'en' ? 'nl' : 'en'];
}

export function ProceduresScreen({ selectedId }: { selectedId: string | null }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const dialog = useUiStore((s) => s.dialog);
  const openDialog = useUiStore((s) => s.openDialog);
  const procedures = useLiveQuery(() => listProcedures(db, workspace), [db, workspace]);
  const selected = procedures?.find((p) => p.id === selectedId);
  const groups: Array<[Procedure['scope'], Procedure[]]> = (['eu', 'national'] as const).map((scope) => [
    scope,
    (procedures ?? [])
      .filter((p) => p.scope === scope)
      .sort((a, b) => f.compare(localized(a.title, f.language), localized(b.title, f.language))),
  ]);

  return (
    <div className="split">
      <section className="pane list-pane" aria-labelledby="procedures-title">
        <div className="pane-header">
          <h1 id="procedures-title">{t('procedures.title')}</h1>
          <button type="button" className="button primary" onClick={() => openDialog('new-procedure')}>
            <Plus size={16} aria-hidden /> {t('procedures.new')}
          </button>
        </div>
        {procedures && procedures.length === 0 ? (
          <EmptyState title={t('procedures.emptyTitle')}>{t('procedures.emptyText')}</EmptyState>
        ) : (
          groups
            .filter(([, list]) => list.length > 0)
            .map(([scope, list]) => (
              <div key={scope} className="list-group">
                <h2 className="list-group-title">{t(`procedures.scope.${scope}`)}</h2>
                <ul className="record-list">
                  {list.map((p) => (
                    <li key={p.id}>
                      <a
                        href={routeHref('procedures', p.id)}
                        className={`record-link${p.id === selectedId ? ' selected' : ''}`}
                        aria-current={p.id === selectedId ? 'true' : undefined}
                      >
                        <span className="record-title">{localized(p.title, f.language)}</span>
                        <span className="record-meta">
                          <span className="badge">{f.country(p.country)}</span>
                          <span className="badge">{t('procedures.stepCount', { count: p.steps.length })}</span>
                          <TlpBadge tlp={p.tlp} />
                        </span>
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ))
        )}
      </section>
      <section className="pane detail-pane">
        {selected ? (
          <ProcedureDetail procedure={selected} />
        ) : (
          <EmptyState title={t('procedures.noSelectionTitle')}>{t('procedures.noSelectionText')}</EmptyState>
        )}
      </section>
      {dialog === 'new-procedure' ? <NewProcedureDialog /> : null}
    </div>
  );
}
