/**
 * PURE: the crisis binder (issue 10, paper): one printable document with the chosen procedures,
 * the call trees, wallet cards and the contact directory, for when screens go dark.
 *
 * `buildBinder` takes plain data (records as they are stored, each chosen procedure with its
 * computed chart layout) and returns the pdfmake document definition as plain data: no functions,
 * so it can cross to a worker by structured clone. The running header and footer (page X of Y)
 * need functions; `binderPdfDefinition` (binderPdf.ts) adds them just before rendering.
 *
 * Invariants:
 * - the order is that of a real binder: cover, contents, procedures, call trees, wallet cards,
 *   directory;
 * - the label printed on every page is never below the most restrictive label of what the binder
 *   holds unless the officer confirmed it (`confirmedLowerTlp`), the same rule as the exports;
 * - an empty selection is refused with a reason, never an empty PDF;
 * - all text goes through `printable`, so a name with control characters cannot break the file.
 */
import type { Content, ContentNode, TableCell } from './pdfTypes';
import { orderedNodes } from '../contacts/callRound';
import { effectiveTier, organisationOf } from '../contacts/channels';
import { CLOCK_TEMPLATES } from '../clocks/templates';
import type { Language } from '../i18n/languages';
import { translate } from '../i18n/translate';
import type { Level } from '../model/levels';
import { LEVELS } from '../model/levels';
import type { CallTree, Channel, Contact, Procedure } from '../model/records';
import type { ProcedureStep } from '../model/procedure';
import { mostRestrictiveTlp, tlpRank, type Tlp } from '../model/tlp';
import type { Workspace } from '../model/workspace';
import type { ProcedureLayout } from '../procedures/layout';
import { procedureOutline } from '../procedures/outline';
import { procedureLayoutToSvg } from '../procedures/svg';
import { binderText, printable, type BinderText } from './binderText';
import { A4, BINDER_MARGINS, CUT_LINES_LAYOUT, WALLET_CARD } from './binderStyle';

/** A procedure chosen for the binder, with the chart layout the app computed for it (null: none could be made). */
export interface BinderProcedure {
  readonly procedure: Pick<Procedure, 'id' | 'key' | 'version' | 'tlp' | 'updatedAt' | 'title' | 'summary' | 'citations' | 'scope' | 'country' | 'pack' | 'lanes' | 'steps' | 'flows'>;
  readonly layout: ProcedureLayout | null;
}

export interface BinderInput {
  readonly language: Language;
  /** The zone dates are printed in (the officer's). */
  readonly timeZone?: string;
  /** The organisation the binder belongs to (cover and footer). */
  readonly organisation: string;
  /** When the binder is made (ISO instant). */
  readonly madeAt: string;
  /** The workspace on screen; 'exercise' marks every page EXERCISE. */
  readonly workspace: Workspace;
  /** The label the officer chose; null: the most restrictive label of the content. */
  readonly tlp: Tlp | null;
  /** The officer confirmed printing under a label below the content's. */
  readonly confirmedLowerTlp?: boolean;
  /** Level order of the charts (the pack's lane order). */
  readonly levelOrder?: readonly Level[];
  readonly procedures: readonly BinderProcedure[];
  /** Call trees to print (empty: none). */
  readonly callTrees: readonly CallTree[];
  /** Whether to print wallet cards (for the people of the call trees, or everyone when there are none). */
  readonly walletCards: boolean;
  /** Whether to print the contact directory. */
  readonly directory: boolean;
  /** The workspace's live directory, for the call trees' names and the cards and directory. */
  readonly contacts: readonly Contact[];
}

export type BinderRefusal =
  /** Nothing would be printed: no procedure, no call tree, no cards, no directory (or an empty one). */
  | { readonly code: 'binder-nothing-chosen' }
  /** The chosen label is below the content's and the officer has not confirmed it. */
  | { readonly code: 'binder-tlp-below-content'; readonly contentTlp: Tlp; readonly chosenTlp: Tlp };

/** The document definition as plain data, with what the running header and footer print. */
export interface BinderDocument {
  /** pdfmake's document definition without header and footer (added by `binderPdfDefinition`). */
  readonly definition: {
    readonly content: Content[];
    readonly pageSize: 'A4';
    readonly pageMargins: [number, number, number, number];
    readonly defaultStyle: { readonly font: 'Roboto'; readonly fontSize: number; readonly lineHeight: number };
    readonly styles: Readonly<Record<string, Record<string, unknown>>>;
    readonly info: { readonly title: string; readonly author: string; readonly subject: string; readonly creator: string };
    readonly language: string;
  };
  readonly running: BinderRunning;
  /** The headings listed in the table of contents, in order (tests compare them with the pages). */
  readonly headings: readonly string[];
  readonly tlp: Tlp;
  readonly contentTlp: Tlp;
}

