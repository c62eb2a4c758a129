/**
 * PURE: a procedure chart as a standalone SVG document, drawn from the ELK layout the app's chart
 * uses (layout.ts), so the exported picture has the same lanes, shapes and routes as the screen.
 *
 * Above the chart sits a title block: the procedure's title, its version, the pack it comes from
 * or the country that wrote it, and the TLP label in the FIRST colours; an EXERCISE marking when
 * it comes from the exercise workspace. Fonts are the system's (system-ui, then sans-serif), so
 * the file looks right without embedded fonts. Text is escaped; numbers are rounded to tenths so
 * the same layout always gives the same bytes.
 */
import type { Level } from '../model/levels';
import type { StepKind } from '../model/procedure';
import type { Tlp } from '../model/tlp';
import { LAYOUT_METRICS, type LayoutPoint, type ProcedureLayout, type StepLayout } from './layout';

export interface SvgTitleBlock {
  readonly title: string;
  /** "Version 3" in the export language. */
  readonly version: string;
  /** "Blueprint pack 1.2.0" or "Netherlands". */
  readonly source: string;
  readonly tlp: Tlp;
  /** The EXERCISE marking in the export language, or null outside the exercise workspace. */
  readonly exercise: string | null;
  /** E.g. "Exported 2026-03-10 08:00 UTC". */
  readonly note?: string;
}

export interface SvgOptions {
  readonly titleBlock: SvgTitleBlock;
  readonly actorName: (laneId: string) => string;
  readonly levelName: (level: Level) => string;
  readonly language: 'en' | 'nl';
}

/** FIRST TLP 2.0 colours: label text on a black background. */
export const TLP_COLOURS: Readonly<Record<Tlp, string>> = {
  CLEAR: '#FFFFFF',
  GREEN: '#33FF00',
  AMBER: '#FFC000',
  'AMBER+STRICT': '#FFC000',
  RED: '#FF2B2B',
};

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif";
const TITLE_HEIGHT = 76;
const MARGIN = 16;

const LEVEL_FILL: Readonly<Record<Level, string>> = { technical: '#eef6ff', operational: '#f1f8f0', political: '#fbf1f8' };
const KIND_FILL: Readonly<Record<StepKind, string>> = { start: '#e8f5e9', end: '#eceff1', task: '#ffffff', decision: '#fff7e6', report: '#eef2ff' };
const KIND_STROKE: Readonly<Record<StepKind, string>> = { start: '#2e7d32', end: '#37474f', task: '#455a64', decision: '#b45309', report: '#3949ab' };

