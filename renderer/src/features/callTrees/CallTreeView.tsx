/**
 * One call tree as it will be worked through: depth first, each call with who makes it and the
 * channel that works now (or that the person is unreachable and who to send instead).
 */
import { Pencil, Printer, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { organisationOf, reachability } from '../../../../shared/contacts/channels';
import { orderedNodes, treeIssues } from '../../../../shared/contacts/callRound';
import type { CallTree, Contact } from '../../../../shared/model/records';
import { navigate, routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { TlpBadge } from '../../components/badges';
import { useJournalAction } from '../../lib/useJournalAction';
import { ReachNow } from '../contacts/ReachNow';
import { useOutage } from '../outage/useOutage';

export function CallTreeView({ tree, contacts, onEdit }: { tree: CallTree; contacts: readonly Contact[]; onEdit: () => void }) {
  const { t } = useTranslation();
  const { journal } = useSession();
  const { run, busy } = useJournalAction();
  const { down } = useOutage();
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const nodes = orderedNodes(tree.nodes);
  const issues = treeIssues(tree.nodes);

  const remove = async () => {
    if (!window.confirm(t('callTrees.confirmDelete', { name: tree.name }))) return;
    const done = await run(() => journal.remove('callTrees', tree.id), 'callTrees.deleted', { name: tree.name });
    if (done !== null) navigate('contacts', 'call-trees');
  };

  return (
    <article aria-labelledby="call-tree-title">
      <header className="detail-header">
        <h2 id="call-tree-title">{tree.name}</h2>
        <div className="button-row">
          <a className="button" href={routeHref('contacts', `print-tree~${tree.id}`)}>
            <Printer size={15} aria-hidden /> {t('callTrees.print')}
          </a>
          <button type="button" className="button" onClick={onEdit}>
            <Pencil size={15} aria-hidden /> {t('common.edit')}
          </button>
          <button type="button" className="button danger" onClick={() => void remove()} disabled={busy}>
            <Trash2 size={15} aria-hidden /> {t('common.delete')}
          </button>
        </div>
      </header>
      {tree.purpose ? <p>{tree.purpose}</p> : null}
      <p>
        <TlpBadge tlp={tree.tlp} />
      </p>
      {issues.length ? (
        <p className="form-failure" role="alert">
          {t('callTrees.brokenTree')}
        </p>
      ) : null}
      <p className="field-hint">{t('callTrees.startHint')}</p>
      <ol className="call-tree">
        <li className="call-tree-desk">{t('callTrees.desk')}</li>
        {nodes.map(({ node, depth }) => {
          const contact = byId.get(node.contactId);
          const caller = node.parent ? byId.get(tree.nodes.find((n) => n.id === node.parent)?.contactId ?? '') : null;
          return (
            <li key={node.id} className="call-tree-node" style={{ marginInlineStart: `${(depth + 1) * 1.5}rem` }}>
              <div className="call-tree-who">
                {contact ? <a href={routeHref('contacts', contact.id)}>{contact.name}</a> : <span className="muted">{t('callTrees.missingContact')}</span>}
                {contact?.roles[0] ? <span className="muted"> · {t(`roles.${contact.roles[0]}`)}</span> : null}
              </div>
              <div className="call-tree-caller muted">{caller ? t('callTrees.calledBy', { name: caller.name }) : t('callTrees.calledByDesk')}</div>
              {contact ? <ReachNow reach={reachability(contact, down, organisationOf(contact, contacts))} /> : null}
              {node.note ? <div className="channel-note">{node.note}</div> : null}
            </li>
          );
        })}
      </ol>
    </article>
  );
}
