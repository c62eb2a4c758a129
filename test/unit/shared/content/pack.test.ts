/**
 * The built-in procedure content pack: every file matches its schema, the pack breaks none of the
 * pack rules, the rule checker catches each kind of violation on a mutated copy, and the pack holds
 * the nine procedures of issue 6, every actor of Annex II and every reference page.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_PACK, BUILTIN_PACK_FILES, actorById } from '../../../../shared/content/builtinPack';
import { citationKeys, resolveCitation } from '../../../../shared/content/citations';
import { checkPack, type PackRule } from '../../../../shared/content/packRules';
import {
  ActorCatalogueSchema,
  PackManifestSchema,
  PackProcedureSchema,
  REFERENCE_PAGE_IDS,
  ReferencePageSchema,
  SourcePointsSchema,
  type ContentPack,
} from '../../../../shared/content/packSchema';

/**
 * The actors of Annex II as seed 001 names them: the rows of the participation matrix, Annex II(1),
 * and the actors of the table of roles and competences, Annex II(2), in the seed's (Dutch
 * alphabetical) order. Actor id in the catalogue -> name in the seed.
 */
const ANNEX_II_1 = {
  'member-states': 'Lidstaten',
  'european-commission': 'Commissie',
  'high-representative': 'Hoge vertegenwoordiger, bijgestaan door de EDEO',
  council: 'Raad',
  enisa: 'Enisa',
  'cert-eu': 'CERT-EU',
  'csirts-network': 'CSIRT-netwerk',
  'eu-cyclone': 'EU-CyCLONe',
} as const;
const ANNEX_II_2 = {
  'cert-eu': 'CERT-EU',
  council: 'Raad van de Europese Unie',
  'council-presidency': 'Voorzitterschap van de Raad van de Europese Unie',
  'cross-border-cyber-hubs': 'Landsgrensoverschrijdende cyberhubs',
  'csirts-network': 'CSIRT-netwerk',
  'cyber-commanders-conference': 'Conferentie van cybercommandanten',
  'european-commission': 'Commissie',
  enisa: 'Agentschap van de Europese Unie voor cyberbeveiliging (Enisa)',
  'eu-cyclone': 'Europees netwerk van verbindingsorganisaties voor cybercrises (EU-CyCLONe)',
  'high-representative': 'Hoge vertegenwoordiger van de Unie voor buitenlandse zaken en veiligheidsbeleid, ondersteund door de EDEO',
  'eu-cyber-defence-coordination-centre': 'EU-coördinatiecentrum voor cyberdefensie',
  europol: 'Europol',
  iicb: 'Interinstitutionele raad voor cyberbeveiliging',
  micnet: 'Micnet',
  siac: 'Gezamenlijke capaciteit op het gebied van inlichtingenanalyse (SIAC)',
} as const;

const ISSUE_PROCEDURES = [
  'eu.detection-escalation',
  'eu.response-without-ipcr-full',
  'eu.response-ipcr-full',
  'eu.public-communication',
  'eu.diplomatic-response',
  'eu.military-coordination',
  'eu.recovery-lessons',
  'eu.cybersecurity-reserve',
  'eu.preparedness',
];

const pack = (): ContentPack => structuredClone(BUILTIN_PACK);
const rules = (p: ContentPack): PackRule[] => [...new Set(checkPack(p).map((v) => v.rule))];
const proc = (p: ContentPack, key = 'eu.detection-escalation') => p.procedures.find((x) => x.key === key)!;