/** Text safe in SVG content and attribute values. */
export function escapeXml(text: string): string {
  // Characters XML 1.0 does not allow at all are dropped.
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  return clean.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

const n = (v: number) => String(Math.round(v * 10) / 10);

function textLines(lines: readonly string[], cx: number, cy: number, size: number, lineHeight: number, attrs = ''): string {
  const top = cy - ((lines.length - 1) * lineHeight) / 2;
  const spans = lines.map((line, i) => `<tspan x="${n(cx)}" y="${n(top + i * lineHeight)}">${escapeXml(line)}</tspan>`).join('');
  return `<text text-anchor="middle" dominant-baseline="central" font-size="${size}"${attrs}>${spans}</text>`;
}

function stepShape(step: StepLayout): string {
  const { x, y, width: w, height: h, kind } = step;
  const style = `fill="${KIND_FILL[kind]}" stroke="${KIND_STROKE[kind]}"`;
  switch (kind) {
    case 'start':
      return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${n(h / 2)}" ${style} stroke-width="1.5"/>`;
    case 'end':
      return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${n(h / 2)}" ${style} stroke-width="3"/>`;
    case 'task':
      return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="6" ${style} stroke-width="1.5"/>`;
    case 'decision':
      return `<polygon points="${n(x + w / 2)},${n(y)} ${n(x + w)},${n(y + h / 2)} ${n(x + w / 2)},${n(y + h)} ${n(x)},${n(y + h / 2)}" ${style} stroke-width="1.5"/>`;
    case 'report': {
      // A document: straight top and sides, a wave along the bottom.
      const wave = Math.min(10, h / 6);
      const bottom = y + h - wave;
      return `<path d="M${n(x)},${n(y)} H${n(x + w)} V${n(bottom)} C${n(x + w * 0.75)},${n(bottom - wave)} ${n(x + w * 0.6)},${n(bottom + wave)} ${n(x + w / 2)},${n(bottom)} S${n(x + w * 0.25)},${n(bottom + wave)} ${n(x)},${n(bottom)} Z" ${style} stroke-width="1.5"/>`;
    }
  }
}

function polyline(points: readonly LayoutPoint[]): string {
  return points.map((p) => `${n(p.x)},${n(p.y)}`).join(' ');
}

export function procedureLayoutToSvg(layout: ProcedureLayout, options: SvgOptions): string {
  const { titleBlock: tb } = options;
  const width = Math.max(layout.width, 640) + MARGIN * 2;
  const height = layout.height + TITLE_HEIGHT + MARGIN * 2;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="${escapeXml(FONT)}" lang="${options.language}" role="img" aria-labelledby="procedure-svg-title">`,
  );
  out.push(`<title id="procedure-svg-title">${escapeXml(`${tb.exercise ? `${tb.exercise} — ` : ''}${tb.title} — ${tb.version} — TLP:${tb.tlp}`)}</title>`);
  out.push('<defs>');
  out.push('<marker id="arrow-sequence" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#37474f"/></marker>');
  out.push('<marker id="arrow-information" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6a1b9a"/></marker>');
  out.push('</defs>');
  out.push(`<rect x="0" y="0" width="${n(width)}" height="${n(height)}" fill="#ffffff"/>`);

  // Title block.
  const tlpText = `TLP:${tb.tlp}`;
  const tlpWidth = tlpText.length * 8.4 + 16;
  out.push('<g class="title-block">');
  out.push(`<rect x="${MARGIN}" y="${MARGIN}" width="${n(width - MARGIN * 2)}" height="${TITLE_HEIGHT - 12}" fill="#f8fafc" stroke="#cbd5e1"/>`);
  out.push(`<text x="${MARGIN + 12}" y="${MARGIN + 24}" font-size="18" font-weight="600" fill="#0f172a">${escapeXml(tb.title)}</text>`);
  const meta = [tb.version, tb.source, tb.note ?? ''].filter(Boolean).join(' · ');
  out.push(`<text x="${MARGIN + 12}" y="${MARGIN + 48}" font-size="12" fill="#334155">${escapeXml(meta)}</text>`);
  const tlpX = width - MARGIN - 12 - tlpWidth;
  out.push(`<rect x="${n(tlpX)}" y="${MARGIN + 10}" width="${n(tlpWidth)}" height="22" fill="#000000"/>`);
  out.push(`<text x="${n(tlpX + tlpWidth / 2)}" y="${MARGIN + 21}" text-anchor="middle" dominant-baseline="central" font-size="13" font-weight="700" font-family="ui-monospace, 'DejaVu Sans Mono', monospace" fill="${TLP_COLOURS[tb.tlp]}">${escapeXml(tlpText)}</text>`);
  if (tb.exercise) {
    const exWidth = tb.exercise.length * 8.6 + 20;
    const exX = tlpX - 10 - exWidth;
    out.push(`<rect x="${n(exX)}" y="${MARGIN + 10}" width="${n(exWidth)}" height="22" fill="#ffffff" stroke="#b91c1c" stroke-width="2"/>`);
    out.push(`<text x="${n(exX + exWidth / 2)}" y="${MARGIN + 21}" text-anchor="middle" dominant-baseline="central" font-size="13" font-weight="700" fill="#b91c1c">${escapeXml(tb.exercise)}</text>`);
  }
  out.push('</g>');

  out.push(`<g class="chart" transform="translate(${MARGIN},${MARGIN + TITLE_HEIGHT})">`);
  for (const band of layout.levelBands) {
    out.push(`<rect x="${n(band.x)}" y="${n(band.y)}" width="${n(band.width)}" height="${n(band.height)}" fill="${LEVEL_FILL[band.level]}" stroke="#94a3b8"/>`);
    const cx = band.x + LAYOUT_METRICS.levelHeaderWidth / 2;
    const cy = band.y + band.height / 2;
    out.push(`<text x="${n(cx)}" y="${n(cy)}" transform="rotate(-90 ${n(cx)} ${n(cy)})" text-anchor="middle" dominant-baseline="central" font-size="12" font-weight="700" fill="#1e293b">${escapeXml(options.levelName(band.level).toUpperCase())}</text>`);
  }
  for (const lane of layout.lanes) {
    out.push(`<rect x="${n(lane.x)}" y="${n(lane.y)}" width="${n(lane.width)}" height="${n(lane.height)}" fill="none" stroke="#cbd5e1"/>`);
    out.push(`<line x1="${n(lane.x + LAYOUT_METRICS.laneHeaderWidth)}" y1="${n(lane.y)}" x2="${n(lane.x + LAYOUT_METRICS.laneHeaderWidth)}" y2="${n(lane.y + lane.height)}" stroke="#cbd5e1"/>`);
    const name = options.actorName(lane.id);
    const words = wrap(name, 20);
    out.push(textLines(words, lane.x + LAYOUT_METRICS.laneHeaderWidth / 2, lane.y + lane.height / 2, 12, 15, ' font-weight="600" fill="#0f172a"'));
  }
  for (const flow of layout.flows) {
    const info = flow.kind === 'information';
    out.push(
      `<polyline points="${polyline(flow.points)}" fill="none" stroke="${info ? '#6a1b9a' : '#37474f'}" stroke-width="1.5"${info ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#arrow-${flow.kind})"/>`,
    );
  }
  for (const flow of layout.flows) {
    if (!flow.label) continue;
    const l = flow.label;
    out.push(`<rect x="${n(l.x)}" y="${n(l.y)}" width="${n(l.width)}" height="${n(l.height)}" rx="3" fill="#ffffff" fill-opacity="0.92" stroke="${flow.kind === 'information' ? '#ce93d8' : '#cbd5e1'}"/>`);
    out.push(textLines(l.lines, l.x + l.width / 2, l.y + l.height / 2, LAYOUT_METRICS.labelFontSize, LAYOUT_METRICS.labelLineHeight, ` fill="${flow.kind === 'information' ? '#4a148c' : '#1e293b'}"`));
  }
  for (const step of layout.steps) {
    out.push(`<g class="step step-${step.kind}">`);
    out.push(stepShape(step));
    const cy = step.kind === 'report' ? step.y + (step.height - 6) / 2 : step.y + step.height / 2;
    out.push(textLines(step.titleLines, step.x + step.width / 2, cy, LAYOUT_METRICS.stepFontSize, LAYOUT_METRICS.stepLineHeight, ' fill="#0f172a"'));
    out.push('</g>');
  }
  out.push('</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** Greedy word wrap by characters, for lane names. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}
