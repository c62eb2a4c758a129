#!/usr/bin/env node
/**
 * Extracts the points of the Council Recommendation on an EU blueprint for cyber crisis management
 * (Council doc. 9794/25, annex) from the Dutch source text, with the English digest of each point,
 * into shared/content/blueprint-pack/sources/points.json.
 *
 *   node scripts/extract-points.mjs [seed-001.txt] [blueprint.md] [out.json]
 *
 * The source documents live OUTSIDE this repository (by default /work/shared/seeds/001_*.txt and
 * /work/shared/docs/blueprint.md), so the extracted file is committed and the script is only run
 * again when the sources change. The Dutch text is an EU legal text, which may be reused with
 * acknowledgement of the source under Commission Decision 2011/833/EU on the reuse of Commission
 * documents; points.json names the source in its `source` field.
 *
 * The seed was extracted from a PDF: every line is followed by an empty line, pages end with
 * footnotes below a rule of spaces, and a hyphen at a line end may or may not belong to the word.
 * The script undoes these artefacts as far as it safely can; footnote numbers glued to a reference
 * ("2023/28411" for Regulation 2023/2841 with footnote 1) are left as they are.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const seedDir = '/work/shared/seeds';

function defaultSeed() {
  const file = readdirSync(seedDir).find((f) => f.startsWith('001_') && f.endsWith('.txt'));
  if (!file) throw new Error(`no seed 001_*.txt in ${seedDir}`);
  return join(seedDir, file);
}

const seedPath = process.argv[2] ?? defaultSeed();
const digestPath = process.argv[3] ?? '/work/shared/docs/blueprint.md';
const outPath = process.argv[4] ?? join(root, 'shared/content/blueprint-pack/sources/points.json');

// ---- 1. Clean lines of the operative part (points 1-82) ------------------------------------------

const raw = readFileSync(seedPath, 'utf8').replace(/\r/g, '').split('\n');
const startAt = raw.findIndex((l) => l.includes('HEEFT DE VOLGENDE AANBEVELING VASTGESTELD'));
const endAt = raw.findIndex((l, i) => i > startAt && /^\s*BIJLAGE II\b/.test(l));
if (startAt < 0 || endAt < 0) throw new Error('operative part not found in the seed');

/** Lines of text, without blank lines, page footers and footnote blocks. */
const lines = [];
let inFootnotes = false;
for (const line of raw.slice(startAt + 1, endAt)) {
  if (/^ {20,}$/.test(line)) { inFootnotes = true; continue; } // the rule above a page's footnotes
  if (line.trim() === '') continue;
  if (/^9794\/25\s+\d+\s*$/.test(line) || /^BIJLAGE\s+NL\s*$/.test(line)) { inFootnotes = false; continue; } // page footer ends a footnote block
  // A new page starts with a leading space; it ends a footnote block.
  if (inFootnotes) {
    if (/^ \S/.test(line)) inFootnotes = false;
    else continue;
  }
  lines.push(line.trim());
}

const HEADING = /^(?:[IVX]+: |Doel en toepassingsgebied$|Leidende beginselen$|Dreigingslandschap$|Technisch niveau$|Operationeel niveau$|Politiek niveau$|Gemeenschappelijke oefeningen$|Respons op een grootschalig|Gedaan te Brussel)/;
const POINT = /^(\d{1,2})\) (.*)$/;

/** Chapter headings (I–XIII), kept to tell the reader where a point stands. */
const chapters = [];
const body = []; // { line, chapter }
let skipping = false;
let chapter = '';
for (let i = 0; i < lines.length; i++) {
  const line = lines[i];
  if (HEADING.test(line)) {
    skipping = true;
    if (/^[IVX]+: /.test(line)) {
      // A chapter title may run over two lines; the next line continues it unless it starts a point.
      chapter = line;
      const nextLine = lines[i + 1] ?? '';
      if (!POINT.test(nextLine) && !HEADING.test(nextLine)) chapter += ' ' + nextLine;
      chapters.push(chapter);
    }
    continue;
  }
  if (skipping && !POINT.test(line)) continue;
  skipping = false;
  body.push({ line, chapter });
}

// ---- 2. Split into points and sub-points -------------------------------------------------------

const allText = body.map((b) => b.line).join('\n');

