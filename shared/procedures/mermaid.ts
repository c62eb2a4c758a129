/**
 * PURE: a procedure as Mermaid flowchart text, for wikis, handbooks and issue trackers that render
 * Mermaid. Levels are subgraphs (technical, operational, political, in that order), each holding
 * one subgraph per lane; shapes follow the step kind; information flows are dashed; decision
 * outcomes and flow labels sit on the arrows. Same procedure, same text.
 *
 * Labels are always quoted, and the characters Mermaid would read as syntax inside a quoted label
 * (`"`, `#`, `<`, `>`) are written as Mermaid's numeric entity codes (`#34;` …); line breaks become
 * spaces.
 */
import { translate } from '../i18n/translate';
import type { Language } from '../i18n/languages';
import { LEVELS } from '../model/levels';
import type { LocalizedText, ProcedureContent, ProcedureLane, StepKind } from '../model/procedure';

export interface MermaidOptions {
  readonly language: Language;
  /** The name to show for a lane's actor (catalogue name); default: the lane's label, else the actor id. */
  readonly actorName?: (lane: ProcedureLane) => string;
  /** Chart direction: left to right (default, like the app's chart) or top down. */
  readonly direction?: 'LR' | 'TD';
}

/** Text safe inside a quoted Mermaid label. */
export function mermaidLabel(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`);
}

const SHAPES: Readonly<Record<StepKind, readonly [string, string]>> = {
  start: ['([', '])'],
  task: ['[', ']'],
  decision: ['{', '}'],
  report: ['[/', '/]'],
  end: ['((', '))'],
};

function pick(text: LocalizedText | null, language: Language): string {
  if (!text) return '';
  return text[language] || text[language === 'en' ? 'nl' : 'en'];
}

/** Mermaid ids: letters, digits and underscores, unique, derived from the part id. */
function idMaker(prefix: string): (id: string) => string {
  const made = new Map<string, string>();
  const used = new Set<string>();
  return (id) => {
    const known = made.get(id);
    if (known) return known;
    const base = `${prefix}_${id.replace(/[^A-Za-z0-9]/g, '_')}`;
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
    used.add(candidate);
    made.set(id, candidate);
    return candidate;
  };
}

export function procedureToMermaid(content: ProcedureContent, options: MermaidOptions): string {
  const { language } = options;
  const actorName = options.actorName ?? ((lane: ProcedureLane) => pick(lane.label, language) || lane.actor);
  const stepId = idMaker('s');
  const laneId = idMaker('lane');
  const out: string[] = [`flowchart ${options.direction ?? 'LR'}`];
  const title = pick(content.title, language);
  if (title) out.splice(0, 0, '---', `title: "${mermaidLabel(title)}"`, '---');

  for (const level of LEVELS) {
    const lanes = content.lanes.filter((l) => l.level === level);
    if (lanes.length === 0) continue;
    out.push(`  subgraph level_${level}["${mermaidLabel(translate(language, `level.${level}`))}"]`);
    out.push('    direction TB');
    for (const lane of lanes) {
      out.push(`    subgraph ${laneId(lane.id)}["${mermaidLabel(actorName(lane))}"]`);
      out.push('      direction LR');
      for (const step of content.steps.filter((s) => s.lane === lane.id)) {
        const [open, close] = SHAPES[step.kind];
        const label = mermaidLabel(pick(step.title, language) || step.id);
        out.push(`      ${stepId(step.id)}${open}"${label}"${close}`);
      }
      out.push('    end');
    }
    out.push('  end');
  }
  // Steps in no known lane still appear (an unfinished draft), outside the levels.
  const laneIds = new Set(content.lanes.map((l) => l.id));
  for (const step of content.steps.filter((s) => !laneIds.has(s.lane))) {
    const [open, close] = SHAPES[step.kind];
    out.push(`  ${stepId(step.id)}${open}"${mermaidLabel(pick(step.title, language) || step.id)}"${close}`);
  }

  const steps = new Map(content.steps.map((s) => [s.id, s]));
  for (const flow of content.flows) {
    if (!steps.has(flow.from) || !steps.has(flow.to)) continue;
    const outcome = flow.outcome ? steps.get(flow.from)?.outcomes.find((o) => o.id === flow.outcome) : undefined;
    const label = [outcome ? pick(outcome.label, language) || outcome.id : '', pick(flow.label, language)].filter(Boolean).join(': ');
    const arrow = flow.kind === 'information' ? '-.->' : '-->';
    out.push(`  ${stepId(flow.from)} ${arrow}${label ? `|"${mermaidLabel(label)}"|` : ''} ${stepId(flow.to)}`);
  }
  // Styling by kind, so that a renderer without our CSS still tells reports and decisions apart.
  const byKind = (kind: StepKind) => content.steps.filter((s) => s.kind === kind).map((s) => stepId(s.id));
  out.push('  classDef report fill:#eef6ff,stroke:#2563eb');
  out.push('  classDef decision fill:#fff7e6,stroke:#b45309');
  for (const kind of ['report', 'decision'] as const) {
    const ids = byKind(kind);
    if (ids.length) out.push(`  class ${ids.join(',')} ${kind}`);
  }
  return `${out.join('\n')}\n`;
}