/** What every page's header and footer print. */
export interface BinderRunning {
  readonly tlp: Tlp;
  /** "Crisis binder — Ministry of Justice". */
  readonly title: string;
  /** The EXERCISE marking, or null. */
  readonly exercise: string | null;
  /** "Version 23 Nov 2026 21:05 (latest change 20 Nov 2026)". */
  readonly version: string;
  readonly organisation: string;
  /** "Page {{page}} of {{pages}}" in the binder's language, with the placeholders left in. */
  readonly pageOf: string;
}

export type BinderResult = { readonly ok: true; readonly document: BinderDocument } | { readonly ok: false; readonly refusal: BinderRefusal };

/** The labels of everything the binder would hold, and the most restrictive of them. */
export function binderContentTlp(input: Pick<BinderInput, 'procedures' | 'callTrees' | 'walletCards' | 'directory' | 'contacts'>): Tlp {
  return mostRestrictiveTlp([
    ...input.procedures.map((p) => p.procedure.tlp),
    ...input.callTrees.map((t) => t.tlp),
    ...printedContacts(input).map((c) => c.tlp),
  ]);
}

/** Whether a chosen label is below the content's, so the officer must confirm it. */
export function binderTlpNeedsConfirmation(contentTlp: Tlp, chosen: Tlp): boolean {
  return tlpRank(chosen) < tlpRank(contentTlp);
}

/** Contacts the binder prints anywhere: those of its call trees, its cards and its directory. */
function printedContacts(input: Pick<BinderInput, 'callTrees' | 'walletCards' | 'directory' | 'contacts'>): Contact[] {
  if (input.directory || (input.walletCards && input.callTrees.length === 0)) return [...input.contacts];
  const ids = new Set<string>();
  for (const tree of input.callTrees) for (const node of tree.nodes) ids.add(node.contactId);
  return input.contacts.filter((c) => ids.has(c.id));
}

/** The cards: one per person of the call trees; the whole directory when no tree is printed. */
function cardContacts(input: Pick<BinderInput, 'callTrees' | 'contacts'>): Contact[] {
  if (input.callTrees.length === 0) return [...input.contacts];
  const ids = new Set<string>();
  for (const tree of input.callTrees) for (const node of tree.nodes) ids.add(node.contactId);
  return input.contacts.filter((c) => ids.has(c.id));
}

