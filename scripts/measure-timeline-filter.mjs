// Measures the logbook timeline's filter on 100,000 entries (issue 4: "filtering 100,000 entries
// should take well under 100 ms"). Not a test: it prints figures and asserts nothing, because
// timings depend on the machine. Run: node scripts/measure-timeline-filter.mjs [entries]
//
// shared/logbook/timelineFilter.ts is bundled for Node with Vite's JS API (as build-cli.mjs does)
// into a temporary directory, so the very code the app runs is measured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const count = Number(process.argv[2] ?? 100_000);
const outDir = mkdtempSync(join(tmpdir(), 'timeline-filter-'));

try {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    envDir: false,
    build: {
      outDir,
      target: 'node20',
      emptyOutDir: true, // a fresh temporary directory of our own
      minify: false,
      reportCompressedSize: false,
      ssr: resolve(root, 'shared/logbook/timelineFilter.ts'),
      rolldownOptions: { output: { format: 'es', entryFileNames: 'timelineFilter.mjs' } },
    },
  });
  const { indexTimeline, filterTimeline, sortTimeline, prepareSearch, EMPTY_TIMELINE_FILTER } = await import(pathToFileURL(join(outDir, 'timelineFilter.mjs')).href);

  // A seeded generator (mulberry32), so every run measures the same logbook.
  let seed = 0x5eed;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const kinds = ['observation', 'decision', 'action', 'communication-in', 'communication-out', 'situation-report', 'handover', 'escalation'];
  const tlps = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];
  const authors = Array.from({ length: 40 }, (_, i) => `Officer ${i + 1}, ${pick(['NCSC-NL', 'CERT.PL', 'CCB België', 'GR-CSIRT', 'BSI'])}`);
  // Mostly English and Dutch, an accented word now and then, one entry in twenty in Polish or
  // Greek: roughly what a logbook of a member state exchanging with its neighbours holds.
  const latin = ['terminal', 'ransomware', 'port', 'outage', 'CSIRT', 'EU-CyCLONe', 'escalation', 'fuel', 'recovery', 'backup', 'indicators', 'telephone', 'courier', 'shift', 'the', 'of', 'and', 'at', 'operator', 'confirmed', 'systems', 'haven', 'storing', 'besluit', 'netwerk', 'melding', 'container', 'handling', 'delayed', 'contact', 'point', 'notified', 'situation', 'report', 'partners', 'sector', 'energy', 'transport', 'logistics', 'restored'];
  const accented = ['geïnformeerd', 'coördinatie', 'één', 'café', 'België', 'Überwachung'];
  const foreign = ['Gdańsk', 'Łódź', 'Świnoujście', 'potwierdzony', 'Αθήνα', 'Πειραιάς', 'Ενημερώθηκε', 'λιμάνι'];
  const sentence = () => {
    const foreignEntry = random() < 0.05;
    return Array.from({ length: 10 + Math.floor(random() * 30) }, () => {
      const r = random();
      return foreignEntry && r < 0.5 ? pick(foreign) : r < 0.05 ? pick(accented) : pick(latin);
    }).join(' ');
  };
  const t0 = Date.parse('2026-03-01T00:00:00.000Z');
  const entries = Array.from({ length: count }, (_, i) => {
    const occurred = new Date(t0 + i * 20_000).toISOString();
    return {
      id: `01JC${String(i).padStart(22, '0')}`,
      kind: pick(kinds),
      tlp: pick(tlps),
      author: pick(authors),
      text: sentence(),
      occurredAt: occurred,
      createdAt: occurred,
      corrects: null,
      retrospective: null,
      attachments: [],
      classified: null,
    };
  });

  const time = (fn, runs = 7) => {
    const ms = [];
    let result;
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      result = fn();
      ms.push(performance.now() - start);
    }
    ms.sort((a, b) => a - b);
    return { median: ms[Math.floor(runs / 2)], min: ms[0], max: ms[runs - 1], result };
  };
  const show = (label, { median, min, max, result }) =>
    console.log(`${label.padEnd(58)} median ${median.toFixed(1).padStart(6)} ms  (min ${min.toFixed(1)}, max ${max.toFixed(1)})${Array.isArray(result) ? `  → ${result.length} shown` : ''}`);

  console.log(`Timeline filter on ${count.toLocaleString('en')} entries, Node ${process.version}`);
  show('sortTimeline (already in order: one checking pass)', time(() => sortTimeline(entries)));
  const index = indexTimeline(entries);
  const f = (criteria) => ({ ...EMPTY_TIMELINE_FILTER, ...criteria });
  // The first text search folds every entry once; later searches reuse the folds.
  show('first text search (folds every entry, once per timeline)', time(() => filterTimeline(indexTimeline(entries), f({ text: 'lodz' })), 3));
  show('prepareSearch, one idle-time chunk of 5,000 entries', time(() => prepareSearch(indexTimeline(entries), 5_000)));
  prepareSearch(index);
  show('text "lodz" (diacritic-insensitive, rare)', time(() => filterTimeline(index, f({ text: 'lodz' }))));
  show('text "port" (common word)', time(() => filterTimeline(index, f({ text: 'port' }))));
  show('text "geinformeerd overwachung" (two words, no match)', time(() => filterTimeline(index, f({ text: 'geinformeerd overwachung' }))));
  show('text "αθηνα" (Greek, rare)', time(() => filterTimeline(index, f({ text: 'αθηνα' }))));
  // After a write the live query delivers a new list: its index takes the folds over.
  const withOneMore = [...entries, { ...entries[0], id: '01JCZZZZZZZZZZZZZZZZZZZZZZ', occurredAt: '2027-01-01T00:00:00.000Z', text: 'one more' }];
  show('text search on the next list (one entry more, folds reused)', time(() => filterTimeline(indexTimeline(withOneMore, index), f({ text: 'lodz' }))));
  show('kind decision', time(() => filterTimeline(index, f({ kinds: ['decision'] }))));
  show('TLP RED + author', time(() => filterTimeline(index, f({ tlps: ['RED'], author: authors[3] }))));
  show('period (one day)', time(() => filterTimeline(index, f({ from: '2026-03-05T00:00:00.000Z', until: '2026-03-06T00:00:00.000Z' }))));
  show('all combined', time(() => filterTimeline(index, f({ kinds: ['observation', 'decision'], tlps: ['AMBER'], from: '2026-03-02T00:00:00.000Z', text: 'port fuel' }))));
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
