/**
 * Property: whatever the directory holds (markup-like text, any Unicode, empty fields, odd
 * selections), the binder either refuses with a reason or renders, and then every page carries
 * the TLP label. Rendering is slow, so few runs; the generators lean on the awkward cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBinder } from '../../../../shared/binder/binderDocument';
import { TLP_LABELS } from '../../../../shared/model/tlp';
import { CHANNEL_TYPES } from '../../../../shared/model/records';
import { renderBinder } from '../../../../renderer/src/features/binder/renderBinder';
import { callTree, contact, input, packProcedures } from './binderFixtures';
import { pdfLines } from './pdfText';

const awkward = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.constantFrom('<script>alert(1)</script>', '{{organisation}}', '</svg><svg>', '&amp; &lt;', 'Zoë IJzerman', 'Γιώργος', 'Łódź', '$& $1', '\u202Eevil', 'x'.repeat(180)),
);
const name = awkward.map((s) => (s.trim() === '' ? 'x' : s.slice(0, 200)));

const channel = fc.record({
  type: fc.constantFrom(...CHANNEL_TYPES),
  value: name.map((s) => s.slice(0, 500)),
  note: fc.constant(''),
  failAfterMinutes: fc.option(fc.integer({ min: 1, max: 10_080 }), { nil: null }),
  onFailure: awkward.map((s) => s.slice(0, 1_000)),
});

const person = fc.record({ name, organisation: awkward.map((s) => s.slice(0, 200)), tlp: fc.constantFrom(...TLP_LABELS), channels: fc.array(channel, { maxLength: 8 }) });

describe('buildBinder and renderBinder over random content', () => {
  it('never throws, and a rendered binder has its label on every page', async () => {
    // One real procedure without a chart (ELK is not what is tested here); its title varies.
    const [procedure] = packProcedures(1);
    await fc.assert(
      fc.asyncProperty(
        fc.array(person, { maxLength: 12 }),
        fc.record({ procedure: fc.boolean(), tree: fc.boolean(), cards: fc.boolean(), directory: fc.boolean(), title: name, organisation: awkward }),
        fc.option(fc.constantFrom(...TLP_LABELS), { nil: null }),
        async (people, choice, tlp) => {
          const contacts = people.map((p) => contact(p));
          const result = buildBinder(
            input({
              organisation: choice.organisation,
              tlp,
              confirmedLowerTlp: true,
              procedures: choice.procedure ? [{ procedure: { ...procedure!, title: { en: choice.title, nl: '' } }, layout: null }] : [],
              callTrees: choice.tree && contacts.length ? [callTree(contacts)] : [],
              walletCards: choice.cards,
              directory: choice.directory,
              contacts,
            }),
          );
          if (!result.ok) {
            expect(result.refusal.code).toBe('binder-nothing-chosen');
            return;
          }
          const pages = await pdfLines(await renderBinder(result.document));
          expect(pages.length).toBeGreaterThanOrEqual(2);
          for (const lines of pages) expect(lines.join('\n')).toContain(`TLP:${result.document.tlp}`);
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000);
});
