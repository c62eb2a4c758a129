/**
 * Create or edit a call tree: its name, purpose, TLP, and the calls — who is called, by whom (the
 * desk or a person called earlier), in which order among the same caller's calls.
 */
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { orderedNodes, treeIssues } from '../../../../shared/contacts/callRound';
import type { CallTreeNode } from '../../../../shared/model/callTree';
import type { CallTree, Contact } from '../../../../shared/model/records';
import type { Tlp } from '../../../../shared/model/tlp';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field, FieldGroup } from '../../components/Field';
import { TlpOptions } from '../../components/options';
import { saveCallTree } from '../../db/callRounds';
import { useFormatters } from '../../i18n/format';
import { useJournalAction } from '../../lib/useJournalAction';
import { useUiStore } from '../../stores/useUiStore';

let nodeCounter = 0;
function newNodeId(existing: readonly CallTreeNode[]): string {
  for (;;) {
    nodeCounter += 1;
    const id = `n${Date.now().toString(36)}${nodeCounter.toString(36)}`;
    if (!existing.some((n) => n.id === id)) return id;
  }
}

/** The node and everything under it. */
function subtree(nodes: readonly CallTreeNode[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of nodes) {
      if (n.parent !== null && out.has(n.parent) && !out.has(n.id)) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return out;
}

export function CallTreeEditor({ tree, contacts, onClose }: { tree: CallTree | null; contacts: readonly Contact[]; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { journal } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const { run, busy } = useJournalAction();
  const [name, setName] = useState(tree?.name ?? '');
  const [purpose, setPurpose] = useState(tree?.purpose ?? '');
  const [tlp, setTlp] = useState<Tlp>(tree?.tlp ?? 'AMBER');
  const [nodes, setNodes] = useState<CallTreeNode[]>(() => (tree ? orderedNodes(tree.nodes).map((o) => o.node) : []));
  const [errors, setErrors] = useState<{ name?: string; nodes?: string }>({});
  const people = [...contacts].sort((a, b) => f.compare(a.name, b.name));
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const ordered = orderedNodes(nodes);
  const labelOf = (node: CallTreeNode) => byId.get(node.contactId)?.name ?? t('callTrees.missingContact');

  const update = (id: string, patch: Partial<CallTreeNode>) => setNodes((ns) => ns.map((n) => (n.id === id ? { ...n, ...patch } : n)));
  const siblingsOf = (node: CallTreeNode) => nodes.filter((n) => n.parent === node.parent).sort((a, b) => a.order - b.order);
  const move = (node: CallTreeNode, by: -1 | 1) => {
    const siblings = siblingsOf(node);
    const at = siblings.findIndex((s) => s.id === node.id);
    const other = siblings[at + by];
    if (!other) return;
    const reordered = [...siblings];
    reordered[at] = other;
    reordered[at + by] = node;
    const orderOf = new Map(reordered.map((s, i) => [s.id, i]));
    setNodes((ns) => ns.map((n) => (orderOf.has(n.id) ? { ...n, order: orderOf.get(n.id) ?? n.order } : n)));
  };
  const setParent = (node: CallTreeNode, parent: string | null) => {
    const order = nodes.filter((n) => n.parent === parent && n.id !== node.id).length;
    update(node.id, { parent, order });
  };
  const remove = (node: CallTreeNode) =>
    // The calls this person would make pass to whoever called them.
    setNodes((ns) => ns.filter((n) => n.id !== node.id).map((n) => (n.parent === node.id ? { ...n, parent: node.parent } : n)));
  const add = () => {
    const first = people.find((p) => !nodes.some((n) => n.contactId === p.id)) ?? people[0];
    if (!first) return;
    const parent = ordered.at(-1)?.node.parent ?? null;
    setNodes((ns) => [...ns, { id: newNodeId(ns), contactId: first.id, parent, order: ns.filter((n) => n.parent === parent).length, note: '' }]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(name.trim() ? {} : { name: t('form.required') }),
      ...(nodes.length === 0 ? { nodes: t('callTrees.needsCalls') } : treeIssues(nodes).length ? { nodes: t('callTrees.brokenTree') } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length) return;
    const clean = nodes.map((n) => ({ ...n, note: n.note.trim() }));
    const saved = await run(
      () => saveCallTree(journal, workspace, tree?.id ?? null, { name: name.trim(), purpose: purpose.trim(), tlp, nodes: clean }),
      tree ? 'callTrees.updated' : 'callTrees.created',
      { name: name.trim() },
    );
    if (saved) {
      onClose();
      navigate('contacts', `call-trees~${saved.id}`);
    }
  };

  return (
    <Dialog title={tree ? t('callTrees.editTitle', { name: tree.name }) : t('callTrees.new')} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          <Field label={t('callTrees.field.name')} error={errors.name ?? null}>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
          </Field>
          <Field label={t('common.tlp')}>
            <select value={tlp} onChange={(e) => setTlp(e.target.value as Tlp)}>
              <TlpOptions />
            </select>
          </Field>
          <Field label={t('callTrees.field.purpose')} className="span-2">
            <input value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={2000} />
          </Field>
        </div>
        <FieldGroup legend={t('callTrees.field.calls')}>
          <p className="field-hint">{t('callTrees.editorHint')}</p>
          {errors.nodes ? <p className="field-error">{errors.nodes}</p> : null}
          <ol className="call-editor">
            {ordered.map(({ node, depth }, index) => {
              const excluded = subtree(nodes, node.id);
              const siblings = siblingsOf(node);
              const at = siblings.findIndex((s) => s.id === node.id);
              return (
                <li key={node.id} style={{ marginInlineStart: `${depth * 1.25}rem` }} aria-label={t('callTrees.callN', { n: index + 1 })}>
                  <Field label={t('callTrees.field.contact')}>
                    <select value={node.contactId} onChange={(e) => update(node.id, { contactId: e.target.value })}>
                      {people.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label={t('callTrees.field.caller')}>
                    <select value={node.parent ?? ''} onChange={(e) => setParent(node, e.target.value || null)}>
                      <option value="">{t('callTrees.desk')}</option>
                      {ordered
                        .filter((o) => !excluded.has(o.node.id))
                        .map((o) => (
                          <option key={o.node.id} value={o.node.id}>
                            {labelOf(o.node)}
                          </option>
                        ))}
                    </select>
                  </Field>
                  <Field label={t('callTrees.field.note')}>
                    <input value={node.note} onChange={(e) => update(node.id, { note: e.target.value })} maxLength={1000} />
                  </Field>
                  <div className="channel-actions">
                    <button type="button" className="icon-button" disabled={at <= 0} onClick={() => move(node, -1)} aria-label={t('callTrees.moveUp', { name: labelOf(node) })}>
                      <ArrowUp size={16} aria-hidden />
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      disabled={at === siblings.length - 1}
                      onClick={() => move(node, 1)}
                      aria-label={t('callTrees.moveDown', { name: labelOf(node) })}
                    >
                      <ArrowDown size={16} aria-hidden />
                    </button>
                    <button type="button" className="icon-button" onClick={() => remove(node)} aria-label={t('callTrees.remove', { name: labelOf(node) })}>
                      <Trash2 size={16} aria-hidden />
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          <button type="button" className="button" onClick={add} disabled={nodes.length >= 500 || people.length === 0}>
            <Plus size={16} aria-hidden /> {t('callTrees.addCall')}
          </button>
        </FieldGroup>
        <DialogActions onCancel={onClose} submitLabel={t('common.save')} busy={busy} />
      </form>
    </Dialog>
  );
}