/** Build the binder, or say why not. */
export function buildBinder(input: BinderInput): BinderResult {
  const cards = input.walletCards ? cardContacts(input) : [];
  const directory = input.directory ? input.contacts : [];
  if (input.procedures.length === 0 && input.callTrees.length === 0 && cards.length === 0 && directory.length === 0) {
    return { ok: false, refusal: { code: 'binder-nothing-chosen' } };
  }
  const contentTlp = binderContentTlp(input);
  const tlp = input.tlp ?? contentTlp;
  if (binderTlpNeedsConfirmation(contentTlp, tlp) && !input.confirmedLowerTlp) {
    return { ok: false, refusal: { code: 'binder-tlp-below-content', contentTlp, chosenTlp: tlp } };
  }
  const tx = binderText(input.language, input.timeZone);
  const organisation = printable(input.organisation).trim() || tx.t('binder.noOrganisation');
  const exercise = input.workspace === 'exercise' ? tx.t('workspace.exerciseMarking') : null;
  const latest = latestChange(input, cards, directory);
  const version = latest
    ? tx.t('binder.versionWithLatest', { made: tx.dateTime(input.madeAt), latest: tx.date(latest) })
    : tx.t('binder.version', { made: tx.dateTime(input.madeAt) });
  const title = tx.t('binder.running', { organisation });
  const headings: string[] = [];
  const heading = (text: string, style: 'h1' | 'h2', extra: Partial<ContentNode> = {}): ContentNode => {
    headings.push(text);
    return { text, style, tocItem: true, tocStyle: style === 'h1' ? 'tocSection' : 'tocEntry', tocMargin: style === 'h1' ? [0, 6, 0, 0] : [14, 0, 0, 0], ...extra };
  };

  const content: Content[] = [];
  content.push(...cover(tx, { organisation, tlp, exercise, madeAt: input.madeAt, latest, input, cards: cards.length, directory: directory.length }));
  content.push({ text: tx.t('binder.contents'), style: 'h1', pageBreak: 'before' });
  content.push({ toc: { numberStyle: { bold: true } } });

  if (input.procedures.length > 0) {
    content.push(heading(tx.t('binder.proceduresSection'), 'h1', { pageBreak: 'before' }));
    content.push({ text: tx.t('binder.proceduresIntro', { count: input.procedures.length }), style: 'note' });
    for (const chosen of input.procedures) content.push(...procedureSection(tx, chosen, heading, exercise, input.levelOrder ?? LEVELS));
  }
  if (input.callTrees.length > 0) {
    content.push(heading(tx.t('binder.callTreesSection'), 'h1', { pageBreak: 'before', pageOrientation: 'portrait' }));
    content.push({ text: tx.t('binder.callTreesIntro'), style: 'note' });
    input.callTrees.forEach((tree, i) => content.push(...callTreeSection(tx, tree, input.contacts, heading, i > 0)));
  }
  if (cards.length > 0) {
    content.push(heading(tx.t('binder.walletCardsSection'), 'h1', { pageBreak: 'before', pageOrientation: 'portrait' }));
    content.push({ text: tx.t(input.callTrees.length > 0 ? 'binder.walletCardsIntroTrees' : 'binder.walletCardsIntroAll'), style: 'note' });
    content.push(...walletCardSheets(tx, sortedByName(tx, cards), exercise));
  }
  if (directory.length > 0) {
    content.push(heading(tx.t('binder.directorySection'), 'h1', { pageBreak: 'before', pageOrientation: 'portrait' }));
    content.push({ text: tx.t('binder.directoryIntro'), style: 'note' });
    content.push(...directorySection(tx, directory));
  }

  return {
    ok: true,
    document: {
      definition: {
        content,
        pageSize: 'A4',
        pageMargins: [...BINDER_MARGINS],
        defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2 },
        styles: STYLES,
        info: { title, author: organisation, subject: `TLP:${tlp}`, creator: 'Crisis Workbook' },
        language: tx.locale,
      },
      running: { tlp, title, exercise, version, organisation, pageOf: tx.t('binder.pageOf', { page: '{{page}}', pages: '{{pages}}' }) },
      headings,
      tlp,
      contentTlp,
    },
  };
}

const STYLES: Readonly<Record<string, Record<string, unknown>>> = {
  coverTitle: { fontSize: 34, bold: true, color: '#0f172a' },
  coverOrganisation: { fontSize: 18, color: '#1e293b' },
  coverMeta: { fontSize: 11, color: '#334155' },
  h1: { fontSize: 18, bold: true, color: '#0f172a', margin: [0, 0, 0, 8] },
  h2: { fontSize: 14, bold: true, color: '#0f172a', margin: [0, 0, 0, 4] },
  h3: { fontSize: 11, bold: true, color: '#1e293b', margin: [0, 10, 0, 4] },
  meta: { fontSize: 8.5, color: '#475569', margin: [0, 0, 0, 6] },
  note: { fontSize: 9, italics: true, color: '#475569', margin: [0, 0, 0, 10] },
  stepTitle: { bold: true, fontSize: 10 },
  small: { fontSize: 8, color: '#334155' },
  tableHead: { bold: true, fontSize: 8.5, color: '#0f172a', fillColor: '#e2e8f0' },
  tocSection: { bold: true, fontSize: 11 },
  tocEntry: { fontSize: 9.5 },
  cardName: { fontSize: 10.5, bold: true, color: '#0f172a' },
  cardText: { fontSize: 7, color: '#334155' },
  orgHeading: { fontSize: 12, bold: true, color: '#0f172a', margin: [0, 10, 0, 2] },
};

function latestChange(input: BinderInput, cards: readonly Contact[], directory: readonly Contact[]): string | null {
  const stamps = [
    ...input.procedures.map((p) => p.procedure.updatedAt),
    ...input.callTrees.map((t) => t.updatedAt),
    ...cards.map((c) => c.updatedAt),
    ...directory.map((c) => c.updatedAt),
  ].filter((s) => !Number.isNaN(Date.parse(s)));
  return stamps.length ? stamps.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)) : null;
}

/** The TLP label as printed: the FIRST colour on black (see `TLP_COLOURS`). */
export function tlpLabelCell(tlp: Tlp, fontSize: number): TableCell {
  return { text: `TLP:${tlp}`, bold: true, fontSize, color: TLP_TEXT_COLOURS[tlp], fillColor: '#000000', alignment: 'center', margin: [4, 1, 4, 1] };
}

