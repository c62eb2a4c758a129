/**
 * Procedures of the current workspace: the EU procedures of the built-in content pack and the
 * national procedures side by side, searchable, and the reference pages of the blueprint. The
 * address says what is open: `#/procedures/<id>`, `<id>~<step>` with a step selected,
 * `run:<run id>` for a procedure run on an incident, `reference:<page>` for a reference page.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { BookOpen, BookCopy, Plus, Search } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText, Procedure } from '../../../../shared/model/records';
import { routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { TlpBadge } from '../../components/badges';
import { EmptyState } from '../../components/EmptyState';
import { listProcedures } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { pick, REFERENCE_PAGE_LIST } from './catalogue';
import { NewProcedureDialog } from './NewProcedureDialog';
import { BinderDialog } from '../binder/BinderDialog';
import { ImportProcedureButton } from './editor/ImportProcedureButton';
import { PackImportButton } from './editor/PackImportButton';
import { ProcedureDetail } from './ProcedureDetail';
import { ReferenceView } from './reference/ReferenceView';
import { RunView } from './run/RunView';
import '../../styles/procedures.css';

/** Text in the reader's language, falling back to the other language while a translation is missing. */
export function localized(text: LocalizedText, language: 'en' | 'nl'): string {
  return pick(text, language);
}

export type ProcedureRoute =
  | { readonly kind: 'none' }
  | { readonly kind: 'procedure'; readonly procedureId: string; readonly stepId: string | null }
  | { readonly kind: 'run'; readonly runId: string }
  | { readonly kind: 'reference'; readonly page: string };

export function parseProcedureRoute(id: string | null): ProcedureRoute {
  if (!id) return { kind: 'none' };
  if (id.startsWith('run:')) return { kind: 'run', runId: id.slice(4) };
  if (id.startsWith('reference:')) return { kind: 'reference', page: id.slice(10) };
  const [procedureId = '', stepId] = id.split('~');
  return { kind: 'procedure', procedureId, stepId: stepId || null };
}

export function procedureHref(procedureId: string, stepId: string | null = null): string {
  return routeHref('procedures', stepId ? `${procedureId}~${stepId}` : procedureId);
}

function matches(p: Procedure, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const hay = [p.title.en, p.title.nl, p.summary.en, p.summary.nl, p.key, ...p.citations, ...p.steps.flatMap((s) => [s.title.en, s.title.nl, ...s.citations])]
    .join('\n')
    .toLowerCase();
  return q.split(/\s+/).every((word) => hay.includes(word));
}

export function ProceduresScreen({ selectedId }: { selectedId: string | null }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const dialog = useUiStore((s) => s.dialog);
  const openDialog = useUiStore((s) => s.openDialog);
  const closeDialog = useUiStore((s) => s.closeDialog);
  const [query, setQuery] = useState('');
  const procedures = useLiveQuery(() => listProcedures(db, workspace), [db, workspace]);
  const route = parseProcedureRoute(selectedId);
  const selected = route.kind === 'procedure' ? procedures?.find((p) => p.id === route.procedureId) : undefined;

  const groups = useMemo(
    () =>
      (['eu', 'national'] as const).map((scope) => ({
        scope,
        list: (procedures ?? [])
          .filter((p) => p.scope === scope && matches(p, query))
          .sort((a, b) => f.compare(localized(a.title, f.language), localized(b.title, f.language))),
      })),
    [procedures, query, f],
  );
  const found = groups.reduce((n, g) => n + g.list.length, 0);

  return (
    <div className="split procedures-split">
      <section className="pane list-pane procedures-list" aria-labelledby="procedures-title">
        <div className="pane-header">
          <h1 id="procedures-title">{t('procedures.title')}</h1>
          <div className="pane-actions">
            <button type="button" className="button primary" onClick={() => openDialog('new-procedure')}>
              <Plus size={16} aria-hidden /> {t('procedures.new')}
            </button>
            <ImportProcedureButton compact />
            <PackImportButton compact />
            <button type="button" className="button" aria-label={t('binder.open')} title={t('binder.open')} onClick={() => openDialog('crisis-binder')}>
              <BookCopy size={16} aria-hidden />
            </button>
          </div>
        </div>
        <label className="search-field">
          <Search size={16} aria-hidden />
          <span className="visually-hidden">{t('procedure.search')}</span>
          <input type="search" value={query} placeholder={t('procedure.searchPlaceholder')} onChange={(e) => setQuery(e.target.value)} />
        </label>
        {procedures && procedures.length === 0 ? (
          <EmptyState title={t('procedures.emptyTitle')}>{t('procedures.emptyText')}</EmptyState>
        ) : procedures && found === 0 ? (
          <p className="muted" role="status">
            {t('procedure.noMatch')}
          </p>
        ) : (
          groups
            .filter(({ list }) => list.length > 0)
            .map(({ scope, list }) => (
              <div key={scope} className="list-group">
                <h2 className="list-group-title">{t(`procedures.scope.${scope}`)}</h2>
                <ul className="record-list">
                  {list.map((p) => (
                    <li key={p.id}>
                      <a
                        href={procedureHref(p.id)}
                        className={`record-link${p.id === selected?.id ? ' selected' : ''}`}
                        aria-current={p.id === selected?.id ? 'true' : undefined}
                      >
                        <span className="record-title">{localized(p.title, f.language)}</span>
                        <span className="record-meta">
                          {p.pack ? <span className="badge">{t('procedure.packVersion', { version: p.pack.version })}</span> : <span className="badge">{f.country(p.country)}</span>}
                          <span className="badge">{t('procedures.stepCount', { count: p.steps.length })}</span>
                          {p.pack ? null : <span className="badge">{t('procedure.version', { version: p.version })}</span>}
                          <TlpBadge tlp={p.tlp} />
                        </span>
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ))
        )}
        <nav className="list-group reference-nav" aria-labelledby="reference-nav-title">
          <h2 className="list-group-title" id="reference-nav-title">
            <BookOpen size={14} aria-hidden /> {t('reference.title')}
          </h2>
          <ul className="compact-list">
            {REFERENCE_PAGE_LIST.map((page) => (
              <li key={page.id}>
                <a
                  href={routeHref('procedures', `reference:${page.id}`)}
                  aria-current={route.kind === 'reference' && route.page === page.id ? 'page' : undefined}
                  className={route.kind === 'reference' && route.page === page.id ? 'current' : undefined}
                >
                  {page.title ? pick(page.title, f.language) : t('reference.actorsTitle')}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </section>
      <section className="pane detail-pane procedures-detail">
        {route.kind === 'run' ? (
          <RunView runId={route.runId} />
        ) : route.kind === 'reference' ? (
          <ReferenceView pageId={route.page} />
        ) : selected ? (
          <ProcedureDetail key={selected.id} procedure={selected} stepId={route.kind === 'procedure' ? route.stepId : null} />
        ) : route.kind === 'procedure' && procedures ? (
          <EmptyState title={t('procedure.notFoundTitle')}>{t('procedure.notFoundText')}</EmptyState>
        ) : (
          <EmptyState title={t('procedures.noSelectionTitle')}>{t('procedures.noSelectionText')}</EmptyState>
        )}
      </section>
      {dialog === 'new-procedure' ? <NewProcedureDialog /> : null}
      {dialog === 'crisis-binder' ? <BinderDialog onClose={closeDialog} /> : null}
    </div>
  );
}
