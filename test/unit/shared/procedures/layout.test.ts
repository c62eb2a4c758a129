import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../../../shared/model/levels';
import type { ProcedureContent } from '../../../../shared/model/procedure';
import { layoutProcedure, wrapText, estimateTextWidth, type LayoutBox, type ProcedureLayout } from '../../../../shared/procedures/layout';
import { BUILTIN_PACK } from '../../../../shared/content/builtinPack';
import { EXERCISE_SCENARIO } from '../../../../shared/seed/exerciseScenario';
import { FIXTURE_PROCEDURE } from '../../../fixtures/procedures';

const exercise = EXERCISE_SCENARIO.procedures[0] as ProcedureContent;

const inside = (inner: LayoutBox, outer: LayoutBox) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
const overlap = (a: LayoutBox, b: LayoutBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const onBorder = (p: { x: number; y: number }, b: LayoutBox) => {
  const within = p.x >= b.x - 1 && p.x <= b.x + b.width + 1 && p.y >= b.y - 1 && p.y <= b.y + b.height + 1;
  const edge = Math.abs(p.x - b.x) <= 1 || Math.abs(p.x - b.x - b.width) <= 1 || Math.abs(p.y - b.y) <= 1 || Math.abs(p.y - b.y - b.height) <= 1;
  return within && edge;
};

function checkGeometry(content: ProcedureContent, layout: ProcedureLayout) {
  const lanes = new Map(layout.lanes.map((l) => [l.id, l]));
  expect(layout.steps).toHaveLength(content.steps.length);
  for (const step of layout.steps) {
    const lane = lanes.get(step.lane);
    expect(lane, step.id).toBeDefined();
    expect(inside(step, lane!), `${step.id} inside lane ${step.lane}`).toBe(true);
  }
  for (let i = 0; i < layout.steps.length; i++)
    for (let j = i + 1; j < layout.steps.length; j++)
      expect(overlap(layout.steps[i]!, layout.steps[j]!), `${layout.steps[i]!.id} / ${layout.steps[j]!.id}`).toBe(false);
  // Lanes are stacked without gaps or overlap, grouped by level in the documented order.
  for (let i = 1; i < layout.lanes.length; i++) expect(layout.lanes[i]!.y).toBeCloseTo(layout.lanes[i - 1]!.y + layout.lanes[i - 1]!.height, 5);
  const levelOrder = layout.lanes.map((l) => LEVELS.indexOf(l.level));
  expect([...levelOrder].sort((a, b) => a - b)).toEqual(levelOrder);
  expect(layout.levelBands.map((b) => b.level)).toEqual([...new Set(layout.lanes.map((l) => l.level))]);
  for (const lane of layout.lanes) {
    const band = layout.levelBands.find((b) => b.level === lane.level)!;
    expect(inside(lane, band)).toBe(true);
  }
  // Every flow starts at its source's box and ends at its target's box.
  const steps = new Map(layout.steps.map((s) => [s.id, s]));
  expect(layout.flows).toHaveLength(content.flows.length);
  for (const flow of layout.flows) {
    expect(flow.points.length, flow.id).toBeGreaterThanOrEqual(2);
    expect(onBorder(flow.points[0]!, steps.get(flow.from)!), `${flow.id} starts at ${flow.from}`).toBe(true);
    expect(onBorder(flow.points[flow.points.length - 1]!, steps.get(flow.to)!), `${flow.id} ends at ${flow.to}`).toBe(true);
    // Orthogonal routing.
    for (let k = 1; k < flow.points.length; k++) {
      const a = flow.points[k - 1]!;
      const b = flow.points[k]!;
      expect(Math.abs(a.x - b.x) < 0.5 || Math.abs(a.y - b.y) < 0.5, `${flow.id} segment ${k}`).toBe(true);
    }
  }
  // Labels do not cover steps or each other, and everything lies within the drawing.
  const labels = layout.flows.flatMap((f) => (f.label ? [{ id: f.id, box: f.label }] : []));
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) expect(overlap(labels[i]!.box, labels[j]!.box), `labels of ${labels[i]!.id} and ${labels[j]!.id}`).toBe(false);
  for (const flow of layout.flows) {
    if (!flow.label) continue;
    for (const step of layout.steps) expect(overlap(flow.label, step), `label of ${flow.id} over ${step.id}`).toBe(false);
    expect(flow.label.x + flow.label.width).toBeLessThanOrEqual(layout.width);
  }
  for (const s of layout.steps) expect(s.x + s.width).toBeLessThanOrEqual(layout.width);
  const top = layout.lanes[0]!.y;
  const bottom = layout.lanes[layout.lanes.length - 1]!.y + layout.lanes[layout.lanes.length - 1]!.height;
  expect(top).toBe(0);
  expect(bottom).toBe(layout.height);
  for (const flow of layout.flows) {
    for (const p of flow.points) {
      expect(p.y, `${flow.id} within the lanes`).toBeGreaterThanOrEqual(top);
      expect(p.y, `${flow.id} within the lanes`).toBeLessThanOrEqual(bottom);
      expect(p.x).toBeLessThanOrEqual(layout.width);
    }
    if (flow.label) expect(flow.label.y).toBeGreaterThanOrEqual(top);
  }
}