/** FIRST TLP 2.0 colours (RGB values of the standard) for the label text on black. */
export const TLP_TEXT_COLOURS: Readonly<Record<Tlp, string>> = {
  CLEAR: '#FFFFFF',
  GREEN: '#33FF00',
  AMBER: '#FFC000',
  'AMBER+STRICT': '#FFC000',
  RED: '#FF2B2B',
};

function cover(
  tx: BinderText,
  c: { organisation: string; tlp: Tlp; exercise: string | null; madeAt: string; latest: string | null; input: BinderInput; cards: number; directory: number },
): Content[] {
  const holds = [
    c.input.procedures.length ? tx.t('binder.holdsProcedures', { count: c.input.procedures.length }) : null,
    c.input.callTrees.length ? tx.t('binder.holdsCallTrees', { count: c.input.callTrees.length }) : null,
    c.cards ? tx.t('binder.holdsCards', { count: c.cards }) : null,
    c.directory ? tx.t('binder.holdsDirectory', { count: c.directory }) : null,
  ].filter((s): s is string => s !== null);
  const out: Content[] = [
    { text: c.organisation, style: 'coverOrganisation', margin: [0, 120, 0, 10] },
    { text: tx.t('binder.title'), style: 'coverTitle', margin: [0, 0, 0, 24] },
    { table: { body: [[tlpLabelCell(c.tlp, 22)]] }, layout: 'noBorders', margin: [0, 0, 0, 6] },
    { text: tx.t(`tlp.meaning.${c.tlp}`), style: 'coverMeta', margin: [0, 0, 0, 24] },
  ];
  if (c.exercise) out.push({ table: { body: [[{ text: c.exercise, bold: true, fontSize: 18, color: '#b91c1c', margin: [8, 4, 8, 4] }]] }, layout: 'exerciseBox', margin: [0, 0, 0, 24] });
  out.push(
    { text: tx.t('binder.madeAt', { date: tx.dateTime(c.madeAt) }), style: 'coverMeta' },
    { text: c.latest ? tx.t('binder.latestChange', { date: tx.dateTime(c.latest) }) : '', style: 'coverMeta', margin: [0, 2, 0, 24] },
    { text: tx.t('binder.holds'), style: 'coverMeta', bold: true },
    { ul: holds.map((h) => ({ text: h, style: 'coverMeta' })), margin: [0, 4, 0, 24] },
    { text: tx.t('binder.coverAdvice'), style: 'note' },
  );
  return out;
}

type Heading = (text: string, style: 'h1' | 'h2', extra?: Partial<ContentNode>) => ContentNode;

/** Where the chart fits best: the orientation that draws it largest, and its size there (never enlarged). */
export function chartPlacement(width: number, height: number): { orientation: 'portrait' | 'landscape'; width: number; height: number } {
  const [left, top, right, bottom] = BINDER_MARGINS;
  // Room left on the chart's page under the procedure's heading and its meta lines.
  const headingRoom = 92;
  const room = {
    portrait: { w: A4.width - left - right, h: A4.height - top - bottom - headingRoom },
    landscape: { w: A4.height - left - right, h: A4.width - top - bottom - headingRoom },
  };
  const scale = (o: 'portrait' | 'landscape') => Math.min(room[o].w / width, room[o].h / height);
  const orientation = scale('landscape') >= scale('portrait') ? 'landscape' : 'portrait';
  const s = Math.min(1, scale(orientation));
  return { orientation, width: Math.floor(width * s), height: Math.floor(height * s) };
}

/** Below this scale a chart's text is too small to read on paper (its 11 px labels under 6 pt). */
const READABLE_SCALE = 0.55;
/** The scale of the enlarged parts of a chart too wide to read whole. */
const TILE_SCALE = 0.75;

/**
 * A chart too large to read on one page is printed again in parts, one per landscape page, each a
 * window on the same drawing (the SVG's viewBox moved along), overlapping a little so no step is
 * cut in two without being whole on the next part.
 */
