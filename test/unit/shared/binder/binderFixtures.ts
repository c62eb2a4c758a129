/**
 * Records for the binder tests: built-in procedures with their real chart layouts, a directory
 * with Dutch, Greek and Polish names (and organisations to group them), and a call tree.
 */
import type { z } from 'zod';
import type { BinderInput, BinderProcedure } from '../../../../shared/binder/binderDocument';
import { BUILTIN_PACK } from '../../../../shared/content/builtinPack';
import { formatHlc } from '../../../../shared/journal/hlc';
import { newRecordId } from '../../../../shared/model/ids';
import { CallTreeSchema, ContactSchema, ProcedureSchema, type CallTree, type Contact, type Procedure } from '../../../../shared/model/records';
import type { Tlp } from '../../../../shared/model/tlp';
import { layoutProcedure } from '../../../../shared/procedures/layout';

const origin = newRecordId();

export function meta(tlp: Tlp = 'GREEN', updatedAt = '2026-03-10T08:00:00.000Z') {
  return {
    id: newRecordId(),
    workspace: 'real' as const,
    origin,
    tlp,
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt,
    hlc: formatHlc({ millis: Date.parse(updatedAt), counter: 0, node: origin }),
    deleted: false,
  };
}

/** The built-in procedures as records (the first `count`). */
export function packProcedures(count: number, tlp: Tlp = 'CLEAR'): Procedure[] {
  return BUILTIN_PACK.procedures.slice(0, count).map((p, i) =>
    ProcedureSchema.parse({
      ...meta(tlp, `2026-03-1${i}T09:00:00.000Z`),
      ...p,
      pack: { id: BUILTIN_PACK.manifest.id, version: BUILTIN_PACK.manifest.version },
    }),
  );
}

export async function withLayouts(procedures: readonly Procedure[]): Promise<BinderProcedure[]> {
  return Promise.all(procedures.map(async (procedure) => ({ procedure, layout: await layoutProcedure(procedure, { language: 'en' }) })));
}

export function contact(overrides: Partial<z.input<typeof ContactSchema>> & { readonly name: string }): Contact {
  return ContactSchema.parse({
    ...meta(overrides.tlp ?? 'GREEN'),
    kind: 'person',
    organisation: '',
    country: 'NL',
    roles: [],
    level: 'operational',
    channels: [
      { type: 'mobile', value: '+31 6 1234 5678', note: '', tier: 'primary', failAfterMinutes: 10, onFailure: 'Leave a message, then next' },
      { type: 'landline', value: '+31 70 123 4567', note: '' },
      { type: 'in-person', value: 'Turfmarkt 147, Den Haag', note: '' },
    ],
    ...overrides,
  });
}

/** A directory: two organisations with their people, people of an organisation not listed, and one without any. */
export function directory(): Contact[] {
  const ncsc = contact({ kind: 'organisation', name: 'NCSC-NL', organisationType: 'csirt' });
  const gr = contact({ kind: 'organisation', name: 'Εθνική Αρχή Κυβερνοασφάλειας', country: 'EL', organisationType: 'cyber-crisis-authority' });
  return [
    gr,
    contact({ name: 'Zoë IJzerman', organisation: 'NCSC-NL', organisationId: ncsc.id, position: 'Duty officer', roles: ['liaison-officer'] }),
    ncsc,
    contact({ name: 'Γιώργος Παπαδόπουλος', organisation: gr.name, organisationId: gr.id, country: 'EL', position: 'Διευθυντής' }),
    contact({ name: 'Ingrid van IJsselstein', organisation: 'NCSC-NL', organisationId: ncsc.id, tlp: 'AMBER' }),
    contact({ name: 'Łukasz Żółkiewski', organisation: 'CERT Polska', country: 'PL' }),
    contact({ name: 'Ángel Ávila', organisation: '' , country: 'ES' }),
  ];
}

export function callTree(contacts: readonly Contact[], tlp: Tlp = 'GREEN'): CallTree {
  const people = contacts.filter((c) => c.kind === 'person');
  return CallTreeSchema.parse({
    ...meta(tlp),
    name: 'National cyber crisis team',
    purpose: 'Activation of the national cyber crisis team',
    nodes: people.slice(0, 4).map((c, i) => ({ id: `n${i}`, contactId: c.id, parent: i === 0 ? null : i === 3 ? 'n1' : 'n0', order: i, note: i === 0 ? 'Starts the round' : '' })),
  });
}

export function input(overrides: Partial<BinderInput> = {}): BinderInput {
  return {
    language: 'en',
    timeZone: 'UTC',
    organisation: 'Nationaal Cyber Security Centrum',
    madeAt: '2026-11-23T20:00:00.000Z',
    workspace: 'real',
    tlp: null,
    procedures: [],
    callTrees: [],
    walletCards: false,
    directory: false,
    contacts: [],
    ...overrides,
  };
}
