/**
 * The procedure editor: title, summary and citations in both languages; lanes (actor, level,
 * directory roles, order); steps (kind, lane, texts, citations, checklist, reports, decision
 * outcomes); flows. A live chart preview and the structural checks follow every keystroke. Save
 * asks for a short note and writes the procedure and a new saved version in one transaction.
 */
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../../shared/i18n/languages';
import { LEVELS, type Level } from '../../../../../shared/model/levels';
import {
  CitationSchema,
  FLOW_KINDS,
  STEP_KINDS,
  type FlowKind,
  type LocalizedText,
  type ProcedureContent,
  type ProcedureFlow,
  type ProcedureLane,
  type ProcedureStep,
  type StepKind,
} from '../../../../../shared/model/procedure';
import type { Procedure } from '../../../../../shared/model/records';
import { ROLES, type Role } from '../../../../../shared/model/roles';
import type { Tlp } from '../../../../../shared/model/tlp';
import type { CountryCode } from '../../../../../shared/model/countries';
import { layoutProcedure } from '../../../../../shared/procedures/layout';
import { checkProcedureContent, hasErrors, issueMessage, type ProcedureIssue } from '../../../../../shared/procedures/structure';
import { procedureLayoutToSvg } from '../../../../../shared/procedures/svg';
import { translate } from '../../../../../shared/i18n/translate';
import { useSession } from '../../../app/session';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { CountryOptions, TlpOptions } from '../../../components/options';
import { contentOf, createNationalProcedure, saveProcedureVersion } from '../../../db/procedureVersions';
import { useJournalAction } from '../../../lib/useJournalAction';
import { useUiStore } from '../../../stores/useUiStore';
import { laneName } from './exports';
import './procedureEditor.css';

const EMPTY: LocalizedText = { en: '', nl: '' };

export function blankContent(country: CountryCode): ProcedureContent {
  return {
    scope: 'national',
    country,
    title: { en: '', nl: '' },
    summary: { en: '', nl: '' },
    citations: [],
    lanes: [{ id: 'lane-1', actor: 'national-authority', level: 'operational', label: { en: 'National crisis authority', nl: 'Nationale crisisautoriteit' }, roles: [] }],
    steps: [
      { id: 'start', lane: 'lane-1', kind: 'start', title: { en: 'Start', nl: 'Start' }, text: EMPTY, citations: [], outcomes: [], checklist: [], reports: [] },
      { id: 'end', lane: 'lane-1', kind: 'end', title: { en: 'End', nl: 'Einde' }, text: EMPTY, citations: [], outcomes: [], checklist: [], reports: [] },
    ],
    flows: [{ id: 'flow-1', from: 'start', to: 'end', kind: 'sequence', outcome: null, label: null }],
  };
}

/** "pt. 49; pt. 55(a)" → list, or null when one is not a citation. */
export function parseCitationList(text: string): string[] | null {
  const parts = text.split(';').map((s) => s.trim()).filter(Boolean);
  return parts.every((p) => CitationSchema.safeParse(p).success) ? parts : null;
}

/** Lines of two textareas (English, Dutch) as a list of bilingual items. */
function zipLines(en: string, nl: string): LocalizedText[] {
  const a = en.split('\n').map((s) => s.trim());
  const b = nl.split('\n').map((s) => s.trim());
  const out: LocalizedText[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const item = { en: a[i] ?? '', nl: b[i] ?? '' };
    if (item.en || item.nl) out.push(item);
  }
  return out;
}

function freshId(prefix: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((t) => t.id));
  for (let n = taken.length + 1; ; n++) if (!ids.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

function move<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const copy = [...items];
  const [item] = copy.splice(index, 1);
  if (item !== undefined) copy.splice(index + by, 0, item);
  return copy;
}

function Bilingual({ label, value, onChange, multiline, idPrefix }: { label: string; value: LocalizedText; onChange: (v: LocalizedText) => void; multiline?: boolean; idPrefix?: string }) {
  const { t } = useTranslation();
  const input = (language: Language) =>
    multiline ? (
      <textarea lang={language} rows={2} value={value[language]} onChange={(e) => onChange({ ...value, [language]: e.target.value })} data-testid={idPrefix ? `${idPrefix}-${language}` : undefined} />
    ) : (
      <input lang={language} value={value[language]} onChange={(e) => onChange({ ...value, [language]: e.target.value })} data-testid={idPrefix ? `${idPrefix}-${language}` : undefined} />
    );
  return (
    <>
      <Field label={`${label} (${t('procedureEditor.english')})`}>{input('en')}</Field>
      <Field label={`${label} (${t('procedureEditor.dutch')})`}>{input('nl')}</Field>
    </>
  );
}