describe('built-in pack files', () => {
  it('match their schemas', () => {
    expect(PackManifestSchema.safeParse(BUILTIN_PACK_FILES.manifest).success).toBe(true);
    expect(ActorCatalogueSchema.safeParse(BUILTIN_PACK_FILES.actors).success).toBe(true);
    expect(SourcePointsSchema.safeParse(BUILTIN_PACK_FILES.points).success).toBe(true);
    for (const p of BUILTIN_PACK_FILES.procedures) {
      const r = PackProcedureSchema.safeParse(p);
      expect(r.success, `${(p as { key: string }).key}: ${r.error?.message}`).toBe(true);
    }
    for (const page of BUILTIN_PACK_FILES.reference) {
      expect(ReferencePageSchema.safeParse(page).success, (page as { id: string }).id).toBe(true);
    }
    expect(BUILTIN_PACK.manifest).toMatchObject({ id: 'eu-cyber-blueprint', version: '1.0.0' });
  });

  it('break none of the pack rules', () => {
    expect(checkPack(BUILTIN_PACK)).toEqual([]);
  });

  it('hold the points of the Recommendation with their Dutch source text', () => {
    for (let n = 1; n <= 82; n++) expect(BUILTIN_PACK.points.points[String(n)]?.nl).toMatch(new RegExp(`^${n}\\) `));
    expect(BUILTIN_PACK.points.points['55(b)(v)']?.nl).toContain('binnen 24 uur');
    expect(BUILTIN_PACK.points.points['7(c)']?.nl).toContain('ten minste twee lidstaten');
    expect(resolveCitation('pts. 47–49, 55(a)(iii)', BUILTIN_PACK.points).map((c) => c.key)).toEqual(['47', '48', '49', '55(a)(iii)']);
  });

  it('hold the nine procedures of the issue, each readable as a chart', () => {
    expect(BUILTIN_PACK.procedures.map((p) => p.key).sort()).toEqual([...ISSUE_PROCEDURES].sort());
    for (const p of BUILTIN_PACK.procedures) {
      expect(p.lanes.length, p.key).toBeLessThanOrEqual(12);
      expect(p.steps.length, p.key).toBeLessThanOrEqual(30);
      expect(p.flows.some((f) => f.kind === 'information'), `${p.key} has information flows`).toBe(true);
      for (const s of p.steps) {
        expect(s.title.en.length, `${p.key}/${s.id} en title`).toBeLessThanOrEqual(40);
        expect(s.title.nl.length, `${p.key}/${s.id} nl title`).toBeLessThanOrEqual(40);
      }
    }
  });

  it('hold every actor of Annex II under the name the seed gives it', () => {
    for (const [id, name] of Object.entries(ANNEX_II_2)) {
      const actor = actorById(id);
      expect(actor, id).toBeDefined();
      expect(actor!.annex).toContain('II(2)');
      expect(actor!.sourceName.toLowerCase()).toBe(name.toLowerCase());
    }
    for (const [id, name] of Object.entries(ANNEX_II_1)) {
      const actor = actorById(id);
      expect(actor, `${id} (${name})`).toBeDefined();
      expect(actor!.annex).toContain('II(1)');
    }
    const annexActors = BUILTIN_PACK.actors.filter((a) => a.annex.length > 0).map((a) => a.id).sort();
    expect(annexActors).toEqual([...new Set([...Object.keys(ANNEX_II_1), ...Object.keys(ANNEX_II_2)])].sort());
    expect(actorById('no-such-actor')).toBeUndefined();
  });

  it('hold every reference page, the matrix with the phases of Annex II(1)', () => {
    expect(BUILTIN_PACK.reference.map((p) => p.id).sort()).toEqual([...REFERENCE_PAGE_IDS].sort());
    const matrix = BUILTIN_PACK.reference.find((p) => p.id === 'participation-matrix')!.matrix!;
    expect(matrix.rows.map((r) => r.actor).sort()).toEqual(Object.keys(ANNEX_II_1).sort());
    expect(matrix.rows.find((r) => r.actor === 'member-states')!.phases).toHaveLength(7);
    expect(matrix.rows.find((r) => r.actor === 'enisa')!.phases).toEqual(['preparedness', 'response-technical', 'response-operational']);
    const actorsPage = BUILTIN_PACK.reference.find((p) => p.id === 'actors')!;
    for (const id of Object.keys(ANNEX_II_2)) expect(actorsPage.blocks.some((b) => b.actors.includes(id)), id).toBe(true);
  });
});