export function chartTiles(tx: BinderText, title: string, svg: string, size: { width: number; height: number }, scale: number): Content[] {
  if (scale >= READABLE_SCALE) return [];
  const [left, top, right, bottom] = BINDER_MARGINS;
  const room = { w: A4.height - left - right, h: A4.width - top - bottom - 30 };
  const tileScale = Math.min(TILE_SCALE, room.h / size.height);
  const tileW = room.w / tileScale;
  const tileH = Math.min(size.height, room.h / tileScale);
  const step = tileW * 0.9;
  const across = Math.max(1, Math.ceil((size.width - tileW) / step) + 1);
  const down = Math.max(1, Math.ceil(size.height / tileH));
  const parts = across * down;
  if (parts > 24) return [];
  const out: Content[] = [];
  let part = 0;
  for (let row = 0; row < down; row++) {
    for (let col = 0; col < across; col++) {
      part++;
      const x = Math.min(col * step, Math.max(0, size.width - tileW));
      const y = Math.min(row * tileH, Math.max(0, size.height - tileH));
      // The PDF's SVG drawing does not clip to the viewBox, so the window clips itself.
      const window = svg
        .replace(/<svg([^>]*) width="[\d.]+" height="[\d.]+" viewBox="[^"]*"([^>]*)>/, (_m, before: string, after: string) =>
          `<svg${before} width="${round(tileW)}" height="${round(tileH)}" viewBox="${round(x)} ${round(y)} ${round(tileW)} ${round(tileH)}"${after}><clipPath id="binder-tile"><rect x="${round(x)}" y="${round(y)}" width="${round(tileW)}" height="${round(tileH)}"/></clipPath><g clip-path="url(#binder-tile)">`)
        .replace(/<\/svg>\s*$/, '</g></svg>');
      out.push({ text: tx.t('binder.chartPart', { title, part, parts }), style: 'meta', pageBreak: 'before', pageOrientation: 'landscape' });
      out.push({ svg: window, width: round(tileW * tileScale), height: round(tileH * tileScale) });
    }
  }
  return out;
}

const round = (v: number) => Math.round(v * 10) / 10;

function svgSize(svg: string): { width: number; height: number } {
  const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1] ?? 800);
  const height = Number(/<svg[^>]* height="([\d.]+)"/.exec(svg)?.[1] ?? 600);
  return { width, height };
}

/** Time limits that apply to a step: those of the built-in clocks whose point the step cites. */
export function stepTimeLimits(step: Pick<ProcedureStep, 'citations'>, language: Language): string[] {
  const cited = new Set(step.citations.map(pointOf));
  return Object.values(CLOCK_TEMPLATES)
    .filter((clock) => clock.source === 'recommendation' && cited.has(pointOf(clock.citation.replace(/^Recommendation /, ''))))
    .map((clock) => `${translate(language, `binder.duration.${clock.duration.unit}`, { amount: String(clock.duration.amount) })} — ${clock.label[language]}`);
}

/** "pt. 55(b)(v)" → "55(b)(v)". */
function pointOf(citation: string): string {
  return citation.replace(/^pts?\.\s*/, '').trim();
}

