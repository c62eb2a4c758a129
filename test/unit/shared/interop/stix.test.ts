import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interopScope, interopUuid, type InteropContext } from '../../../../shared/interop/scope';
import { TLP2_EXTENSION_ID, TLP2_MARKING_IDS, toStixBundle, type StixBundle } from '../../../../shared/interop/stix';
import type { Incident, LogEntry } from '../../../../shared/model/records';
import { TLP_LABELS } from '../../../../shared/model/tlp';
import { at, correction, entry, incident } from '../reports/builders';
import { incidentArb, logbookArb } from './generators';
import { stixProblems } from './publishedSchemas';

const CONTEXT: InteropContext = { organisation: 'NCSC Testland', country: 'NL', language: 'en', workspace: 'real' };

type Obj = Record<string, unknown> & { type: string; id: string };

function exportStix(inc: Incident, entries: readonly LogEntry[], includeRed = true, context: InteropContext = CONTEXT): StixBundle {
  const bundle = toStixBundle(interopScope(inc, entries, { includeRed, workspace: context.workspace }), context);
  if (bundle === null) throw new Error('nothing exported');
  return JSON.parse(JSON.stringify(bundle)) as StixBundle;
}

const objects = (bundle: StixBundle) => bundle.objects as unknown as Obj[];
const ofType = (bundle: StixBundle, type: string) => objects(bundle).filter((o) => o.type === type);

/** Every reference in the bundle points at an object in the bundle. */
function danglingRefs(bundle: StixBundle): string[] {
  const ids = new Set(objects(bundle).map((o) => o.id));
  const refs = objects(bundle).flatMap((o) => [
    ...(typeof o['created_by_ref'] === 'string' ? [o['created_by_ref']] : []),
    ...((o['object_marking_refs'] as string[] | undefined) ?? []),
    ...((o['object_refs'] as string[] | undefined) ?? []),
  ]);
  return refs.filter((r) => !ids.has(r));
}

describe('STIX bundle: published schemas', () => {
  it('validates against the STIX 2.1 and TLP 2.0 schemas with every TLP label', () => {
    for (const tlp of TLP_LABELS) {
      const bundle = exportStix(incident({ tlp }), [entry({ tlp, text: 'Terminal down' }), entry({ kind: 'situation-report', tlp, text: 'SITREP 1', occurred: 30 })]);
      expect(stixProblems(bundle), tlp).toBe('');
      expect(danglingRefs(bundle)).toEqual([]);
    }
  });

  it('a schema problem is reported (the validator can fail)', () => {
    const bundle = exportStix(incident(), []);
    const [first, ...rest] = objects(bundle);
    expect(stixProblems({ ...bundle, objects: [{ ...first, id: 'marking-definition--not-a-uuid' }, ...rest] })).not.toBe('');
    const inc = ofType(bundle, 'incident')[0];
    expect(stixProblems({ ...bundle, objects: [{ ...inc, created: '2025-11-03T08:00:00Z' }] })).toContain('/created must match pattern');
    expect(stixProblems({ ...bundle, objects: [{ ...inc, name: undefined }] })).toContain('name');
  });
});

describe('STIX bundle: mapping', () => {
  it('holds the authority, the incident, the assessment note and the published TLP 2.0 markings', () => {
    const inc = incident({ tlp: 'AMBER', escalation: 'cyber-crisis', status: 'recovery' });
    const bundle = exportStix(inc, []);
    const incidentId = `incident--${interopUuid('incident', inc.id)}`;
    expect(ofType(bundle, 'identity')[0]).toMatchObject({ name: 'NCSC Testland', identity_class: 'organization' });
    expect(ofType(bundle, 'incident')[0]).toMatchObject({
      id: incidentId,
      name: inc.title,
      description: inc.summary,
      labels: ['cyber-crisis', 'recovery'],
      created: at(0),
      object_marking_refs: [TLP2_MARKING_IDS.AMBER],
    });
    expect(ofType(bundle, 'note')[0]).toMatchObject({ abstract: 'Current assessment', object_refs: [incidentId] });
    expect(ofType(bundle, 'note')[0]?.['content']).toContain('Escalation level: Cyber crisis');
    expect(ofType(bundle, 'marking-definition')).toContainEqual({
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
      created: '2022-10-01T00:00:00.000Z',
      name: 'TLP:AMBER',
      extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: 'amber' } },
    });
  });

  it('situation reports become reports, other entries notes, each with its own marking and the corrected text', () => {
    const sitrep = entry({ kind: 'situation-report', text: 'SITREP 1', occurred: 60, tlp: 'AMBER+STRICT' });
    const obs = entry({ text: 'Three terminals down', occurred: 10, author: 'J. Jansen' });
    const bundle = exportStix(incident(), [sitrep, obs, correction(obs, 'correction', 30, 'Four terminals down')]);
    expect(ofType(bundle, 'report')).toHaveLength(1);
    expect(ofType(bundle, 'report')[0]).toMatchObject({
      id: `report--${interopUuid('entry', sitrep.id)}`,
      description: 'SITREP 1',
      published: at(60),
      report_types: ['threat-report'],
      object_marking_refs: [TLP2_MARKING_IDS['AMBER+STRICT']],
    });
    const note = ofType(bundle, 'note').find((n) => n.id === `note--${interopUuid('entry', obs.id)}`);
    expect(note).toMatchObject({ content: 'Four terminals down', authors: ['B. Checker, CSIRT'], created: at(10), modified: at(30) });
    expect(note?.['abstract']).toBe(`${at(10)} · Observation · corrected`);
  });

  it('is deterministic and carries only the markings it uses', () => {
    const entries = [entry({ occurred: 5, tlp: 'GREEN' }), entry({ kind: 'situation-report', occurred: 9, tlp: 'GREEN' })];
    const a = exportStix(incident({ tlp: 'GREEN' }), entries);
    expect(a).toEqual(exportStix(incident({ tlp: 'GREEN' }), [...entries].reverse()));
    expect(ofType(a, 'marking-definition').map((m) => m['name'])).toEqual(['TLP:CLEAR', 'TLP:GREEN']);
  });

  it('marks exercise data', () => {
    const inc = incident({ workspace: 'exercise' });
    const bundle = exportStix(inc, [], true, { ...CONTEXT, workspace: 'exercise' });
    expect(ofType(bundle, 'incident')[0]).toMatchObject({ name: `EXERCISE — OEFENING: ${inc.title}`, labels: ['significant-incident', 'open', 'exercise'] });
  });
});

describe('STIX bundle: properties', () => {
  it('always validates, references resolve and ids are unique, for generated incidents and logbooks', () => {
    const arb = incidentArb().chain((inc) => fc.tuple(fc.constant(inc), logbookArb(inc.workspace), fc.boolean()));
    fc.assert(
      fc.property(arb, ([inc, entries, includeRed]) => {
        const bundle = toStixBundle(interopScope(inc, entries, { includeRed, workspace: inc.workspace }), { ...CONTEXT, workspace: inc.workspace });
        if (bundle === null) return inc.tlp === 'RED' && !includeRed;
        const written = JSON.parse(JSON.stringify(bundle)) as StixBundle;
        expect(stixProblems(written)).toBe('');
        expect(danglingRefs(written)).toEqual([]);
        const ids = objects(written).map((o) => o.id);
        expect(new Set(ids).size).toBe(ids.length);
        if (!includeRed) expect(ids).not.toContain(TLP2_MARKING_IDS.RED);
        return true;
      }),
      { numRuns: 150 },
    );
  });
});
