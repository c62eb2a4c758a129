/**
 * The exports of one procedure, built from the shared pure modules: the app's JSON, Mermaid,
 * a CACAO 2.0 playbook, the chart as SVG (from the same ELK layout as the screen) and as PNG
 * (the SVG drawn into a canvas at twice its size).
 */
import type { Language } from '../../../../../shared/i18n/languages';
import { translate } from '../../../../../shared/i18n/translate';
import type { Procedure } from '../../../../../shared/model/records';
import type { ProcedureLane } from '../../../../../shared/model/procedure';
import { procedureToCacao } from '../../../../../shared/procedures/cacao';
import { layoutProcedure } from '../../../../../shared/procedures/layout';
import { procedureToMermaid } from '../../../../../shared/procedures/mermaid';
import { procedureToJson } from '../../../../../shared/procedures/procedureJson';
import { procedureLayoutToSvg } from '../../../../../shared/procedures/svg';
import { contentOf } from '../../../db/procedureVersions';
import { laneTitle } from '../catalogue';

const pick = (text: { en: string; nl: string } | null, language: Language) => (text ? text[language] || text[language === 'en' ? 'nl' : 'en'] : '');

/** The lane's title as on screen: its own label, else the Annex II actor's name, else the actor id. */
export function laneName(lane: ProcedureLane, language: Language): string {
  return laneTitle(lane, language);
}

/** File name without extension: key and version, e.g. `national.nl.escalation-v3`. */
export function fileStem(procedure: Pick<Procedure, 'key' | 'version'>): string {
  return `${procedure.key}-v${procedure.version}`;
}

export function exportJson(procedure: Procedure, now: number = Date.now()): string {
  return procedureToJson({ ...contentOf(procedure), key: procedure.key, version: procedure.version, tlp: procedure.tlp, pack: procedure.pack }, new Date(now).toISOString());
}

export function exportMermaid(procedure: Procedure, language: Language): string {
  return procedureToMermaid(contentOf(procedure), { language, actorName: (lane) => laneName(lane, language) });
}

export function exportCacao(procedure: Procedure, language: Language, issuer: string): string {
  const playbook = procedureToCacao(contentOf(procedure), {
    key: procedure.key,
    version: procedure.version,
    tlp: procedure.tlp,
    created: procedure.createdAt,
    modified: procedure.updatedAt,
    issuer,
    language,
    actorName: (lane) => laneName(lane, language),
    exercise: procedure.workspace === 'exercise',
  });
  return `${JSON.stringify(playbook, null, 2)}\n`;
}

/** The chart as an SVG document with its title block. */
export async function exportSvg(procedure: Procedure, language: Language, countryName: string): Promise<string> {
  const layout = await layoutProcedure(contentOf(procedure), { language });
  const lanes = new Map(procedure.lanes.map((l) => [l.id, l]));
  return procedureLayoutToSvg(layout, {
    language,
    titleBlock: {
      title: pick(procedure.title, language) || procedure.key,
      version: translate(language, 'procedureExport.version', { version: String(procedure.version) }),
      source: procedure.pack ? translate(language, 'procedureExport.pack', { id: procedure.pack.id, version: procedure.pack.version }) : countryName,
      tlp: procedure.tlp,
      exercise: procedure.workspace === 'exercise' ? translate(language, 'procedureExport.exercise') : null,
    },
    actorName: (id) => {
      const lane = lanes.get(id);
      return lane ? laneName(lane, language) : id;
    },
    levelName: (level) => translate(language, `level.${level}`),
  });
}

/** Width and height of an SVG document from its root element. */
function svgSize(svg: string): { width: number; height: number } {
  const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1] ?? 800);
  const height = Number(/<svg[^>]* height="([\d.]+)"/.exec(svg)?.[1] ?? 600);
  return { width, height };
}

/** The SVG drawn at `scale` into a canvas, as PNG bytes. */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const { width, height } = svgSize(svg);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the canvas gave no PNG');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
