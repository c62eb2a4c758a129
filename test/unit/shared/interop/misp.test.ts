import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMispEvent, type MispEvent } from '../../../../shared/interop/misp';
import { interopFileName, interopScope, interopUuid, type InteropContext } from '../../../../shared/interop/scope';
import { nis2ImpactSeverity, nis2SectorTags } from '../../../../shared/interop/taxonomies';
import { SEVERITY_DIMENSIONS, type Incident, type LogEntry, type Severity } from '../../../../shared/model/records';
import { TLP_LABELS } from '../../../../shared/model/tlp';
import { at, correction, entry, incident } from '../reports/builders';
import { incidentArb, logbookArb } from './generators';
import { VALID_TAGS, exclusivityProblems, mispProblems } from './publishedSchemas';

const CONTEXT: InteropContext = { organisation: 'NCSC Testland', country: 'NL', language: 'en', workspace: 'real' };

function exportMisp(inc: Incident, entries: readonly LogEntry[], includeRed = true, context: InteropContext = CONTEXT): MispEvent {
  const event = toMispEvent(interopScope(inc, entries, { includeRed, workspace: context.workspace }), context);
  if (event === null) throw new Error('nothing exported');
  // What is written to the file: a JSON round trip must not change it.
  return JSON.parse(JSON.stringify(event)) as MispEvent;
}

function allTags(event: MispEvent): string[] {
  return [...event.Event.Tag.map((t) => t.name), ...event.Event.Attribute.flatMap((a) => a.Tag.map((t) => t.name))];
}

const severity = (rated: Partial<Severity>): Severity => ({ ...Object.fromEntries(SEVERITY_DIMENSIONS.map((d) => [d, 'unknown'])), ...rated }) as Severity;

describe('MISP event: published schema and taxonomies', () => {
  it('validates against PyMISP schema.json with every TLP label, and tags only from the tlp and nis2 taxonomies', () => {
    for (const tlp of TLP_LABELS) {
      const inc = incident({ tlp, sectors: ['transport', 'Energie'], severity: severity({ services: 'very-high' }) });
      const event = exportMisp(inc, [entry({ text: 'Terminal down', tlp: 'CLEAR' }), entry({ kind: 'situation-report', text: 'SITREP 1', occurred: 30, tlp: 'CLEAR' })]);
      expect(mispProblems(event), tlp).toBe('');
      expect(event.Event.Tag[0]?.name).toBe(`tlp:${tlp.toLowerCase()}`);
      for (const tag of allTags(event)) expect(VALID_TAGS.has(tag), tag).toBe(true);
      expect(exclusivityProblems(event.Event.Tag.map((t) => t.name))).toEqual([]);
    }
  });

  it('a schema problem is reported (the validator can fail)', () => {
    const event = exportMisp(incident(), []);
    expect(mispProblems({ Event: { ...event.Event, threat_level_id: 1 } })).toContain('threat_level_id');
    expect(mispProblems({ Event: { info: 'x' } })).not.toBe('');
  });
});