function procedureSection(tx: BinderText, chosen: BinderProcedure, heading: Heading, exercise: string | null, levelOrder: readonly Level[]): Content[] {
  const p = chosen.procedure;
  const title = tx.pick(p.title) || printable(p.key);
  const source = p.pack ? tx.t('binder.fromPack', { id: p.pack.id, version: p.pack.version }) : tx.country(p.country);
  const meta = [tx.t('binder.procedureVersion', { version: p.version }), source, `TLP:${p.tlp}`, tx.t('binder.changedOn', { date: tx.date(p.updatedAt) })].join(' · ');
  const citations = p.citations.length ? tx.t('binder.sources', { citations: p.citations.map(printable).join(', ') }) : tx.t('binder.noSources');
  const out: Content[] = [];
  const lanes = new Map(p.lanes.map((l) => [l.id, l]));

  let chart: Content;
  let orientation: 'portrait' | 'landscape' = 'portrait';
  if (chosen.layout) {
    const svg = procedureLayoutToSvg(chosen.layout, {
      language: tx.language,
      titleBlock: { title, version: tx.t('binder.procedureVersion', { version: p.version }), source, tlp: p.tlp, exercise },
      actorName: (id) => {
        const lane = lanes.get(id);
        return lane ? tx.laneName(lane) : id;
      },
      levelName: (level) => tx.t(`level.${level}`),
    });
    const size = svgSize(svg);
    const placed = chartPlacement(size.width, size.height);
    orientation = placed.orientation;
    chart = [{ svg, width: placed.width, height: placed.height, alignment: 'center' }, ...chartTiles(tx, title, svg, size, placed.width / size.width)];
  } else {
    chart = { text: tx.t('binder.noChart'), style: 'note' };
  }
  out.push(heading(title, 'h2', { pageBreak: 'before', pageOrientation: orientation }));
  out.push({ text: meta, style: 'meta' });
  if (tx.pick(p.summary)) out.push({ text: tx.pick(p.summary), fontSize: 9, margin: [0, 0, 0, 4] });
  out.push({ text: citations, style: 'meta' });
  out.push(chart);

  // The steps, in reading order, on portrait pages after the chart.
  const outline = procedureOutline({ ...p, lanes: p.lanes, steps: p.steps, flows: p.flows }, levelOrder);
  const number = new Map(outline.steps.map((s) => [s.step.id, s.number]));
  out.push({ text: `${tx.t('binder.steps')} — ${title}`, style: 'h3', pageBreak: 'before', pageOrientation: 'portrait' });
  const items: Content[] = outline.steps.map((s): ContentNode => {
    const lane = s.lane;
    const stack: Content[] = [
      { text: [{ text: tx.pick(s.step.title) || printable(s.step.id), style: 'stepTitle' }, { text: `  ${tx.t(`binder.kind.${s.step.kind}`)}`, style: 'small' }] },
      { text: tx.t('binder.actor', { actor: lane ? tx.laneName(lane) : printable(s.step.lane), level: lane ? tx.t(`level.${lane.level}`) : '—' }), style: 'small' },
    ];
    if (tx.pick(s.step.text)) stack.push({ text: tx.pick(s.step.text), margin: [0, 2, 0, 0] });
    const details: string[] = [];
    if (s.step.citations.length) details.push(tx.t('binder.stepSources', { citations: s.step.citations.map(printable).join(', ') }));
    for (const limit of stepTimeLimits(s.step, tx.language)) details.push(tx.t('binder.timeLimit', { limit }));
    if (s.step.reports.length) details.push(tx.t('binder.produces', { reports: s.step.reports.map((r) => tx.pick(r)).join(', ') }));
    const next = s.next.map((exit) => {
      const outcome = s.step.outcomes.find((o) => o.id === exit.flow.outcome);
      const to = tx.t('binder.toStep', { number: number.get(exit.to.id) ?? 0, title: tx.pick(exit.to.title) });
      return outcome ? `${tx.pick(outcome.label)}: ${to}` : to;
    });
    if (next.length) details.push(tx.t('binder.next', { next: next.join('; ') }));
    for (const d of details) stack.push({ text: d, style: 'small' });
    if (s.step.checklist.length) stack.push({ ul: s.step.checklist.map((c) => ({ text: tx.pick(c), style: 'small' })), margin: [0, 2, 0, 0] });
    return { stack, margin: [0, 0, 0, 7], unbreakable: stack.length < 12 };
  });
  out.push(items.length ? { ol: items } : { text: tx.t('binder.noSteps'), style: 'note' });
  return out;
}

/** A channel as printed: tier letter, kind, value, and when to give up on it. */
function channelLine(tx: BinderText, channel: Channel, index: number, short = false): string {
  const tier = effectiveTier(channel, index);
  const parts = [`${tx.t(`directory.tierLetter.${tier}`)}  ${tx.t(`channel.${channel.type}`)}${channel.label && !short ? ` (${printable(channel.label)})` : ''}: ${printable(channel.value)}`];
  const rule = short ? (channel.failAfterMinutes ? tx.t('binder.failAfter', { minutes: channel.failAfterMinutes }) : '') : failureRule(tx, channel);
  if (rule) parts.push(rule);
  return parts.join(' — ');
}

function failureRule(tx: BinderText, channel: Channel): string {
  const parts: string[] = [];
  if (channel.failAfterMinutes) parts.push(tx.t('binder.failAfter', { minutes: channel.failAfterMinutes }));
  if (channel.onFailure.trim()) parts.push(printable(channel.onFailure.trim()));
  return parts.join('; ');
}