/** Citations typed as text, kept as text while typing and as a list once valid. */
function CitationField({ label, value, onChange }: { label: string; value: readonly string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value.join('; '));
  const parsed = parseCitationList(text);
  return (
    <Field label={label} hint={t('procedures.citationHint')} error={parsed ? null : t('procedures.citationFormat')}>
      <input
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const list = parseCitationList(e.target.value);
          if (list) onChange(list);
        }}
      />
    </Field>
  );
}

function LinesField({ label, value, onChange }: { label: string; value: readonly LocalizedText[]; onChange: (v: LocalizedText[]) => void }) {
  const { t } = useTranslation();
  const [en, setEn] = useState(value.map((v) => v.en).join('\n'));
  const [nl, setNl] = useState(value.map((v) => v.nl).join('\n'));
  return (
    <>
      <Field label={`${label} (${t('procedureEditor.english')})`} hint={t('procedureEditor.onePerLine')}>
        <textarea lang="en" rows={2} value={en} onChange={(e) => { setEn(e.target.value); onChange(zipLines(e.target.value, nl)); }} />
      </Field>
      <Field label={`${label} (${t('procedureEditor.dutch')})`} hint={t('procedureEditor.onePerLine')}>
        <textarea lang="nl" rows={2} value={nl} onChange={(e) => { setNl(e.target.value); onChange(zipLines(en, e.target.value)); }} />
      </Field>
    </>
  );
}

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="pe-section">
      <div className="pe-section-head">
        <h3>{title}</h3>
        {action}
      </div>
      {children}
    </section>
  );
}

/** The live chart: the same layout and drawing as the SVG export. */
function Preview({ content, language }: { content: ProcedureContent; language: Language }) {
  const { t } = useTranslation();
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      const lanes = new Map(content.lanes.map((l) => [l.id, l]));
      const laneIds = new Set(lanes.keys());
      // Only steps in a known lane and flows between known steps can be drawn while the draft is unfinished.
      const steps = content.steps.filter((s, i) => laneIds.has(s.lane) && content.steps.findIndex((o) => o.id === s.id) === i);
      const stepIds = new Set(steps.map((s) => s.id));
      const drawable = { ...content, steps, flows: content.flows.filter((f) => stepIds.has(f.from) && stepIds.has(f.to) && f.from !== f.to) };
      layoutProcedure(drawable, { language })
        .then((layout) => {
          if (!live) return;
          setFailed(false);
          setSvg(
            procedureLayoutToSvg(layout, {
              language,
              titleBlock: { title: content.title[language] || content.title.en || '…', version: '', source: '', tlp: 'CLEAR', exercise: null },
              actorName: (id) => {
                const lane = lanes.get(id);
                return lane ? laneName(lane, language) : id;
              },
              levelName: (level) => translate(language, `level.${level}`),
            }),
          );
        })
        .catch(() => live && setFailed(true));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [content, language]);
  return (
    <div className="pe-preview" role="img" aria-label={t('procedureEditor.preview')} data-testid="procedure-preview">
      {failed ? <p className="muted">{t('procedureEditor.previewFailed')}</p> : svg ? <div dangerouslySetInnerHTML={{ __html: svg.replace(/^<\?xml[^>]*>\s*/, '') }} /> : null}
    </div>
  );
}

export function IssueList({ issues, language }: { issues: readonly ProcedureIssue[]; language: Language }) {
  const { t } = useTranslation();
  if (issues.length === 0) return <p className="pe-ok" role="status">{t('procedureEditor.noIssues')}</p>;
  return (
    <ul className="pe-issues" aria-live="polite" data-testid="procedure-issues">
      {issues.map((issue, i) => (
        <li key={`${issue.code}-${issue.path}-${i}`} className={`pe-issue ${issue.severity}`}>
          <span className="pe-issue-kind">{t(`procedureEditor.severity.${issue.severity}`)}</span> {issueMessage(issue, language)}
        </li>
      ))}
    </ul>
  );
}

/**
 * The editor as a wide dialog. `procedure` null: a new national procedure; otherwise a national
 * procedure whose next version is written.
 */
