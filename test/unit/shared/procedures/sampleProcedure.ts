/** A small but complete national procedure used by the procedure tests: three lanes on three levels, a decision, a report and an information flow. */
import { ProcedureContentSchema, type ProcedureContent } from '../../../../shared/model/procedure';

export function sampleContent(): ProcedureContent {
  return ProcedureContentSchema.parse({
    scope: 'national',
    country: 'NL',
    title: { en: 'National escalation "Delta" <test> & co', nl: 'Nationale opschaling "Delta" <test> & co' },
    summary: { en: 'From detection to the minister.', nl: 'Van detectie tot de minister.' },
    citations: ['pt. 55(a)(ii)'],
    lanes: [
      { id: 'csirt', actor: 'csirt-nl', level: 'technical', label: { en: 'National CSIRT', nl: 'Nationaal CSIRT' } },
      { id: 'nca', actor: 'nca-nl', level: 'operational', label: { en: 'Crisis authority', nl: 'Crisisautoriteit' }, roles: ['liaison-officer'] },
      { id: 'min', actor: 'minister-nl', level: 'political', label: { en: 'Minister', nl: 'Minister' } },
    ],
    steps: [
      { id: 'start', lane: 'csirt', kind: 'start', title: { en: 'Incident detected', nl: 'Incident gedetecteerd' }, text: { en: '', nl: '' }, citations: [] },
      { id: 'assess', lane: 'csirt', kind: 'task', title: { en: 'Assess [impact]', nl: 'Impact {beoordelen}' }, text: { en: 'Assess impact.\nUse the #1 matrix.', nl: 'Beoordeel de impact.' }, citations: ['pt. 49'], checklist: [{ en: 'Scope known', nl: 'Omvang bekend' }] },
      {
        id: 'escalate',
        lane: 'nca',
        kind: 'decision',
        title: { en: 'Escalate?', nl: 'Opschalen?' },
        text: { en: 'Decide whether to escalate.', nl: 'Besluit of wordt opgeschaald.' },
        citations: [],
        outcomes: [
          { id: 'yes', label: { en: 'Yes', nl: 'Ja' } },
          { id: 'no', label: { en: 'No', nl: 'Nee' } },
        ],
      },
      { id: 'sitrep', lane: 'nca', kind: 'report', title: { en: 'Situation report', nl: 'Situatierapport' }, text: { en: 'Write the sitrep.', nl: 'Schrijf het situatierapport.' }, citations: [], reports: [{ en: 'Situation report', nl: 'Situatierapport' }] },
      { id: 'brief', lane: 'min', kind: 'task', title: { en: 'Brief the minister', nl: 'Minister informeren' }, text: { en: 'Brief.', nl: 'Informeer.' }, citations: [] },
      { id: 'end', lane: 'min', kind: 'end', title: { en: 'Done', nl: 'Klaar' }, text: { en: '', nl: '' }, citations: [] },
      { id: 'close', lane: 'csirt', kind: 'end', title: { en: 'Closed', nl: 'Gesloten' }, text: { en: '', nl: '' }, citations: [] },
    ],
    flows: [
      { id: 'f1', from: 'start', to: 'assess', kind: 'sequence' },
      { id: 'f2', from: 'assess', to: 'escalate', kind: 'sequence' },
      { id: 'f3', from: 'escalate', to: 'sitrep', kind: 'sequence', outcome: 'yes' },
      { id: 'f4', from: 'escalate', to: 'close', kind: 'sequence', outcome: 'no' },
      { id: 'f5', from: 'sitrep', to: 'brief', kind: 'sequence' },
      { id: 'f6', from: 'brief', to: 'end', kind: 'sequence' },
      { id: 'f7', from: 'sitrep', to: 'brief', kind: 'information', label: { en: 'Sitrep "v1"', nl: 'Sitrep "v1"' } },
    ],
  });
}