function callTreeSection(tx: BinderText, tree: CallTree, contacts: readonly Contact[], heading: Heading, breakBefore: boolean): Content[] {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const ordered = orderedNodes(tree.nodes);
  const nodeNumber = new Map(ordered.map(({ node }, i) => [node.id, i + 1]));
  const nodeById = new Map(tree.nodes.map((n) => [n.id, n]));
  const name = (contactId: string) => (byId.get(contactId) ? printable(byId.get(contactId)?.name ?? '') : tx.t('binder.missingContact'));
  const body: TableCell[][] = [
    [
      { text: '#', style: 'tableHead' },
      { text: tx.t('binder.caller'), style: 'tableHead' },
      { text: tx.t('binder.calls'), style: 'tableHead' },
      { text: tx.t('binder.channelsPace'), style: 'tableHead' },
    ],
  ];
  ordered.forEach(({ node, depth }, i) => {
    const contact = byId.get(node.contactId);
    const parent = node.parent ? nodeById.get(node.parent) : undefined;
    const caller = parent ? `${nodeNumber.get(parent.id) ?? ''}. ${name(parent.contactId)}` : tx.t('binder.desk');
    const who: Content[] = [{ text: name(node.contactId), bold: true }];
    const role = contact ? [contact.position, ...contact.roles.map((r) => tx.t(`roles.${r}`))].filter(Boolean).map(printable).join(', ') : '';
    if (role) who.push({ text: role, style: 'small' });
    if (node.note.trim()) who.push({ text: printable(node.note), style: 'small', italics: true });
    body.push([
      { text: `${i + 1}.`, bold: true },
      { text: caller, style: 'small' },
      { stack: who, margin: [Math.min(depth, 6) * 8, 0, 0, 0] },
      contact && contact.channels.length
        ? { stack: contact.channels.map((ch, index) => ({ text: channelLine(tx, ch, index), style: 'small' })) }
        : { text: tx.t('binder.noChannels'), style: 'small', italics: true },
    ]);
  });
  const table: ContentNode = {
    table: { headerRows: 1, dontBreakRows: true, widths: [18, 90, 130, '*'], body },
    layout: 'binderGrid',
  };
  return [
    heading(printable(tree.name), 'h2', breakBefore ? { pageBreak: 'before' } : { margin: [0, 6, 0, 4] }),
    { text: [printable(tree.purpose), tree.purpose ? ' · ' : '', `TLP:${tree.tlp}`, ' · ', tx.t('binder.changedOn', { date: tx.date(tree.updatedAt) })], style: 'meta' },
    ordered.length ? table : { text: tx.t('binder.emptyTree'), style: 'note' },
  ];
}

function sortedByName(tx: BinderText, contacts: readonly Contact[]): Contact[] {
  return [...contacts].sort((a, b) => tx.compare(printable(a.name), printable(b.name)) || a.id.localeCompare(b.id));
}

/** Cards of 85.6 × 54 mm, two across and four down on an A4 page, bordered by dashed cut lines. */
function walletCardSheets(tx: BinderText, contacts: readonly Contact[], exercise: string | null): Content[] {
  const perPage = WALLET_CARD.columns * WALLET_CARD.rows;
  const sheets: Content[] = [];
  for (let start = 0; start < contacts.length; start += perPage) {
    const page = contacts.slice(start, start + perPage);
    const rows: TableCell[][] = [];
    for (let r = 0; r < page.length; r += WALLET_CARD.columns) {
      const row: TableCell[] = [];
      for (let col = 0; col < WALLET_CARD.columns; col++) {
        const c = page[r + col];
        row.push(c ? walletCard(tx, c, exercise) : { text: '' });
      }
      rows.push(row);
    }
    sheets.push({
      table: { widths: Array<number>(WALLET_CARD.columns).fill(WALLET_CARD.width), heights: WALLET_CARD.height, dontBreakRows: true, body: rows },
      layout: CUT_LINES_LAYOUT,
      margin: [(A4.width - BINDER_MARGINS[0] - BINDER_MARGINS[2] - WALLET_CARD.columns * WALLET_CARD.width) / 2, 4, 0, 0],
      ...(start > 0 ? { pageBreak: 'before' as const } : {}),
    });
    sheets.push({ text: tx.t('binder.cutHint'), style: 'small', alignment: 'center', margin: [0, 6, 0, 0] });
  }
  return sheets;
}

