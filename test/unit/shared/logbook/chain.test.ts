/**
 * Chain verification (issue 4): a changed byte, a removed entry and a reordered entry are each
 * detected and located; the report does not depend on the order entries arrive in.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../../../shared/bundle/canonical';
import {
  CHAINED_FIELDS,
  LATER_CHAINED_FIELDS,
  chainHead,
  entryDigest,
  nextLink,
  verifyChains,
  type ChainedEntry,
  type ChainFinding,
} from '../../../../shared/logbook/chain';
import { at, buildChain, buildIncident, flipChar, INCIDENT, ORIGINS, replaceAt, type TestEntry } from './chainBuilders';

const [A, B, C] = ORIGINS;

/** The findings, reduced to what locates them. */
function located(entries: readonly ChainedEntry[], options?: Parameters<typeof verifyChains>[1]): Array<Pick<ChainFinding, 'kind' | 'origin' | 'seq' | 'entryId'>> {
  return verifyChains(entries, options).findings.map(({ kind, origin, seq, entryId }) => ({ kind, origin, seq, entryId }));
}

describe('nextLink and entryDigest', () => {
  it('starts a chain at seq 1 with no predecessor, then links each entry to the digest of the one before', () => {
    const chain = buildChain(A, 3);
    expect(chain.map((e) => e.chain.seq)).toEqual([1, 2, 3]);
    expect(chain[0]!.chain.prev).toBeNull();
    expect(chain[1]!.chain.prev).toBe(entryDigest(chain[0]!));
    expect(chain[2]!.chain.prev).toBe(entryDigest(chain[1]!));
    expect(entryDigest(chain[0]!)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('digests absent fields and null fields alike, so later schema fields never break old chains', () => {
    const entry = buildChain(A, 1)[0]!;
    expect(entryDigest({ ...entry, receivedAt: null, channel: null, corrects: null, classified: null } as ChainedEntry)).toBe(entryDigest(entry));
    expect(entryDigest({ ...entry, receivedAt: undefined } as ChainedEntry)).toBe(entryDigest(entry));
  });

  it('ignores fields outside CHAINED_FIELDS (replication bookkeeping, fields of later versions)', () => {
    const entry = buildChain(A, 1)[0]!;
    expect(entryDigest({ ...entry, hlc: 'other', updatedAt: '2030-01-01T00:00:00.000Z', deleted: true, futureField: 1 } as ChainedEntry)).toBe(entryDigest(entry));
  });

  it('covers a later field only when it holds a value, so old entries keep their digest', () => {
    const entry = buildChain(A, 1)[0]!;
    const progress = { subject: 'procedure-run', runId: '01JC0000000000000000000000', itemId: 'notify', state: 'done' };
    for (const field of LATER_CHAINED_FIELDS) {
      expect(entryDigest({ ...entry, [field]: null } as ChainedEntry), field).toBe(entryDigest(entry));
      expect(entryDigest({ ...entry, [field]: undefined } as ChainedEntry), field).toBe(entryDigest(entry));
      const withValue = entryDigest({ ...entry, [field]: progress } as ChainedEntry);
      expect(withValue, field).not.toBe(entryDigest(entry));
      expect(entryDigest({ ...entry, [field]: { ...progress, state: 'skipped' } } as ChainedEntry), field).not.toBe(withValue);
      // The fast path and the general canonical form agree on entries with later fields too.
      const content: Record<string, unknown> = {
        chainVersion: 1,
        ...Object.fromEntries(CHAINED_FIELDS.map((f) => [f, (entry as unknown as Record<string, unknown>)[f] ?? null])),
        [field]: progress,
      };
      expect(withValue).toBe(createHash('sha256').update(canonicalize(content)).digest('hex'));
    }
  });

  it('covers every chained field', () => {
    const entry = buildChain(A, 2)[1]!;
    for (const field of CHAINED_FIELDS) {
      expect(entryDigest({ ...entry, [field]: 'changed' }), field).not.toBe(entryDigest(entry));
    }
  });

  it('equals SHA-256 of canonicalBytes of the whole digest object for any field values (or both refuse)', () => {
    // entryDigest writes the canonical JSON itself for speed; this holds it to the general path.
    const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => `a${String.fromCharCode(c)}b`);
    const odd = fc.oneof(
      fc.jsonValue(),
      fc.string({ unit: 'binary' }),
      loneSurrogate,
      fc.constantFrom(-0, 1e21, 5e-324, Number.NaN, Infinity, undefined, new Date(0), [undefined, 1], { a: undefined, b: [{}] }),
      fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue(), { maxKeys: 4 }),
      fc.array(fc.jsonValue(), { maxLength: 4 }).map((a) => Object.assign(Object.create(null) as object, { list: a })),
    );
    const base = buildChain(A, 2)[1]!;
    fc.assert(
      fc.property(fc.constantFrom(...CHAINED_FIELDS), odd, (field, value) => {
        const entry = { ...base, [field]: value } as ChainedEntry;
        const content = { chainVersion: 1, ...Object.fromEntries(CHAINED_FIELDS.map((f) => [f, (entry as unknown as Record<string, unknown>)[f] ?? null])) };
        let expected: string;
        try {
          expected = sha256Hex(canonicalize(content));
        } catch {
          expect(() => entryDigest(entry)).toThrow();
          return;
        }
        expect(entryDigest(entry)).toBe(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is SHA-256 of the canonical JSON with chainVersion 1 and every chained field', () => {
    // Pins the rule: another installation (or a later version) must compute the same digest.
    const entry = buildChain(A, 1)[0]!;
    const text = canonicalize({
      chainVersion: 1,
      ...Object.fromEntries(CHAINED_FIELDS.map((f) => [f, (entry as unknown as Record<string, unknown>)[f] ?? null])),
    });
    expect(text.startsWith('{"attachments":null,"author":"J. Jansen, NCSC-NL","chain":{"prev":null,"seq":1},"chainVersion":1,')).toBe(true);
    expect(entryDigest(entry)).toBe(sha256Hex(text));
  });
});

describe('verifyChains on intact chains', () => {
  it('verifies three intact chains with no findings and reports each', () => {
    const result = verifyChains(buildIncident([6, 5, 4]));
    expect(result.findings).toEqual([]);
    expect(result.intact).toBe(true);
    expect(result.chains).toEqual([
      { origin: A, length: 6, firstSeq: 1, lastSeq: 6, intact: true },
      { origin: B, length: 5, firstSeq: 1, lastSeq: 5, intact: true },
      { origin: C, length: 4, firstSeq: 1, lastSeq: 4, intact: true },
    ]);
  });

  it('verifies an empty incident', () => {
    expect(verifyChains([])).toEqual({ intact: true, chains: [], findings: [] });
  });

  it('agrees with matching trusted heads', () => {
    const entries = buildIncident();
    const knownHeads = { [A]: chainHead(at(entries, A, 6)), [B]: chainHead(at(entries, B, 3)) };
    expect(verifyChains(entries, { knownHeads }).findings).toEqual([]);
  });

  it('treats the same entry offered twice as one entry', () => {
    const entries = buildIncident();
    expect(verifyChains([...entries, at(entries, B, 2)]).findings).toEqual([]);
  });

  it('refuses entries of two incidents (a caller bug, not tampering)', () => {
    expect(() => verifyChains([...buildChain(A, 2), ...buildChain(B, 2, '01JBZ000000000000INCIDENT2')])).toThrow(RangeError);
  });
});

describe('verifyChains locates tampering', () => {
  // Legend: each case tampers with the intact incident (A: 6 entries, B: 5, C: 4) and lists the
  // findings expected, in the sorted order verifyChains returns them. Ids are `<origin><seq>`.
  const id = (origin: string, seq: number): string => at(buildIncident(), origin, seq).id;

  it('a changed character in the text of a middle entry: altered, naming it and its successor', () => {
    const entries = replaceAt(buildIncident(), B, 3, (e) => ({ ...e, text: flipChar(e.text, 5) }));
    const result = verifyChains(entries);
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'altered', origin: B, seq: 3, entryId: id(B, 3), relatedEntryId: id(B, 4) }),
    ]);
    expect(result.chains.map((c) => c.intact)).toEqual([true, false, true]);
  });

  it('a removed middle entry: a gap of exactly that seq, between its neighbours', () => {
    const entries = buildIncident().filter((e) => !(e.origin === A && e.chain.seq === 4));
    expect(verifyChains(entries).findings).toEqual([
      expect.objectContaining({ kind: 'gap', origin: A, seq: 4, toSeq: 4, entryId: id(A, 5), relatedEntryId: id(A, 3) }),
    ]);
  });

  it('several removed entries, and missing first entries, give their ranges', () => {
    const entries = buildIncident().filter((e) => !(e.origin === A && [1, 2, 4, 5].includes(e.chain.seq)));
    expect(verifyChains(entries).findings).toEqual([
      expect.objectContaining({ kind: 'gap', origin: A, seq: 1, toSeq: 2, entryId: id(A, 3) }),
      expect.objectContaining({ kind: 'gap', origin: A, seq: 4, toSeq: 5, entryId: id(A, 6), relatedEntryId: id(A, 3) }),
    ]);
  });

  it('two entries swapped by their chain fields: both named as altered', () => {
    const intact = buildIncident();
    const third = at(intact, A, 3);
    const fifth = at(intact, A, 5);
    const entries = intact.map((e) => (e === third ? { ...e, chain: fifth.chain } : e === fifth ? { ...e, chain: third.chain } : e));
    expect(located(entries)).toEqual([
      { kind: 'altered', origin: A, seq: 3, entryId: fifth.id },
      { kind: 'altered', origin: A, seq: 5, entryId: third.id },
    ]);
  });

  it('two entries swapped by their positions (seqs only): each named as moved, with where it came from', () => {
    const intact = buildIncident();
    const third = at(intact, A, 3);
    const fifth = at(intact, A, 5);
    const entries = intact.map((e) =>
      e === third ? { ...e, chain: { ...e.chain, seq: 5 } } : e === fifth ? { ...e, chain: { ...e.chain, seq: 3 } } : e,
    );
    const result = verifyChains(entries);
    expect(result.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'out-of-order', origin: A, seq: 3, entryId: fifth.id, relatedEntryId: at(intact, A, 4).id }),
        expect.objectContaining({ kind: 'out-of-order', origin: A, seq: 5, entryId: third.id, relatedEntryId: at(intact, A, 2).id }),
      ]),
    );
    expect(result.findings.every((f) => f.origin === A && (f.entryId === third.id || f.entryId === fifth.id))).toBe(true);
  });

  it('an entry whose createdAt contradicts its seq beyond the tolerance: out-of-order', () => {
    const chain: TestEntry[] = [];
    const times = ['10:00', '10:01', '09:30', '10:03'];
    for (const [i, hhmm] of times.entries()) {
      const base = buildChain(A, i + 1)[i]!;
      const createdAt = `2026-03-29T${hhmm}:00.000Z`;
      chain.push({ ...base, createdAt, chain: nextLink(chain[i - 1] ?? null) });
    }
    expect(located(chain)).toEqual([{ kind: 'out-of-order', origin: A, seq: 3, entryId: chain[2]!.id }]);
    expect(located(chain, { clockToleranceMs: 60 * 60_000 })).toEqual([]);
  });

  it('a duplicated seq: forked, naming the entry the chain does not continue from', () => {
    const intact = buildIncident();
    const original = at(intact, C, 2);
    const forgery = { ...original, id: '01JCX000000000000000FORGED', text: 'Nothing happened.', createdAt: '2026-03-29T07:00:00.000Z' };
    const result = verifyChains([...intact, forgery]);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'forked', origin: C, seq: 2, entryId: forgery.id, relatedEntryId: original.id })]);
    expect(result.chains.find((c) => c.origin === C)).toEqual({ origin: C, length: 5, firstSeq: 1, lastSeq: 4, intact: false });
  });

  it('a fork at the last seq keeps the earliest written', () => {
    const intact = buildIncident();
    const last = at(intact, C, 4);
    const later = { ...last, id: '01JCX00000000000000LATER00', createdAt: '2026-03-29T12:00:00.000Z' };
    expect(located([...intact, later])).toEqual([{ kind: 'forked', origin: C, seq: 4, entryId: later.id }]);
  });

  it('a first entry with a predecessor digest: bad-genesis', () => {
    // Written that way from the start, so every later link is intact.
    const chain: TestEntry[] = [];
    for (let i = 0; i < 3; i++) {
      const base = buildChain(B, i + 1)[i]!;
      const link = i === 0 ? { seq: 1, prev: 'ab'.repeat(32) } : nextLink(chain[i - 1]!);
      chain.push({ ...base, chain: link });
    }
    expect(located(chain)).toEqual([{ kind: 'bad-genesis', origin: B, seq: 1, entryId: chain[0]!.id }]);
  });

  it('a later entry with no predecessor digest: bad-genesis, and its successor no longer matches it', () => {
    const entries = replaceAt(buildIncident(), B, 3, (e) => ({ ...e, chain: { seq: 3, prev: null } }));
    expect(located(entries)).toEqual([
      { kind: 'altered', origin: B, seq: 3, entryId: id(B, 3) },
      { kind: 'bad-genesis', origin: B, seq: 3, entryId: id(B, 3) },
    ]);
  });

  it('an unusable chain field: malformed', () => {
    const entries = replaceAt(buildIncident(), C, 3, (e) => ({ ...e, chain: { seq: 2.5, prev: 'XYZ' } }));
    expect(located(entries)).toEqual([
      { kind: 'malformed', origin: C, seq: 0, entryId: id(C, 3) },
      { kind: 'gap', origin: C, seq: 3, entryId: id(C, 4) },
    ]);
  });

  it('an altered last entry: invisible to the chain alone, found against a trusted head', () => {
    const intact = buildIncident();
    const knownHeads = { [A]: chainHead(at(intact, A, 6)) };
    const entries = replaceAt(intact, A, 6, (e) => ({ ...e, text: flipChar(e.text, 0) }));
    // Nobody holds the digest of a last entry yet: this is why the app keeps its own head apart.
    expect(verifyChains(entries).findings).toEqual([]);
    expect(verifyChains(entries, { knownHeads }).findings).toEqual([
      expect.objectContaining({ kind: 'head-mismatch', origin: A, seq: 6, entryId: id(A, 6) }),
    ]);
  });

  it('removed last entries: truncated against a trusted head, with the missing range', () => {
    const intact = buildIncident();
    const knownHeads = { [B]: chainHead(at(intact, B, 5)) };
    const entries = intact.filter((e) => !(e.origin === B && e.chain.seq >= 4));
    expect(verifyChains(entries).findings).toEqual([]);
    const result = verifyChains(entries, { knownHeads });
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'truncated', origin: B, seq: 4, toSeq: 5 })]);
    expect(result.chains.find((c) => c.origin === B)).toMatchObject({ length: 3, lastSeq: 3, intact: false });
  });

  it('a whole chain missing while a trusted head says it exists', () => {
    const intact = buildIncident();
    const knownHeads = { [C]: chainHead(at(intact, C, 4)) };
    const result = verifyChains(intact.filter((e) => e.origin !== C), { knownHeads });
    expect(result.chains.find((c) => c.origin === C)).toEqual({ origin: C, length: 0, firstSeq: null, lastSeq: null, intact: false });
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'truncated', origin: C, seq: 1, toSeq: 4 })]);
  });
});