describe('layoutProcedure', () => {
  it('lays out the exercise drill in its lanes', async () => {
    const layout = await layoutProcedure(exercise);
    checkGeometry(exercise, layout);
    expect(layout.orientation).toBe('horizontal');
    expect(layout.lanes.map((l) => l.id)).toEqual(['csirt', 'csirts-network', 'authority', 'cyclone', 'council']);
  });

  it('lays out decisions, reports, information flows and a loop, lanes grouped by level', async () => {
    const layout = await layoutProcedure(FIXTURE_PROCEDURE);
    checkGeometry(FIXTURE_PROCEDURE, layout);
    // Given as council, csirt, authority, network, cyclone: grouped by level, in order within a level.
    expect(layout.lanes.map((l) => l.id)).toEqual(['csirt', 'network', 'authority', 'cyclone', 'council']);
    expect(layout.levelBands.map((b) => b.level)).toEqual(['technical', 'operational', 'political']);
    const labelled = layout.flows.filter((f) => f.label);
    expect(labelled.map((f) => f.id).sort()).toEqual(['f10', 'f11', 'f12', 'f13', 'f3', 'f4', 'f5', 'f7', 'f8', 'f9'].sort());
    // Work runs left to right: a step that follows another by a forward flow starts further right.
    const x = new Map(layout.steps.map((s) => [s.id, s.x]));
    expect(x.get('assess')!).toBeGreaterThan(x.get('start')!);
    expect(x.get('done')!).toBeGreaterThan(x.get('coordinate')!);
  });

  it('lays out every built-in procedure of the pack, in both languages', async () => {
    for (const procedure of BUILTIN_PACK.procedures) {
      for (const language of ['en', 'nl'] as const) {
        const layout = await layoutProcedure(procedure, { language });
        checkGeometry(procedure, layout);
      }
    }
  }, 120_000);

  it('honours another level order', async () => {
    const layout = await layoutProcedure(FIXTURE_PROCEDURE, { levelOrder: ['political', 'operational', 'technical'] });
    expect(layout.lanes.map((l) => l.id)).toEqual(['council', 'authority', 'cyclone', 'csirt', 'network']);
  });

  it('is deterministic', async () => {
    const a = await layoutProcedure(FIXTURE_PROCEDURE, { language: 'nl' });
    const b = await layoutProcedure(structuredClone(FIXTURE_PROCEDURE), { language: 'nl' });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('draws lanes without steps and a procedure without steps', async () => {
    const empty: ProcedureContent = { ...FIXTURE_PROCEDURE, steps: [], flows: [] };
    const layout = await layoutProcedure(empty);
    expect(layout.lanes).toHaveLength(5);
    expect(layout.steps).toHaveLength(0);
    expect(layout.height).toBeGreaterThan(0);
  });

  it('wraps titles to the shape', () => {
    const lines = wrapText('Receive the information from EU-CyCLONe and decide whether the IPCR is activated', 160, 13);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(estimateTextWidth(line, 13)).toBeLessThanOrEqual(160);
    expect(wrapText('Supercalifragilisticexpialidociouslylongword', 60, 13).every((l) => estimateTextWidth(l, 13) <= 60)).toBe(true);
  });
});