describe('MISP event: mapping', () => {
  it('maps the incident onto the event fields', () => {
    const inc = incident({ escalation: 'large-scale-incident', status: 'closed', summary: 'Two operators down.' });
    const { Event } = exportMisp(inc, []);
    expect(Event).toMatchObject({
      uuid: interopUuid('incident', inc.id),
      info: inc.title,
      date: '2025-11-03',
      threat_level_id: '1',
      analysis: '2',
      distribution: '0',
      published: false,
      Orgc: { name: 'NCSC Testland' },
    });
    expect(Event.Attribute[0]).toMatchObject({ type: 'text', category: 'Other', value: 'Two operators down.', to_ids: false });
    expect(Event.EventReport[0]?.name).toBe(`Current assessment — ${inc.title}`);
    expect(Event.EventReport[0]?.content).toContain('**Escalation level:** Large-scale cybersecurity incident');
  });

  it('log entries become text attributes with their time of occurrence, kind, author and own TLP tag', () => {
    const e = entry({ kind: 'decision', text: 'Ask ENISA for support', tlp: 'AMBER', occurred: 45, author: 'J. Jansen, NCSC' });
    const { Event } = exportMisp(incident({ summary: '' }), [e]);
    expect(Event.Attribute).toHaveLength(1);
    expect(Event.Attribute[0]).toMatchObject({
      uuid: interopUuid('entry', e.id),
      value: 'Ask ENISA for support',
      first_seen: at(45),
      Tag: [{ name: 'tlp:amber' }],
    });
    expect(Event.Attribute[0]?.comment).toContain('Decision · J. Jansen, NCSC');
    // The event carries the most restrictive label in the file.
    expect(Event.Tag[0]?.name).toBe('tlp:amber');
  });

  it('situation reports become Markdown event reports whose text cannot turn into markup', () => {
    const text = 'SITREP 2\n```\n# not a heading\n- not a list';
    const e = entry({ kind: 'situation-report', text, occurred: 60 });
    const { Event } = exportMisp(incident(), [e]);
    const report = Event.EventReport.find((r) => r.uuid === interopUuid('entry', e.id));
    expect(report?.name).toBe(`Situation report — ${at(60)}`);
    // The text sits verbatim inside a fence longer than any backtick run in it.
    expect(report?.content).toContain(`\`\`\`\`text\n${text}\n\`\`\`\``);
    expect(Event.Attribute.some((a) => a.value === text)).toBe(false);
  });

  it('uses corrected text, leaves withdrawn entries out', () => {
    const a = entry({ text: 'Three terminals down', occurred: 10 });
    const b = entry({ text: 'Entered in the wrong incident', occurred: 20 });
    const { Event } = exportMisp(incident({ summary: '' }), [a, correction(a, 'correction', 30, 'Four terminals down'), b, correction(b, 'withdrawal', 40)]);
    expect(Event.Attribute.map((x) => x.value)).toEqual(['Four terminals down']);
    expect(Event.Attribute[0]?.uuid).toBe(interopUuid('entry', a.id));
    expect(Event.Attribute[0]?.comment).toContain('corrected');
  });

  it('is deterministic: the same incident gives the same event (a re-export updates it in MISP)', () => {
    const entries = [entry({ occurred: 5 }), entry({ kind: 'situation-report', occurred: 9 })];
    expect(exportMisp(incident(), entries)).toEqual(exportMisp(incident(), [...entries].reverse()));
  });

  it('marks exercise data in info and the reports, and in the file name', () => {
    const context: InteropContext = { ...CONTEXT, workspace: 'exercise' };
    const inc = incident({ workspace: 'exercise' });
    const { Event } = exportMisp(inc, [], true, context);
    expect(Event.info).toBe(`EXERCISE — OEFENING: ${inc.title}`);
    expect(Event.EventReport[0]?.content).toContain('EXERCISE — OEFENING');
    expect(interopFileName('exercise', 'BLUE HARBOUR — ransomware at port logistics operators', 'misp')).toBe('EXERCISE-incident-blue-harbour-ransomware-at-port-logistics-operators-misp.json');
    expect(interopFileName('real', 'Ünïcödé ⚓', 'stix')).toBe('incident-unicode-stix.json');
  });

  it('leaves RED out unless asked, and exports nothing for a RED incident without it', () => {
    const red = entry({ text: 'Name of the source', tlp: 'RED' });
    const scope = interopScope(incident(), [entry(), red], { includeRed: false, workspace: 'real' });
    expect(scope.leftOutRed).toBe(1);
    expect(scope.highestTlp).toBe('GREEN');
    expect(toMispEvent(scope, CONTEXT)?.Event.Attribute.map((a) => a.value)).not.toContain('Name of the source');
    expect(toMispEvent(interopScope(incident({ tlp: 'RED' }), [], { includeRed: false, workspace: 'real' }), CONTEXT)).toBeNull();
    expect(interopScope(incident(), [entry({ tlp: 'AMBER+STRICT' })], { includeRed: false, workspace: 'real' }).needsConfirmation).toBe(true);
  });
});

describe('nis2 taxonomy mapping', () => {
  // Legend: highest real-world rating → impact-severity value; medium and unknown have none.
  it.each([
    [{}, null],
    [{ services: 'none' }, 'white'],
    [{ services: 'low', financial: 'none' }, 'green'],
    [{ entities: 'medium' }, null],
    [{ otherServices: 'high', services: 'low' }, 'yellow'],
    [{ financial: 'very-high' }, 'red'],
    [{ political: 'very-high', reputational: 'high' }, null],
  ] as const)('severity %j → %s', (rated, expected) => {
    expect(nis2ImpactSeverity(incident({ severity: severity(rated) }))).toBe(expected);
  });

  it('maps sector words in English and Dutch, with subsectors and their sector, once each', () => {
    expect(nis2SectorTags(['Transport', 'havens', 'Elektriciteit', 'energy', 'unknown sector'])).toEqual([
      'nis2:impact-sectors-impacted="energy"',
      'nis2:impact-sectors-impacted="transport"',
      'nis2:impact-subsectors-impacted="electricity"',
      'nis2:impact-subsectors-impacted="water"',
    ]);
    expect(nis2SectorTags([])).toEqual([]);
  });
});

describe('MISP event: properties', () => {
  it('always validates, with valid and non-conflicting taxonomy tags, for generated incidents and logbooks', () => {
    const arb = incidentArb().chain((inc) => fc.tuple(fc.constant(inc), logbookArb(inc.workspace), fc.boolean()));
    fc.assert(
      fc.property(arb, ([inc, entries, includeRed]) => {
        const scope = interopScope(inc, entries, { includeRed, workspace: inc.workspace });
        const event = toMispEvent(scope, { ...CONTEXT, workspace: inc.workspace });
        if (event === null) return inc.tlp === 'RED' && !includeRed;
        const written = JSON.parse(JSON.stringify(event)) as MispEvent;
        expect(mispProblems(written)).toBe('');
        for (const tag of allTags(written)) expect(VALID_TAGS.has(tag), tag).toBe(true);
        expect(exclusivityProblems(written.Event.Tag.map((t) => t.name))).toEqual([]);
        expect(written.Event.Tag[0]?.name).toBe(`tlp:${scope.highestTlp.toLowerCase()}`);
        if (!includeRed) expect(allTags(written)).not.toContain('tlp:red');
        if (inc.workspace === 'exercise') expect(written.Event.info.startsWith('EXERCISE — OEFENING')).toBe(true);
        const uuids = [...written.Event.Attribute, ...written.Event.EventReport].map((x) => x.uuid);
        expect(new Set(uuids).size).toBe(uuids.length);
        return true;
      }),
      { numRuns: 150 },
    );
  });
});
