/**
 * REPRODUCTIONS of authority and clock findings of the fuzzing work (issue 9). Each test states
 * the behaviour the issue asks for and FAILS today. They are kept out of the ordinary run (the
 * file name does not end in `.test.ts`) because the code concerned belongs to another engineer:
 * renderer/src/db/exchange.ts, renderer/src/db/journal.ts, shared/merge, shared/bundle.
 *
 *   FUZZ_REPRO=1 npx vitest run --config vitest.fuzz.config.ts test/fuzz/repro
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { previewImport, verifyBundle } from '../../../renderer/src/db/exchange';
import { fileSourceFromBytes } from '../../../renderer/src/platform/fileSource';
import type { SecretIdentity } from '../../../shared/crypto/identity';
import { HlcSchema, HybridLogicalClock, formatHlc } from '../../../shared/journal/hlc';
import type { Operation } from '../../../shared/journal/operation';
import { mergeRecord } from '../../../shared/merge/mergeRecord';
import { makeIdentity } from '../../unit/shared/bundle/bundleFixtures';
import { contactInput, incidentInput } from '../../helpers/workbookDb';
import { bundleBytes, logEntryCreate, testUlid } from '../bundleKit';
import { importBundle, receiverTrusting } from '../dbKit';

let alice: SecretIdentity;
beforeAll(async () => {
  alice = await makeIdentity('NCSC-NL', 'NL');
});

describe('authority findings', () => {
  it('A1: a second "create" must not rewrite another installation’s log entry', async () => {
    const r = await receiverTrusting('repro-a1', alice);
    const incident = await r.journal.create('incidents', incidentInput(), { workspace: 'real' });
    const own = await r.journal.create('logEntries', { incidentId: incident.id, kind: 'observation', text: 'original', occurredAt: incident.createdAt, author: 'R', tlp: 'GREEN' } as never, { workspace: 'real' });
    // Alice (trusted, verified) sends a creation of the SAME record id with a later clock.
    const op = logEntryCreate(alice.card.installationId, 1, Date.now() + 1_000);
    const forged: Operation = { ...op, recordId: own.id, fields: { ...op.fields, id: own.id, incidentId: incident.id, text: 'FORGED' } };
    const outcome = await importBundle(r, (await bundleBytes(alice, [forged])).bytes);
    // Today: { stage: 'applied', added: 1 } and the receiver's own entry now reads "FORGED".
    expect(outcome.stage).not.toBe('applied');
    expect((await r.db.logEntries.get(own.id))?.text).toBe('original');
  });

  it('A2: an operation whose fields.id differs from its recordId must not overwrite the record named by fields.id', async () => {
    const r = await receiverTrusting('repro-a2', alice);
    const incident = await r.journal.create('incidents', incidentInput({ title: 'Receiver’s incident' }), { workspace: 'real' });
    const at = Date.now() + 1_000;
    const hlc = formatHlc({ millis: at, counter: 0, node: alice.card.installationId });
    const op: Operation = {
      opId: testUlid('OPX', 1),
      hlc,
      origin: alice.card.installationId,
      workspace: 'real',
      table: 'incidents',
      recordId: testUlid('NEWID', 5),
      kind: 'create',
      fields: { ...incident, origin: alice.card.installationId, hlc, title: 'HIJACKED' },
    };
    await importBundle(r, (await bundleBytes(alice, [op])).bytes);
    // Today: the receiver's incident is replaced (title "HIJACKED"), outside its own history.
    expect((await r.db.incidents.get(incident.id))?.title).toBe('Receiver’s incident');
  });

  it('A3: fields.workspace must agree with the operation (no record lands in the other workspace)', async () => {
    const r = await receiverTrusting('repro-a3', alice);
    const op = logEntryCreate(alice.card.installationId, 2, Date.now(), { workspace: 'exercise' });
    await importBundle(r, (await bundleBytes(alice, [op])).bytes);
    // Today: a real-workspace bundle writes a log entry into the exercise workspace.
    expect((await r.db.logEntries.get(op.recordId))?.workspace ?? 'real').toBe('real');
  });

  it('A4: a signer must not create records attributed to the receiver itself', async () => {
    const r = await receiverTrusting('repro-a4', alice);
    const op = logEntryCreate(r.installationId, 3, Date.now());
    const outcome = await importBundle(r, (await bundleBytes(alice, [op])).bytes);
    // Today: applied; the entry shows origin = the receiver's installation (its "own" entry).
    expect(outcome.stage === 'applied' ? (await r.db.logEntries.get(op.recordId))?.origin : null).not.toBe(r.installationId);
  });
});

describe('duplicate ids', () => {
  it('A5: two different operations under one opId are refused, not one silently dropped', async () => {
    const r = await receiverTrusting('repro-a5', alice);
    const contact = await r.journal.create('contacts', contactInput(), { workspace: 'real' });
    const t = Date.now() + 1_000;
    const version = (ms: number, name: string): Operation => {
      const hlc = formatHlc({ millis: ms, counter: 0, node: alice.card.installationId });
      return { opId: testUlid('DUPOP', 1), hlc, origin: alice.card.installationId, workspace: 'real', table: 'contacts', recordId: contact.id, kind: 'update', fields: { name, hlc } };
    };
    // Today: applied, added 1; "FIRST" kept, "SECOND" dropped. An installation that got "SECOND"
    // first (another bundle) keeps that one instead: the journals and the records diverge for good.
    const outcome = await importBundle(r, (await bundleBytes(alice, [version(t, 'FIRST'), version(t + 1, 'SECOND')])).bytes);
    expect(outcome.stage).toBe('refused');
  });
});

describe('far-future clock', () => {
  it('C1: local edits stay possible after an operation stamped 9999-12-31T23:59:59.999Z-ffff', async () => {
    const r = await receiverTrusting('repro-c1', alice);
    const contact = await r.journal.create('contacts', contactInput(), { workspace: 'real' });
    const hlc = formatHlc({ millis: Date.parse('9999-12-31T23:59:59.999Z'), counter: 0xffff, node: alice.card.installationId });
    const op: Operation = { opId: testUlid('OPF', 1), hlc, origin: alice.card.installationId, workspace: 'real', table: 'contacts', recordId: contact.id, kind: 'update', fields: { name: 'FUTURE', hlc } };
    expect((await importBundle(r, (await bundleBytes(alice, [op])).bytes)).stage).toBe('applied');
    // Today: ClockOverflowError ("more than 65535 changes in one millisecond") — on this and
    // every later local edit, also after a restart (ChangeJournal.open observes the newest hlc).
    await expect(r.journal.update('contacts', contact.id, { name: 'Edited here later' })).resolves.toMatchObject({ name: 'Edited here later' });
  });

  it('C2: the preview warns about operations whose clocks lie far ahead', async () => {
    const r = await receiverTrusting('repro-c2', alice);
    const far = Date.parse('9000-01-01T00:00:00.000Z');
    const op = logEntryCreate(alice.card.installationId, 4, Date.now());
    const future: Operation = { ...op, hlc: formatHlc({ millis: far, counter: 0, node: alice.card.installationId }) };
    const verified = await verifyBundle(r.db, fileSourceFromBytes('f.cwb', (await bundleBytes(alice, [future])).bytes), 'real', r.installationId, { ageIdentity: () => Promise.reject(new Error('none')) });
    if (!verified.ok) throw new Error(verified.error.detail);
    const preview = await previewImport(r.db, verified.bundle);
    // Today: ~0 (only header.createdAt and fields.createdAt are looked at).
    expect(preview.aheadOfThisClockMs).toBeGreaterThan(24 * 3_600_000);
  });

  it('C3: a timestamp of an impossible date is refused (it would outrank every real edit forever)', async () => {
    const impossible = `9999-99-99T99:99:99.999Z-ffff-${alice.card.installationId}`;
    // Today: HlcSchema accepts it (a regex), Date.parse gives NaN, so HybridLogicalClock.observe
    // neither throws ClockDriftError (even with its default 24 h guard) nor moves the clock...
    expect(HlcSchema.safeParse(impossible).success).toBe(false);
    const clock = new HybridLogicalClock(testUlid('LOCAL', 1));
    expect(() => clock.observe(impossible)).toThrow();
    // ...and an update stamped with it wins every merge against later edits (string order): this
    // installation shows its own later edit, every installation that merges the record's
    // operations shows "FOREVER" — the replicas diverge for good.
    const r = await receiverTrusting('repro-c3', alice);
    const contact = await r.journal.create('contacts', contactInput(), { workspace: 'real' });
    const op: Operation = { opId: testUlid('OPI', 1), hlc: impossible, origin: alice.card.installationId, workspace: 'real', table: 'contacts', recordId: contact.id, kind: 'update', fields: { name: 'FOREVER', hlc: impossible } };
    await importBundle(r, (await bundleBytes(alice, [op])).bytes);
    await r.journal.update('contacts', contact.id, { name: 'Edited here later' });
    const history = await r.db.operations.where('[table+recordId]').equals(['contacts', contact.id]).toArray();
    expect(mergeRecord(history).record?.name).toBe('Edited here later');
  });
});