describe('verifyChains properties', () => {
  const tampered = (() => {
    const intact = buildIncident([7, 5, 4]);
    const fork = { ...at(intact, C, 2), id: '01JCX000000000000000FORGED', text: 'Nothing happened.' };
    return [
      ...replaceAt(intact, B, 2, (e) => ({ ...e, text: flipChar(e.text) })).filter((e) => !(e.origin === A && e.chain.seq === 4)),
      fork,
    ];
  })();

  it('gives the same report whatever the order of the entries', () => {
    for (const entries of [buildIncident([7, 5, 4]), tampered]) {
      const expected = verifyChains(entries);
      fc.assert(
        fc.property(fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }), (shuffled) => {
          expect(verifyChains(shuffled)).toEqual(expected);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('detects and locates any single-byte change to any chained field of any non-last entry', () => {
    // The change is made to the field's canonical JSON (the bytes the digest covers) and must
    // still parse. An entry whose incidentId changes leaves the incident: the app selects entries
    // by incident, so the test does too.
    const intact = buildIncident([5, 4, 3]);
    const candidates = intact.filter((e) => e.chain.seq < Math.max(...intact.filter((o) => o.origin === e.origin).map((o) => o.chain.seq)));
    const present = CHAINED_FIELDS.filter((f) => (intact[0] as unknown as Record<string, unknown>)[f] !== undefined);
    fc.assert(
      fc.property(
        fc.constantFrom(...candidates),
        fc.constantFrom(...present),
        fc.nat(),
        fc.integer({ min: 0x20, max: 0x7e }),
        (entry, field, position, byte) => {
          const json = canonicalize((entry as unknown as Record<string, unknown>)[field]);
          const index = position % json.length;
          fc.pre(json.charCodeAt(index) !== byte);
          const changedJson = json.slice(0, index) + String.fromCharCode(byte) + json.slice(index + 1);
          let value: unknown;
          try {
            value = JSON.parse(changedJson);
          } catch {
            fc.pre(false);
          }
          fc.pre(canonicalize(value) !== json);
          const changed = { ...entry, [field]: value };
          const entries = intact.map((e) => (e === entry ? changed : e)).filter((e) => e.incidentId === INCIDENT);
          const result = verifyChains(entries);
          expect(result.intact).toBe(false);
          const where = result.findings.filter((f) => f.origin === entry.origin && (f.seq === entry.chain.seq || f.entryId === entry.id));
          expect(where.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