describe('checkPack catches', () => {
  it('a step without citation, a citation of a point that does not exist, an unreadable citation', () => {
    const p = pack();
    proc(p).steps[1]!.citations = [];
    expect(rules(p)).toEqual(['citation-missing']);
    const q = pack();
    proc(q).steps[1]!.citations = ['pt. 55(z)'];
    expect(rules(q)).toEqual(['citation-unknown-point']);
    const r = pack();
    r.actors[0]!.citations = ['pts. 50–47'];
    expect(rules(r)).toEqual(['citation-malformed']);
    expect(citationKeys('pt. 55(a)(ii)')).toEqual(['55(a)(ii)']);
    expect(citationKeys('Annex II')).toBeNull();
  });

  it('a missing language', () => {
    const p = pack();
    proc(p).steps[2]!.text.nl = ' ';
    expect(rules(p)).toEqual(['text-missing']);
    const q = pack();
    q.actors[0]!.role.en = '';
    expect(rules(q)).toEqual(['text-missing']);
  });

  it('a lane whose actor is not in the catalogue, and lanes out of level order', () => {
    const p = pack();
    proc(p).lanes[0]!.actor = 'ministry-of-magic';
    expect(rules(p)).toEqual(['lane-actor-unknown']);
    const q = pack();
    const lanes = proc(q).lanes;
    lanes.push(lanes.shift()!); // the technical lane now below the political one
    expect(rules(q)).toContain('lane-order');
  });

  it('a step in a lane that does not exist, a flow to a step that does not exist, a duplicate id', () => {
    const p = pack();
    proc(p).steps[3]!.lane = 'nowhere';
    expect(rules(p)).toEqual(['step-lane-unknown']);
    const q = pack();
    proc(q).flows.push({ id: 'f-extra', from: 'start', to: 'nowhere', kind: 'sequence', outcome: null, label: null });
    expect(rules(q)).toEqual(['flow-endpoint-unknown']);
    const r = pack();
    const flows = proc(r).flows;
    flows[1] = { ...flows[1]!, id: flows[0]!.id };
    expect(rules(r)).toEqual(['duplicate-id']);
  });

  it('a decision outcome with no flow, with two flows, a decision with one outcome, outcomes on a task', () => {
    const decision = (p: ContentPack) => proc(p).steps.find((s) => s.kind === 'decision')!;
    const p = pack();
    const d = decision(p);
    proc(p).flows = proc(p).flows.filter((f) => !(f.from === d.id && f.outcome === d.outcomes[1]!.id));
    expect(rules(p)).toContain('decision-outcome-unconnected');
    const q = pack();
    const dq = decision(q);
    const out = proc(q).flows.find((f) => f.from === dq.id)!;
    proc(q).flows.push({ ...out, id: 'f-twice' });
    expect(rules(q)).toEqual(['decision-outcome-ambiguous']);
    const r = pack();
    decision(r).outcomes.push({ id: 'maybe', label: { en: 'Maybe', nl: 'Misschien' } });
    expect(rules(r)).toEqual(['decision-outcome-unconnected']);
    const s = pack();
    const task = proc(s).steps.find((x) => x.kind === 'task')!;
    task.outcomes = [{ id: 'yes', label: { en: 'Yes', nl: 'Ja' } }];
    expect(rules(s)).toEqual(['outcomes-on-non-decision']);
    const t = pack();
    const dt = decision(t);
    const keep = dt.outcomes[0]!;
    dt.outcomes = [keep];
    proc(t).flows = proc(t).flows.filter((f) => !(f.from === dt.id && f.outcome !== keep.id));
    expect(rules(t)).toContain('decision-outcomes-too-few');
  });

  it('an unreachable step, two starts, no end', () => {
    const p = pack();
    const target = proc(p).steps.find((s) => s.kind === 'end')!;
    proc(p).flows = proc(p).flows.filter((f) => f.to !== target.id);
    expect(rules(p)).toContain('unreachable-step');
    const q = pack();
    proc(q).steps[1]!.kind = 'start';
    expect(rules(q)).toContain('start-count');
    const r = pack();
    for (const s of proc(r).steps) if (s.kind === 'end') s.kind = 'task';
    expect(rules(r)).toContain('end-missing');
  });
});