/** Rejoin a word broken at a line end: keep the hyphen where the text elsewhere spells it so. */
function joinLines(parts) {
  let out = '';
  for (const part of parts) {
    if (out === '') { out = part; continue; }
    const m = /(\S+)-$/.exec(out);
    const n = /^(\S+)/.exec(part);
    if (m && n && /[a-zà-ÿ]$/.test(m[1]) && /^[a-zà-ÿ]/.test(n[1])) {
      const head = m[1].replace(/^.*[^\p{L}-]/u, '');
      const tail = n[1].replace(/[^\p{L}-].*$/u, '');
      const withHyphen = `${head}-${tail}`;
      const without = `${head}${tail}`;
      const count = (s) => allText.split(s).length - 1;
      const keepHyphen = count(withHyphen) > count(without) || (count(without) === 0 && !/s$/.test(head));
      out = keepHyphen ? `${out}${part}` : `${out.slice(0, -1)}${part}`;
    } else if (out.endsWith('-') && /[A-Z]-$/.test(out)) {
      out = `${out}${part}`; // "EU-" + "CyCLONe"
    } else {
      out = `${out} ${part}`;
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

const ROMANS = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'];
const nextLetter = (c) => String.fromCharCode(c.charCodeAt(0) + 1);

/** key -> { number, chapter, lines[] }; a line belongs to its sub-point and every ancestor. */
const entries = new Map();
const order = [];
function add(key, number, chapterTitle) {
  if (!entries.has(key)) { entries.set(key, { number, chapter: chapterTitle, lines: [] }); order.push(key); }
}

let expected = 1;
let current = null; // { n, letter, roman, sub } the innermost open sub-point path
for (const { line, chapter: chapterTitle } of body) {
  const point = POINT.exec(line);
  if (point && Number(point[1]) === expected) {
    current = { n: expected, letter: null, roman: null, sub: null };
    add(String(expected), expected, chapterTitle);
    expected += 1;
    entries.get(String(current.n)).lines.push(line);
    continue;
  }
  if (!current) continue;
  const n = current.n;
  const letter = /^([a-z])\) /.exec(line);
  const roman = /^([ivx]+)\. /.exec(line);
  const third = /^\(([a-z])\) /.exec(line);
  if (letter && letter[1] === (current.letter ? nextLetter(current.letter) : 'a')) {
    current.letter = letter[1]; current.roman = null; current.sub = null;
  } else if (roman && current.letter && roman[1] === ROMANS[current.roman ? ROMANS.indexOf(current.roman) + 1 : 0]) {
    current.roman = roman[1]; current.sub = null;
  } else if (third && current.roman && third[1] === (current.sub ? nextLetter(current.sub) : 'a')) {
    current.sub = third[1];
  }
  const keys = [String(n)];
  if (current.letter) keys.push(`${n}(${current.letter})`);
  if (current.letter && current.roman) keys.push(`${n}(${current.letter})(${current.roman})`);
  if (current.letter && current.roman && current.sub) keys.push(`${n}(${current.letter})(${current.roman})(${current.sub})`);
  for (const key of keys) {
    add(key, n, current.n ? entries.get(String(n)).chapter : chapterTitle);
    entries.get(key).lines.push(line);
  }
}
if (expected !== 83) throw new Error(`expected points 1-82, found up to ${expected - 1}`);

// ---- 3. English digest per point ---------------------------------------------------------------

const digest = readFileSync(digestPath, 'utf8').split('\n');
const from = digest.findIndex((l) => l.startsWith('## 2. Lifecycle phases'));
const to = digest.findIndex((l) => l.startsWith('### 3.2 '));
/** key -> English digest lines */
const english = new Map();

/** "55(a)(i)–(iv)", "40–46", "5(a)(b)", "12" -> keys */
function expandRef(ref) {
  const m = /^(\d{1,2})((?:\([a-z]+\))*)(?:[–-](\d{1,2}|\([a-z]+\)))?$/.exec(ref.trim());
  if (!m) return [];
  const n = Number(m[1]);
  const subs = [...m[2].matchAll(/\(([a-z]+)\)/g)].map((x) => x[1]);
  if (m[3] && /^\d/.test(m[3])) {
    const keys = [];
    for (let k = n; k <= Number(m[3]); k++) keys.push(String(k));
    return keys;
  }
  if (subs.length === 0) return [String(n)];
  // "5(a)(b)" lists siblings when the second is a letter after the first; otherwise a path.
  if (subs.length > 1 && subs.every((s) => /^[a-h]$/.test(s))) return subs.map((s) => `${n}(${s})`);
  return [`${n}${subs.map((s) => `(${s})`).join('')}`];
}

for (const row of digest.slice(from, to)) {
  if (!row.startsWith('|') || row.startsWith('|---') || row.startsWith('| #')) continue;
  const cells = row.split('|').slice(1, -1).map((c) => c.trim());
  if (cells.length < 3) continue;
  const source = cells[cells.length - 1];
  const refs = [];
  for (const m of source.matchAll(/001 pts? ([^;]+)/g)) {
    for (const part of m[1].split(/,\s*/)) {
      if (/^AnnII|^rec\./.test(part)) break;
      refs.push(...expandRef(part.replace(/\s*\(.*?NIS 2.*?\)$/, '').split(' ')[0]));
    }
  }
  if (refs.length === 0) continue;
  const text = cells.slice(/^[A-Z]{1,3}\d+$/.test(cells[0]) ? 1 : 0, -1)
    .filter((c) => c !== '' && c !== '—')
    .join(' — ')
    .replace(/\*\*/g, '');
  if (/^\(proposal only/i.test(text)) continue;
  for (const key of refs) {
    if (!english.has(key)) english.set(key, []);
    english.get(key).push(text);
  }
}

// ---- 4. Write ----------------------------------------------------------------------------------

const points = {};
for (const key of order) {
  const entry = entries.get(key);
  points[key] = {
    point: entry.number,
    chapter: entry.chapter,
    nl: joinLines(entry.lines),
    en: (english.get(key) ?? []).join('\n'),
  };
}

const out = {
  format: 1,
  source: {
    title: {
      en: 'Council Recommendation on an EU blueprint for cyber crisis management (Council doc. 9794/25, annex), Dutch language version',
      nl: 'Aanbeveling van de Raad betreffende een EU-blauwdruk voor cybercrisisbeheer (Raadsdocument 9794/25, bijlage), Nederlandse taalversie',
    },
    reuse:
      'EU legal text, reused with acknowledgement of the source (Commission Decision 2011/833/EU on the reuse of Commission documents). ' +
      'Extracted from a PDF rendering: line breaks, hyphenation and footnote markers glued to references are artefacts of that extraction.',
    english:
      'The English text of each point is the project\'s digest of the point (blueprint.md), not an official translation; empty where the digest does not treat the point on its own.',
    extractedBy: 'scripts/extract-points.mjs',
  },
  chapters,
  points,
};

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, JSON.stringify(out, null, 2) + '\n');
console.warn(`wrote ${Object.keys(points).length} points and sub-points to ${outPath}`);