function walletCard(tx: BinderText, c: Contact, exercise: string | null): TableCell {
  const role = [c.kind === 'person' ? c.position : '', ...c.roles.map((r) => tx.t(`roles.${r}`)), c.kind === 'person' ? c.organisation : '', tx.country(c.country)]
    .map((s) => printable(s).trim())
    .filter(Boolean)
    .join(' · ');
  const shown = c.channels.slice(0, WALLET_CARD.maxChannels);
  const stack: Content[] = [
    {
      columns: [
        { width: 'auto', table: { body: [[tlpLabelCell(c.tlp, 7)]] }, layout: 'noBorders' },
        { width: '*', text: exercise ?? '', fontSize: 7, bold: true, color: '#b91c1c', alignment: 'right' },
      ],
      margin: [0, 0, 0, 3],
    },
    { text: printable(c.name), style: 'cardName' },
    { text: role, style: 'cardText', margin: [0, 0, 0, 3] },
    ...shown.map((ch, i): Content => ({ text: channelLine(tx, ch, i, true), style: 'cardText' })),
  ];
  if (c.channels.length > shown.length) stack.push({ text: tx.t('binder.moreChannels', { count: c.channels.length - shown.length }), style: 'cardText', italics: true });
  stack.push({ text: c.verified ? tx.t('binder.verified', { date: tx.date(c.verified.at) }) : tx.t('binder.notVerified'), style: 'cardText', italics: true, margin: [0, 3, 0, 0] });
  return { stack, margin: [WALLET_CARD.padding, WALLET_CARD.padding, WALLET_CARD.padding, 0] };
}

/** One organisation of the printed directory; `name` null for the people of no known organisation. */
export interface DirectoryGroup {
  readonly name: string | null;
  readonly organisation: Contact | null;
  readonly people: readonly Contact[];
}

/**
 * The directory grouped by organisation (organisations and groups in the language's collation):
 * each group starts with the organisation's own record when it has one, then its people; people
 * whose organisation is not known come last, under "Other contacts".
 */
export function directoryGroups(
  contacts: readonly Contact[],
  compare: (a: string, b: string) => number,
): DirectoryGroup[] {
  const groups = new Map<string, { name: string; organisation: Contact | null; people: Contact[] }>();
  const loose: Contact[] = [];
  const keyOf = (name: string) => printable(name).trim().toLocaleLowerCase();
  for (const c of contacts) {
    if (c.kind !== 'organisation') continue;
    const key = `id:${c.id}`;
    groups.set(key, { name: printable(c.name), organisation: c, people: [] });
  }
  for (const c of contacts) {
    if (c.kind === 'organisation') continue;
    const org = organisationOf(c, contacts);
    if (org) {
      groups.get(`id:${org.id}`)?.people.push(c);
      continue;
    }
    const name = printable(c.organisation).trim();
    if (!name) {
      loose.push(c);
      continue;
    }
    const key = `name:${keyOf(name)}`;
    const group = groups.get(key) ?? { name, organisation: null, people: [] };
    group.people.push(c);
    groups.set(key, group);
  }
  const byName = (a: Contact, b: Contact) => compare(printable(a.name), printable(b.name)) || a.id.localeCompare(b.id);
  const sorted = [...groups.values()]
    .sort((a, b) => compare(a.name, b.name) || (a.organisation?.id ?? '').localeCompare(b.organisation?.id ?? ''))
    .map((g): DirectoryGroup => ({ name: g.name, organisation: g.organisation, people: [...g.people].sort(byName) }));
  if (loose.length) sorted.push({ name: null, organisation: null, people: [...loose].sort(byName) });
  return sorted;
}

function directorySection(tx: BinderText, contacts: readonly Contact[]): Content[] {
  const out: Content[] = [];
  for (const group of directoryGroups(contacts, tx.compare)) {
    out.push({ text: group.name ?? tx.t('binder.otherContacts'), style: 'orgHeading', headlineLevel: 1 });
    const entries = [...(group.organisation ? [group.organisation] : []), ...group.people];
    for (const c of entries) out.push(directoryEntry(tx, c));
  }
  return out;
}

function directoryEntry(tx: BinderText, c: Contact): Content {
  const about = [c.kind === 'person' ? c.position : tx.t('binder.organisationRecord'), ...c.roles.map((r) => tx.t(`roles.${r}`)), tx.country(c.country)]
    .map((s) => printable(s).trim())
    .filter(Boolean)
    .join(' · ');
  const channels: Content[] = c.channels.length
    ? c.channels.map((ch, i) => ({ text: channelLine(tx, ch, i), style: 'small', margin: [10, 0, 0, 0] }))
    : [{ text: tx.t('binder.noChannels'), style: 'small', italics: true, margin: [10, 0, 0, 0] }];
  return {
    stack: [
      { text: [{ text: printable(c.name), bold: true }, { text: `   TLP:${c.tlp}`, style: 'small' }] },
      { text: about, style: 'small' },
      ...channels,
      { text: c.verified ? tx.t('binder.verified', { date: tx.date(c.verified.at) }) : tx.t('binder.notVerified'), style: 'small', italics: true, margin: [10, 0, 0, 0] },
    ],
    unbreakable: true,
    margin: [0, 3, 0, 5],
  };
}
