/**
 * The crisis binder's document (shared/binder/binderDocument.ts): what it holds and in which order,
 * the TLP label it carries, how the directory is sorted and grouped, and what it refuses.
 */
import { describe, expect, it } from 'vitest';
import {
  binderContentTlp,
  buildBinder,
  chartPlacement,
  directoryGroups,
  stepTimeLimits,
  type BinderDocument,
  type BinderInput,
} from '../../../../shared/binder/binderDocument';
import { binderText, printable } from '../../../../shared/binder/binderText';
import { pageOfText } from '../../../../shared/binder/binderPdf';
import type { Content } from '../../../../shared/binder/pdfTypes';
import { callTree, contact, directory, input, packProcedures, withLayouts } from './binderFixtures';

function built(i: BinderInput): BinderDocument {
  const result = buildBinder(i);
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}`);
  return result.document;
}

/** Every string of a content tree, in document order. */
function texts(content: Content): string[] {
  if (typeof content === 'string') return [content];
  if (Array.isArray(content)) return content.flatMap(texts);
  const out: string[] = [];
  if (typeof content.text === 'string') out.push(content.text);
  else if (content.text) out.push(content.text.flatMap(texts).join(''));
  for (const list of [content.stack, content.ul, content.ol, content.columns]) if (list) out.push(...list.flatMap(texts));
  if (content.table) out.push(...content.table.body.flat().flatMap(texts));
  return out;
}

describe('buildBinder', () => {
  it('refuses an empty selection with a reason instead of making an empty PDF', () => {
    expect(buildBinder(input())).toEqual({ ok: false, refusal: { code: 'binder-nothing-chosen' } });
    // Cards and directory asked for, but the directory is empty: still nothing to print.
    expect(buildBinder(input({ walletCards: true, directory: true, contacts: [] }))).toEqual({ ok: false, refusal: { code: 'binder-nothing-chosen' } });
  });

  it('puts cover, contents, procedures, call trees, wallet cards and directory in that order', async () => {
    const contacts = directory();
    const doc = built(input({ procedures: await withLayouts(packProcedures(2)), callTrees: [callTree(contacts)], walletCards: true, directory: true, contacts }));
    const all = texts(doc.definition.content);
    const at = (s: string) => all.indexOf(s);
    expect(at('Crisis binder')).toBeGreaterThanOrEqual(0);
    const first = packProcedures(1)[0]!.title.en;
    const order = ['Crisis binder', 'Contents', 'Procedures', first, `Steps — ${first}`, 'Call trees', 'National cyber crisis team', 'Wallet cards', 'Contact directory'];
    const positions = order.map(at);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The contents lists the sections and each procedure and call tree.
    expect(doc.headings).toEqual(['Procedures', packProcedures(2)[0]!.title.en, packProcedures(2)[1]!.title.en, 'Call trees', 'National cyber crisis team', 'Wallet cards', 'Contact directory']);
    expect(doc.definition.content.some((c) => typeof c === 'object' && !Array.isArray(c) && c.toc !== undefined)).toBe(true);
  });

  it('prints each procedure with its sources, its chart and its steps with actor and citations', async () => {
    const [procedure] = await withLayouts(packProcedures(1));
    const doc = built(input({ procedures: [procedure!] }));
    const all = texts(doc.definition.content);
    const p = procedure!.procedure;
    expect(all).toContain(`Sources: ${p.citations.join(', ')}`);
    const svgs = JSON.stringify(doc.definition.content).match(/<svg /g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(1);
    const firstStep = p.steps.find((s) => s.kind === 'start')!;
    expect(all.some((t) => t.startsWith(`${firstStep.title.en}  start`))).toBe(true);
    expect(all.some((t) => t.startsWith('Actor: '))).toBe(true);
    expect(all.some((t) => t.startsWith('Sources: pt'))).toBe(true);
  });

  it('says when a chart could not be drawn and still prints the steps', () => {
    const doc = built(input({ procedures: [{ procedure: packProcedures(1)[0]!, layout: null }] }));
    const all = texts(doc.definition.content);
    expect(all).toContain('The chart could not be drawn; follow the steps on the next page.');
    expect(all.some((t) => t.startsWith('Steps — '))).toBe(true);
  });

  it('labels the binder with the most restrictive TLP of its content by default', async () => {
    const contacts = directory();
    const doc = built(input({ procedures: await withLayouts(packProcedures(1, 'GREEN')), directory: true, contacts }));
    // One contact is AMBER.
    expect(doc.contentTlp).toBe('AMBER');
    expect(doc.tlp).toBe('AMBER');
    expect(doc.running.tlp).toBe('AMBER');
  });

  it('refuses a label below the content without confirmation, and takes it with', () => {
    const contacts = [contact({ name: 'Red Person', tlp: 'RED' })];
    const base = input({ directory: true, contacts, tlp: 'AMBER' });
    expect(buildBinder(base)).toEqual({ ok: false, refusal: { code: 'binder-tlp-below-content', contentTlp: 'RED', chosenTlp: 'AMBER' } });
    expect(built({ ...base, confirmedLowerTlp: true }).tlp).toBe('AMBER');
    // A higher label than the content needs no confirmation.
    expect(built(input({ directory: true, contacts: [contact({ name: 'A', tlp: 'GREEN' })], tlp: 'RED' })).tlp).toBe('RED');
  });

  it('counts only what it prints towards the label', () => {
    const secret = contact({ name: 'Not in a tree', tlp: 'RED' });
    const people = [contact({ name: 'In the tree', tlp: 'GREEN' }), secret];
    const tree = callTree([people[0]!]);
    expect(binderContentTlp({ procedures: [], callTrees: [tree], walletCards: true, directory: false, contacts: people })).toBe('GREEN');
    expect(binderContentTlp({ procedures: [], callTrees: [tree], walletCards: true, directory: true, contacts: people })).toBe('RED');
  });

  it('marks the exercise workspace on the cover and in the running header', () => {
    const doc = built(input({ workspace: 'exercise', directory: true, contacts: directory() }));
    expect(doc.running.exercise).toBe('EXERCISE — OEFENING');
    expect(texts(doc.definition.content)).toContain('EXERCISE — OEFENING');
    expect(built(input({ directory: true, contacts: directory() })).running.exercise).toBeNull();
  });

  it('gives the version as the moment made and the latest change it contains, in the language', () => {
    const doc = built(input({ directory: true, contacts: directory(), language: 'nl' }));
    expect(doc.running.version).toBe('Versie 23 nov 2026, 20:00 (laatste wijziging 10 mrt 2026)');
    expect(pageOfText(doc.running, 3, 12)).toBe('Pagina 3 van 12');
    expect(doc.running.title).toBe('Crisismap — Nationaal Cyber Security Centrum');
  });

  it('prints the call tree in calling order, with the caller and every channel in PACE order', () => {
    const contacts = directory();
    const tree = callTree(contacts);
    const all = texts(built(input({ callTrees: [tree], contacts })).definition.content);
    const people = contacts.filter((c) => c.kind === 'person');
    // n0 calls n1 and n2; n1 calls n3: depth first, n3 is called third.
    const rows = [people[0]!.name, people[1]!.name, people[3]!.name, people[2]!.name].map((n) => all.indexOf(n));
    expect(rows.every((r) => r >= 0)).toBe(true);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    expect(all).toContain('The desk');
    expect(all).toContain(`2. ${people[1]!.name}`);
    expect(all).toContain('P  Mobile: +31 6 1234 5678 — give up after 10 min; Leave a message, then next');
    expect(all).toContain('A  Landline: +31 70 123 4567');
  });

  it('makes wallet cards for the people of the call trees, eight to a sheet', () => {
    const many = Array.from({ length: 9 }, (_, i) => contact({ name: `Person ${i + 1}` }));
    const tree = callTree(many.slice(0, 4));
    const doc = built(input({ callTrees: [tree], walletCards: true, contacts: many }));
    const sheets = doc.definition.content.filter((c) => typeof c === 'object' && !Array.isArray(c) && c.layout === 'binderCutLines');
    expect(sheets).toHaveLength(1);
    // Without call trees, everyone gets a card: 9 cards take two sheets.
    const all = built(input({ walletCards: true, contacts: many }));
    expect(all.definition.content.filter((c) => typeof c === 'object' && !Array.isArray(c) && c.layout === 'binderCutLines')).toHaveLength(2);
  });
});

describe('directoryGroups', () => {
  it('groups by organisation in the language’s collation, the organisation first, people without one last', () => {
    const contacts = directory();
    const groups = directoryGroups(contacts, binderText('nl').compare);
    expect(groups.map((g) => g.name)).toEqual(['CERT Polska', 'NCSC-NL', 'Εθνική Αρχή Κυβερνοασφάλειας', null]);
    const ncsc = groups[1]!;
    expect(ncsc.organisation?.name).toBe('NCSC-NL');
    // Dutch collation: "Ingrid van IJsselstein" before "Zoë IJzerman"; accents do not push names to the end.
    expect(ncsc.people.map((p) => p.name)).toEqual(['Ingrid van IJsselstein', 'Zoë IJzerman']);
    expect(groups[3]!.people.map((p) => p.name)).toEqual(['Ángel Ávila']);
  });

  it('sorts accented names with their letter, not after z', () => {
    const names = ['Zeeman', 'Émile', 'Andersen', 'Ørsted', 'Łukasz'].map((name) => contact({ name, organisation: 'X' }));
    const [group] = directoryGroups(names, binderText('en').compare);
    expect(group!.people.map((p) => p.name)).toEqual(['Andersen', 'Émile', 'Łukasz', 'Ørsted', 'Zeeman']);
  });
});

describe('helpers', () => {
  it('fits a wide chart on a landscape page and a tall one on a portrait page, never enlarged', () => {
    expect(chartPlacement(3000, 600).orientation).toBe('landscape');
    expect(chartPlacement(400, 1600).orientation).toBe('portrait');
    const small = chartPlacement(300, 200);
    expect(small).toMatchObject({ width: 300, height: 200 });
    const wide = chartPlacement(3000, 600);
    expect(wide.width).toBeLessThanOrEqual(841.89 - 84);
  });

  it('finds the time limit of a step that cites the point a clock comes from', () => {
    expect(stepTimeLimits({ citations: ['pt. 55(b)(v)'] }, 'en')).toEqual(['24 hours — EU Cybersecurity Reserve: services deployed']);
    expect(stepTimeLimits({ citations: ['pt. 12'] }, 'en')).toEqual([]);
  });

  it('drops what no PDF can print and keeps every script', () => {
    expect(printable('a\u0000b\u0007c\ud800d')).toBe('abcd');
    expect(printable('Γιώργος Łukasz Zoë <b>&amp;</b> 😀')).toBe('Γιώργος Łukasz Zoë <b>&amp;</b> 😀');
  });
});
