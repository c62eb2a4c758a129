/**
 * The printable call tree: the tree with, for every call, the channel that works under the
 * declared outage and the rest of the ladder as fallback; TLP in the running header and footer of
 * every page, and the EXERCISE marking in the exercise workspace.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { organisationOf, reachability } from '../../../../shared/contacts/channels';
import { orderedNodes } from '../../../../shared/contacts/callRound';
import type { CallTree, Contact } from '../../../../shared/model/records';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { PrintView } from '../contacts/PrintView';
import { reachText } from '../contacts/ReachNow';
import { useDirectory } from '../contacts/useDirectory';
import { infrastructureList } from '../outage/outageText';
import { useOutage } from '../outage/useOutage';

export function CallTreePrint({ treeId }: { treeId: string }) {
  const { t } = useTranslation();
  const { db } = useSession();
  const tree = useLiveQuery(async () => (await db.callTrees.get(treeId)) ?? null, [db, treeId]);
  const contacts = useDirectory();
  const close = () => navigate('contacts', `call-trees~${treeId}`);
  if (tree === undefined || contacts === undefined) return <div aria-busy="true" />;
  if (tree === null || tree.deleted) return <EmptyState title={t('callTrees.notFoundTitle')}>{t('callTrees.notFoundText')}</EmptyState>;
  return (
    <PrintView title={t('callTrees.printTitle', { name: tree.name })} pdfName={`call-tree-${tree.name.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.pdf`} onClose={close}>
      <CallTreeDocument tree={tree} contacts={contacts} />
    </PrintView>
  );
}

function CallTreeDocument({ tree, contacts }: { tree: CallTree; contacts: readonly Contact[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const workspace = useUiStore((s) => s.workspace);
  const { profile } = useSession();
  const { down } = useOutage();
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const exercise = workspace === 'exercise';
  const marking = `TLP:${tree.tlp}${exercise ? ` — ${t('workspace.exerciseMarking')}` : ''}`;
  const printedAt = f.dateTime(new Date().toISOString());
  const outage = down.length ? t('callTrees.printOutage', { what: infrastructureList(t, f.locale, down) }) : t('callTrees.printNoOutage');

  return (
    <div className="tree-print" data-testid="call-tree-print">
      <div className="tree-running tree-running-header" aria-hidden="true">
        <span>{marking}</span>
        <span>{tree.name}</span>
        <span>{marking}</span>
      </div>
      <div className="tree-running tree-running-footer" aria-hidden="true">
        <span>{marking}</span>
        <span>{t('callTrees.printedBy', { who: `${profile.person}, ${profile.organisation}`, time: printedAt })}</span>
        <span>{marking}</span>
      </div>
      <table className="tree-frame">
        <thead>
          <tr>
            <td className="tree-frame-space" />
          </tr>
        </thead>
        <tfoot>
          <tr>
            <td className="tree-frame-space" />
          </tr>
        </tfoot>
        <tbody>
          <tr>
            <td>
              <header className="tree-print-head">
                {exercise ? <p className="tree-print-exercise">{t('workspace.exerciseMarking')}</p> : null}
                <p className="tree-print-tlp">TLP:{tree.tlp}</p>
                <h2>{tree.name}</h2>
                {tree.purpose ? <p>{tree.purpose}</p> : null}
                <p className="tree-print-outage">{outage}</p>
              </header>
              <ol className="tree-print-list">
                <li className="tree-print-desk">{t('callTrees.desk')}</li>
                {orderedNodes(tree.nodes).map(({ node, depth }, index) => {
                  const contact = byId.get(node.contactId);
                  const reach = contact ? reachability(contact, down, organisationOf(contact, contacts)) : null;
                  return (
                    <li key={node.id} className="tree-print-node" style={{ marginInlineStart: `${(depth + 1) * 7}mm` }}>
                      <span className="tree-print-box" aria-hidden="true" />
                      <span className="tree-print-no">{index + 1}.</span>
                      <strong>{contact?.name ?? t('callTrees.missingContact')}</strong>
                      {contact?.roles[0] ? <span> — {t(`roles.${contact.roles[0]}`)}</span> : null}
                      <div className={`tree-print-now${reach && !reach.reachable ? ' unreachable' : ''}`}>
                        {reach ? reachText(t, reach) : '—'}
                      </div>
                      {contact && contact.channels.length > 1 ? (
                        <div className="tree-print-fallback">
                          {t('callTrees.printFallback')}{' '}
                          {(reach?.ranking.ranked ?? [])
                            .filter((r) => r.index !== (reach?.reachable ? reach.via.index : -1))
                            .map((r) => `${t(`channel.${r.channel.type}`)} ${r.channel.value}${r.works ? '' : ` (${t('callTrees.printDown')})`}`)
                            .join(' · ')}
                        </div>
                      ) : null}
                      {node.note ? <div className="tree-print-note">{node.note}</div> : null}
                    </li>
                  );
                })}
              </ol>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