export function ProcedureEditor({ procedure, initial, onClose, onSaved }: { procedure: Procedure | null; initial?: ProcedureContent; onClose: () => void; onSaved?: (p: Procedure) => void }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'nl' ? 'nl' : 'en';
  const { db, journal, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const { run, busy } = useJournalAction();
  const [draft, setDraft] = useState<ProcedureContent>(() => initial ?? (procedure ? contentOf(procedure) : blankContent(profile.country)));
  const [tlp, setTlp] = useState<Tlp>(procedure?.tlp ?? 'GREEN');
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState(false);
  const issues = useMemo(() => checkProcedureContent(draft), [draft]);
  const blocked = hasErrors(issues);
  const set = (patch: Partial<ProcedureContent>) => setDraft((d) => ({ ...d, ...patch }));
  const setLane = (i: number, patch: Partial<ProcedureLane>) => set({ lanes: draft.lanes.map((l, k) => (k === i ? { ...l, ...patch } : l)) });
  const setStep = (i: number, patch: Partial<ProcedureStep>) => set({ steps: draft.steps.map((s, k) => (k === i ? { ...s, ...patch } : s)) });
  const setFlow = (i: number, patch: Partial<ProcedureFlow>) => set({ flows: draft.flows.map((f, k) => (k === i ? { ...f, ...patch } : f)) });

  const save = async () => {
    const info = { savedBy: `${profile.person}, ${profile.organisation}`, note: note.trim() };
    const saved = await run(
      () =>
        procedure
          ? saveProcedureVersion(db, journal, procedure.id, procedure.version, { content: draft, tlp }, info)
          : createNationalProcedure(db, journal, { content: draft, tlp }, info, workspace),
      'procedureEditor.saved',
    );
    if (saved) {
      onSaved?.(saved);
      onClose();
    }
  };

  const title = procedure ? t('procedureEditor.editTitle', { version: procedure.version + 1 }) : t('procedureEditor.newTitle');
  return (
    <Dialog title={title} onClose={onClose} wide>
      <div className="pe-layout" data-testid="procedure-editor">
        <form className="pe-form" onSubmit={(e) => { e.preventDefault(); setAsking(true); }} noValidate>
          <Section title={t('procedureEditor.basics')}>
            <div className="form-grid">
              <Bilingual label={t('procedureEditor.title')} value={draft.title} onChange={(title) => set({ title })} idPrefix="pe-title" />
              <Bilingual label={t('procedureEditor.summary')} value={draft.summary} onChange={(summary) => set({ summary })} multiline />
              <CitationField label={t('procedures.field.citations')} value={draft.citations} onChange={(citations) => set({ citations })} />
              <Field label={t('contacts.field.country')}>
                <select value={draft.country} onChange={(e) => set({ country: e.target.value as CountryCode })}>
                  <CountryOptions />
                </select>
              </Field>
              <Field label={t('common.tlp')} hint={t('common.tlpHint')}>
                <select value={tlp} onChange={(e) => setTlp(e.target.value as Tlp)}>
                  <TlpOptions />
                </select>
              </Field>
            </div>
          </Section>

          <Section
            title={t('procedureEditor.lanes')}
            action={
              <button type="button" className="button small" onClick={() => set({ lanes: [...draft.lanes, { id: freshId('lane', draft.lanes), actor: 'national-actor', level: 'operational', label: { en: '', nl: '' }, roles: [] }] })} disabled={draft.lanes.length >= 40}>
                <Plus size={14} aria-hidden /> {t('procedureEditor.addLane')}
              </button>
            }
          >
            <ol className="pe-list">
              {draft.lanes.map((lane, i) => (
                <li key={i} className="pe-item">
                  <fieldset>
                    <legend>{t('procedureEditor.laneN', { n: i + 1, name: laneName(lane, language) })}</legend>
                    <div className="form-grid">
                      <Field label={t('procedureEditor.id')}><input value={lane.id} onChange={(e) => setLane(i, { id: e.target.value })} /></Field>
                      <Field label={t('procedureEditor.actor')} hint={t('procedureEditor.actorHint')}><input value={lane.actor} onChange={(e) => setLane(i, { actor: e.target.value })} /></Field>
                      <Field label={t('procedures.field.level')}>
                        <select value={lane.level} onChange={(e) => setLane(i, { level: e.target.value as Level })}>
                          {LEVELS.map((level) => <option key={level} value={level}>{t(`level.${level}`)}</option>)}
                        </select>
                      </Field>
                      <Bilingual label={t('procedureEditor.laneLabel')} value={lane.label ?? EMPTY} onChange={(label) => setLane(i, { label: label.en || label.nl ? label : null })} />
                      <Field label={t('procedureEditor.roles')}>
                        <select multiple size={4} value={lane.roles} onChange={(e) => setLane(i, { roles: Array.from(e.target.selectedOptions, (o) => o.value as Role) })}>
                          {ROLES.map((role) => <option key={role} value={role}>{t(`roles.${role}`)}</option>)}
                        </select>
                      </Field>
                    </div>
                    <div className="button-row">
                      <button type="button" className="icon-button" disabled={i === 0} onClick={() => set({ lanes: move(draft.lanes, i, -1) })} aria-label={t('procedureEditor.moveUp', { n: i + 1 })}><ArrowUp size={16} aria-hidden /></button>
                      <button type="button" className="icon-button" disabled={i === draft.lanes.length - 1} onClick={() => set({ lanes: move(draft.lanes, i, 1) })} aria-label={t('procedureEditor.moveDown', { n: i + 1 })}><ArrowDown size={16} aria-hidden /></button>
                      <button type="button" className="icon-button" onClick={() => set({ lanes: draft.lanes.filter((_, k) => k !== i) })} aria-label={t('procedureEditor.removeLane', { n: i + 1 })}><Trash2 size={16} aria-hidden /></button>
                    </div>
                  </fieldset>
                </li>
              ))}
            </ol>
          </Section>

          <Section
            title={t('procedureEditor.steps')}
            action={
              <button type="button" className="button small" disabled={draft.steps.length >= 500 || draft.lanes.length === 0} onClick={() => set({ steps: [...draft.steps, { id: freshId('step', draft.steps), lane: draft.lanes[0]?.id ?? '', kind: 'task', title: { en: '', nl: '' }, text: EMPTY, citations: [], outcomes: [], checklist: [], reports: [] }] })}>
                <Plus size={14} aria-hidden /> {t('procedureEditor.addStep')}
              </button>
            }
          >
            <ol className="pe-list">
              {draft.steps.map((step, i) => (
                <li key={i} className="pe-item" data-testid={`pe-step-${i}`}>
                  <fieldset>
                    <legend>{t('procedureEditor.stepN', { n: i + 1, name: step.title[language] || step.id })}</legend>
                    <div className="form-grid">
                      <Field label={t('procedureEditor.id')}><input value={step.id} onChange={(e) => setStep(i, { id: e.target.value })} /></Field>
                      <Field label={t('procedureEditor.kind')}>
                        <select value={step.kind} onChange={(e) => setStep(i, { kind: e.target.value as StepKind })}>
                          {STEP_KINDS.map((k) => <option key={k} value={k}>{t(`procedureEditor.kinds.${k}`)}</option>)}
                        </select>
                      </Field>
                      <Field label={t('procedureEditor.lane')}>
                        <select value={step.lane} onChange={(e) => setStep(i, { lane: e.target.value })}>
                          {draft.lanes.some((l) => l.id === step.lane) ? null : <option value={step.lane}>{step.lane}</option>}
                          {draft.lanes.map((l) => <option key={l.id} value={l.id}>{laneName(l, language)}</option>)}
                        </select>
                      </Field>
                      <Bilingual label={t('procedureEditor.stepTitle')} value={step.title} onChange={(title) => setStep(i, { title })} idPrefix={`pe-step-${i}-title`} />
                      <Bilingual label={t('procedureEditor.stepText')} value={step.text} onChange={(text) => setStep(i, { text })} multiline />
                      <CitationField label={t('procedures.field.citations')} value={step.citations} onChange={(citations) => setStep(i, { citations })} />
                      <LinesField label={t('procedureEditor.checklist')} value={step.checklist} onChange={(checklist) => setStep(i, { checklist })} />
                      <LinesField label={t('procedureEditor.reports')} value={step.reports} onChange={(reports) => setStep(i, { reports })} />
                    </div>
                    {step.kind === 'decision' ? (
                      <fieldset className="pe-outcomes">
                        <legend>{t('procedureEditor.outcomes')}</legend>
                        {step.outcomes.map((o, k) => (
                          <div key={k} className="pe-outcome">
                            <Field label={t('procedureEditor.id')}><input value={o.id} onChange={(e) => setStep(i, { outcomes: step.outcomes.map((x, j) => (j === k ? { ...x, id: e.target.value } : x)) })} /></Field>
                            <Bilingual label={t('procedureEditor.outcomeLabel')} value={o.label} onChange={(label) => setStep(i, { outcomes: step.outcomes.map((x, j) => (j === k ? { ...x, label } : x)) })} />
                            <button type="button" className="icon-button" onClick={() => setStep(i, { outcomes: step.outcomes.filter((_, j) => j !== k) })} aria-label={t('procedureEditor.removeOutcome', { n: k + 1 })}><Trash2 size={16} aria-hidden /></button>
                          </div>
                        ))}
                        <button type="button" className="button small" disabled={step.outcomes.length >= 10} onClick={() => setStep(i, { outcomes: [...step.outcomes, { id: freshId('outcome', step.outcomes), label: { en: '', nl: '' } }] })}>
                          <Plus size={14} aria-hidden /> {t('procedureEditor.addOutcome')}
                        </button>
                      </fieldset>
                    ) : null}
                    <div className="button-row">
                      <button type="button" className="icon-button" onClick={() => set({ steps: draft.steps.filter((_, k) => k !== i) })} aria-label={t('procedureEditor.removeStep', { n: i + 1 })}><Trash2 size={16} aria-hidden /></button>
                    </div>
                  </fieldset>
                </li>
              ))}
            </ol>
          </Section>

          <Section
            title={t('procedureEditor.flows')}
            action={
              <button type="button" className="button small" disabled={draft.steps.length < 2} onClick={() => set({ flows: [...draft.flows, { id: freshId('flow', draft.flows), from: draft.steps[0]?.id ?? '', to: draft.steps[1]?.id ?? '', kind: 'sequence', outcome: null, label: null }] })}>
                <Plus size={14} aria-hidden /> {t('procedureEditor.addFlow')}
              </button>
            }
          >
            <ol className="pe-list">
              {draft.flows.map((flow, i) => {
                const from = draft.steps.find((s) => s.id === flow.from);
                const stepOptions = draft.steps.map((s) => <option key={s.id} value={s.id}>{s.title[language] || s.id}</option>);
                return (
                  <li key={i} className="pe-item" data-testid={`pe-flow-${i}`}>
                    <fieldset>
                      <legend>{t('procedureEditor.flowN', { n: i + 1 })}</legend>
                      <div className="form-grid">
                        <Field label={t('procedureEditor.from')}><select value={flow.from} onChange={(e) => setFlow(i, { from: e.target.value, outcome: null })}>{stepOptions}</select></Field>
                        <Field label={t('procedureEditor.to')}><select value={flow.to} onChange={(e) => setFlow(i, { to: e.target.value })}>{stepOptions}</select></Field>
                        <Field label={t('procedureEditor.flowKind')}>
                          <select value={flow.kind} onChange={(e) => setFlow(i, { kind: e.target.value as FlowKind, outcome: e.target.value === 'information' ? null : flow.outcome })}>
                            {FLOW_KINDS.map((k) => <option key={k} value={k}>{t(`procedureEditor.flowKinds.${k}`)}</option>)}
                          </select>
                        </Field>
                        {from?.kind === 'decision' && flow.kind === 'sequence' ? (
                          <Field label={t('procedureEditor.outcome')}>
                            <select value={flow.outcome ?? ''} onChange={(e) => setFlow(i, { outcome: e.target.value || null })}>
                              <option value="">—</option>
                              {from.outcomes.map((o) => <option key={o.id} value={o.id}>{o.label[language] || o.id}</option>)}
                            </select>
                          </Field>
                        ) : null}
                        <Bilingual label={t('procedureEditor.flowLabel')} value={flow.label ?? EMPTY} onChange={(label) => setFlow(i, { label: label.en || label.nl ? label : null })} />
                      </div>
                      <div className="button-row">
                        <button type="button" className="icon-button" onClick={() => set({ flows: draft.flows.filter((_, k) => k !== i) })} aria-label={t('procedureEditor.removeFlow', { n: i + 1 })}><Trash2 size={16} aria-hidden /></button>
                      </div>
                    </fieldset>
                  </li>
                );
              })}
            </ol>
          </Section>
          <div className="button-row end pe-actions">
            <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
            <button type="submit" className="button primary" disabled={blocked || busy} aria-describedby="pe-check-title">{t('procedureEditor.save')}</button>
          </div>
        </form>
        <aside className="pe-side" aria-label={t('procedureEditor.checksAndPreview')}>
          <h3 id="pe-check-title">{t('procedureEditor.checks')}</h3>
          <IssueList issues={issues} language={language} />
          <h3>{t('procedureEditor.preview')}</h3>
          <Preview content={draft} language={language} />
        </aside>
      </div>
      {asking ? (
        <div className="pe-note" role="group" aria-labelledby="pe-note-title">
          <h3 id="pe-note-title">{t('procedureEditor.noteTitle')}</h3>
          <Field label={t('procedureEditor.note')} hint={t('procedureEditor.noteHint')}>
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} autoFocus data-testid="pe-note" />
          </Field>
          <div className="button-row end">
            <button type="button" className="button" onClick={() => setAsking(false)}>{t('common.cancel')}</button>
            <button type="button" className="button primary" disabled={busy || blocked} onClick={() => void save()}>{t('procedureEditor.saveVersion')}</button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
