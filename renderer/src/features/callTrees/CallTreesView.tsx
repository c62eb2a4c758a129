/**
 * Call trees of the workspace: who calls whom, in which order, for an activation (the national
 * cyber crisis team, the EU-CyCLONe officers). The list on the left, the chosen tree on the right,
 * each call showing the channel that works under the declared outage.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { GitFork, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallTree } from '../../../../shared/model/records';
import { routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { listCallTrees } from '../../db/callRounds';
import { useUiStore } from '../../stores/useUiStore';
import { useDirectory } from '../contacts/useDirectory';
import { CallTreeEditor } from './CallTreeEditor';
import { CallTreeView } from './CallTreeView';

export function CallTreesView({ selectedId }: { selectedId: string | null }) {
  const { t } = useTranslation();
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const trees = useLiveQuery(() => listCallTrees(db, workspace), [db, workspace]);
  const contacts = useDirectory();
  const [editing, setEditing] = useState<CallTree | 'new' | null>(null);
  const selected = trees?.find((tree) => tree.id === selectedId) ?? null;

  return (
    <div className="split">
      <section className="pane list-pane" aria-labelledby="call-trees-title">
        <div className="pane-header">
          <h1 id="call-trees-title">{t('callTrees.title')}</h1>
          <button type="button" className="button primary" onClick={() => setEditing('new')} disabled={!contacts?.length}>
            <Plus size={16} aria-hidden /> {t('callTrees.new')}
          </button>
        </div>
        <p className="field-hint">{t('callTrees.hint')}</p>
        {trees && trees.length === 0 ? (
          <EmptyState title={t('callTrees.emptyTitle')}>{t('callTrees.emptyText')}</EmptyState>
        ) : (
          <ul className="record-list" aria-busy={trees === undefined}>
            {trees?.map((tree) => (
              <li key={tree.id}>
                <a
                  href={routeHref('contacts', `call-trees~${tree.id}`)}
                  className={`record-link${tree.id === selectedId ? ' selected' : ''}`}
                  aria-current={tree.id === selectedId ? 'true' : undefined}
                >
                  <span className="record-title">
                    <GitFork size={15} aria-hidden /> {tree.name}
                  </span>
                  <span className="record-sub">{t('callTrees.callCount', { count: tree.nodes.length })}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="pane detail-pane">
        {selected && contacts ? (
          <CallTreeView tree={selected} contacts={contacts} onEdit={() => setEditing(selected)} />
        ) : selectedId && trees ? (
          <EmptyState title={t('callTrees.notFoundTitle')}>{t('callTrees.notFoundText')}</EmptyState>
        ) : (
          <EmptyState title={t('callTrees.noSelectionTitle')}>{t('callTrees.noSelectionText')}</EmptyState>
        )}
      </section>
      {editing && contacts ? <CallTreeEditor tree={editing === 'new' ? null : editing} contacts={contacts} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
