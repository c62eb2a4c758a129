/**
 * Authority rules for imported bundles (issue 9: "a bundle may not change records its signer has
 * no right to change") and far-future clocks, as docs/bundle-format.md §8a states them: each case
 * is imported the way the app does it (verify → preview → apply) and a refusal must leave every
 * table as it was.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BundleHeader } from '../../shared/bundle/header';
import type { SecretIdentity } from '../../shared/crypto/identity';
import { ClockDriftError, HlcSchema, HybridLogicalClock, formatHlc } from '../../shared/journal/hlc';
import { LOCAL_TABLES } from '../../shared/journal/tables';
import { OperationSchema, type Operation } from '../../shared/journal/operation';
import { makeIdentity } from '../unit/shared/bundle/bundleFixtures';
import { contactInput, incidentInput } from '../helpers/workbookDb';
import { CLOCK_SKEW_WARNING_MS, discardImport, previewImport, verifyBundle } from '../../renderer/src/db/exchange';
import { ChangeJournal } from '../../renderer/src/db/journal';
import { fileSourceFromBytes } from '../../renderer/src/platform/fileSource';
import { mergeRecord } from '../../shared/merge/mergeRecord';
import { bundleBytes, headerTemplate, logEntryCreate, sealOperations, testUlid } from './bundleKit';
import { dbDigest, importBundle, receiverTrusting } from './dbKit';
import { fuzzParser, reportCounts } from './fuzzKit';

reportCounts('authority');

let alice: SecretIdentity;
let template: BundleHeader;

beforeAll(async () => {
  alice = await makeIdentity('NCSC-NL', 'NL');
  template = await headerTemplate(alice);
});

const now = () => Date.now();

describe('authority: what a signed bundle cannot change', () => {
  const imports = fuzzParser('bundle import (DB)', 1);

  it.each(LOCAL_TABLES)('refuses any operation on the local table %s (identity, keyring, exchange log, outage), changing nothing', async (table) => {
    const side = await receiverTrusting(`auth-local-${table}`, alice);
    const before = await dbDigest(side.db);
    const at = now();
    const hlc = formatHlc({ millis: at, counter: 0, node: alice.card.installationId });
    for (const kind of ['create', 'update', 'delete'] as const) {
      // Aimed at the receiver's own records: its profile id is its installation id.
      const op = { opId: testUlid('OPLOCAL', at % 1000), hlc, origin: side.installationId, workspace: 'real', table, recordId: side.installationId, kind, fields: { organisation: 'Mallory Inc.' } };
      const outcome = await importBundle(side, await sealOperations(alice, template, [op]));
      imports.counted();
      expect(outcome).toMatchObject({ stage: 'refused', error: { code: 'bundle-malformed' } });
      expect(await dbDigest(side.db)).toBe(before);
    }
  });

  it('refuses an edit or deletion of a log entry (append-only), changing nothing', async () => {
    const side = await receiverTrusting('auth-append-only', alice);
    const before = await dbDigest(side.db);
    for (const kind of ['update', 'delete'] as const) {
      const op = { ...logEntryCreate(alice.card.installationId, 1, now()), kind, fields: { text: 'rewritten' } };
      const outcome = await importBundle(side, await sealOperations(alice, template, [op]));
      imports.counted();
      expect(outcome).toMatchObject({ stage: 'refused', error: { code: 'bundle-malformed' } });
    }
    expect(await dbDigest(side.db)).toBe(before);
  });

  it('refuses an operation of the other workspace inside a bundle of this one', async () => {
    const side = await receiverTrusting('auth-workspace', alice);
    const before = await dbDigest(side.db);
    const op = { ...logEntryCreate(alice.card.installationId, 2, now()), workspace: 'exercise' };
    const outcome = await importBundle(side, await sealOperations(alice, template, [op]));
    imports.counted();
    expect(outcome).toMatchObject({ stage: 'refused', error: { code: 'bundle-malformed' } });
    expect(await dbDigest(side.db)).toBe(before);
  });

  it('keeps a record of another table that has the same id (ids colliding across kinds)', async () => {
    const side = await receiverTrusting('auth-collide', alice);
    const incident = await side.journal.create('incidents', incidentInput(), { workspace: 'real' });
    const held = JSON.stringify(await side.db.incidents.get(incident.id));
    // A log entry whose id is the incident's id.
    const op = logEntryCreate(alice.card.installationId, 3, now());
    const colliding: Operation = { ...op, recordId: incident.id, fields: { ...op.fields, id: incident.id, incidentId: incident.id } };
    const outcome = await importBundle(side, (await bundleBytes(alice, [colliding])).bytes);
    imports.counted();
    expect(outcome.stage).toBe('applied');
    expect(JSON.stringify(await side.db.incidents.get(incident.id))).toBe(held);
    expect((await side.db.logEntries.get(incident.id))?.text).toBe('entry 3');
  });

  it('refuses duplicate operations (same clock and id) in one bundle', async () => {
    const side = await receiverTrusting('auth-duplicate', alice);
    const before = await dbDigest(side.db);
    const op = logEntryCreate(alice.card.installationId, 4, now());
    const outcome = await importBundle(side, await sealOperations(alice, template, [op, op]));
    imports.counted();
    expect(outcome).toMatchObject({ stage: 'refused', error: { code: 'bundle-malformed' } });
    expect(await dbDigest(side.db)).toBe(before);
  });

  it('refuses a second "create" of an existing log entry, the receiver’s own or another installation’s, changing nothing', async () => {
    const side = await receiverTrusting('auth-recreate', alice);
    const incident = await side.journal.create('incidents', incidentInput(), { workspace: 'real' });
    const own = await side.journal.create('logEntries', { incidentId: incident.id, kind: 'observation', text: 'original', occurredAt: incident.createdAt, author: 'R', tlp: 'GREEN' }, { workspace: 'real' });
    const theirs = logEntryCreate(alice.card.installationId, 11, now() - 60_000);
    expect((await importBundle(side, (await bundleBytes(alice, [theirs])).bytes)).stage).toBe('applied');
    const before = await dbDigest(side.db);
    const forgedOwn = logEntryCreate(alice.card.installationId, 12, now() + 1_000);
    const cases: Operation[] = [
      // Alice re-creates the receiver's own entry under its id…
      { ...forgedOwn, recordId: own.id, fields: { ...forgedOwn.fields, id: own.id, incidentId: incident.id, text: 'FORGED' } },
      // …or her own entry, held here already, with other text (a correction is a new entry).
      { ...theirs, opId: testUlid('RECREATE', 1), hlc: formatHlc({ millis: now() + 2_000, counter: 0, node: alice.card.installationId }), fields: { ...theirs.fields, text: 'rewritten' } },
    ];
    for (const op of cases) {
      const outcome = await importBundle(side, (await bundleBytes(alice, [op])).bytes);
      imports.counted();
      expect(outcome).toMatchObject({ stage: 'refused', error: { code: 'bundle-unauthorised-change' } });
      expect(await dbDigest(side.db)).toBe(before);
    }
    // Two creations of one new entry in the same bundle, differently: refused too.
    const first = logEntryCreate(alice.card.installationId, 13, now());
    const second: Operation = { ...first, opId: testUlid('SECOND', 1), hlc: formatHlc({ millis: now() + 5, counter: 0, node: alice.card.installationId }), fields: { ...first.fields, text: 'other' } };
    const both = await importBundle(side, (await bundleBytes(alice, [first, second])).bytes);
    expect(both).toMatchObject({ stage: 'refused', error: { code: 'bundle-unauthorised-change' } });
    expect(await dbDigest(side.db)).toBe(before);
    expect((await side.db.logEntries.get(own.id))?.text).toBe('original');
    expect((await side.db.logEntries.get(theirs.recordId))?.text).toBe('entry 11');
  });

  it('takes an identical second creation of a held log entry as a harmless duplicate', async () => {
    const side = await receiverTrusting('auth-recreate-same', alice);
    const op = logEntryCreate(alice.card.installationId, 14, now());
    expect((await importBundle(side, (await bundleBytes(alice, [op])).bytes)).stage).toBe('applied');
    const held = JSON.stringify(await side.db.logEntries.get(op.recordId));
    const again: Operation = { ...op, opId: testUlid('AGAIN', 1), hlc: formatHlc({ millis: now() + 10, counter: 0, node: alice.card.installationId }) };
    expect(await importBundle(side, (await bundleBytes(alice, [again])).bytes)).toMatchObject({ stage: 'applied', added: 1 });
    expect(JSON.stringify(await side.db.logEntries.get(op.recordId))).toBe(held);
  });
  it('refuses an operation whose fields.id differs from its recordId, leaving the record it names untouched', async () => {
    const side = await receiverTrusting('authority-fields-id', alice);
    const incident = await side.journal.create('incidents', incidentInput({ title: 'Receiver’s incident' }), { workspace: 'real' });
    const before = await dbDigest(side.db);
    const hlc = formatHlc({ millis: now(), counter: 0, node: alice.card.installationId });
    const op: Operation = { opId: testUlid('OPX', 1), hlc, origin: alice.card.installationId, workspace: 'real', table: 'incidents', recordId: testUlid('NEWID', 5), kind: 'create', fields: { ...incident, origin: alice.card.installationId, hlc, title: 'HIJACKED' } };
    // Sealed by hand: the app's own bundle writer refuses to write such an operation at all.
    const outcome = await importBundle(side, await sealOperations(alice, template, [op]));
    expect(outcome).toMatchObject({ stage: 'refused', error: { code: 'bundle-malformed' } });
    expect(await dbDigest(side.db)).toBe(before);
  });
  it('refuses an operation whose fields.workspace differs from the operation’s: nothing lands in the other workspace', async () => {
    const side = await receiverTrusting('authority-fields-workspace', alice);
    const before = await dbDigest(side.db);
    const op = logEntryCreate(alice.card.installationId, 2, now(), { workspace: 'exercise' });
    // Sealed by hand: the app's own bundle writer refuses to write such an operation at all.
    const outcome = await importBundle(side, await sealOperations(alice, template, [op]));
    expect(outcome).toMatchObject({ stage: 'refused', error: { code: 'bundle-malformed' } });
    expect(await side.db.logEntries.get(op.recordId)).toBeUndefined();
    expect(await dbDigest(side.db)).toBe(before);
  });
  it('refuses a creation whose fields.origin differs from the operation’s origin, and an edit that changes a record’s origin', async () => {
    const side = await receiverTrusting('auth-fields-origin', alice);
    const contact = await side.journal.create('contacts', contactInput(), { workspace: 'real' });
    const before = await dbDigest(side.db);
    const hlc = formatHlc({ millis: now(), counter: 0, node: alice.card.installationId });
    const created = logEntryCreate(alice.card.installationId, 21, now());
    const cases = [
      { ...created, fields: { ...created.fields, origin: side.installationId } },
      { ...created, fields: { ...created.fields, origin: testUlid('CAROL', 1) } },
      (({ origin: _o, ...fields }) => ({ ...created, fields }))(created.fields),
      { opId: testUlid('OPORIGIN', 1), hlc, origin: alice.card.installationId, workspace: 'real', table: 'contacts', recordId: contact.id, kind: 'update', fields: { origin: alice.card.installationId, hlc } },
    ];
    for (const op of cases) {
      // Sealed by hand: the app's own bundle writer refuses to write such an operation at all.
      const outcome = await importBundle(side, await sealOperations(alice, template, [op]));
      imports.counted();
      expect(outcome).toMatchObject({ stage: 'refused', error: { code: 'bundle-unauthorised-change' } });
      expect(await dbDigest(side.db)).toBe(before);
    }
  });

  it('refuses two different operations under one opId in a bundle, changing nothing', async () => {
    const side = await receiverTrusting('auth-dup-opid', alice);
    const contact = await side.journal.create('contacts', contactInput(), { workspace: 'real' });
    const before = await dbDigest(side.db);
    const version = (ms: number, name: string): Operation => {
      const hlc = formatHlc({ millis: ms, counter: 0, node: alice.card.installationId });
      return { opId: testUlid('DUPOP', 1), hlc, origin: alice.card.installationId, workspace: 'real', table: 'contacts', recordId: contact.id, kind: 'update', fields: { name, hlc } };
    };
    const t = now();
    // Either order: an installation that got them the other way round must not end up elsewhere.
    for (const pair of [[version(t, 'FIRST'), version(t + 1, 'SECOND')], [version(t, 'SECOND'), version(t + 1, 'FIRST')]]) {
      const outcome = await importBundle(side, await sealOperations(alice, template, pair));
      imports.counted();
      expect(outcome).toMatchObject({ stage: 'refused', error: { code: 'bundle-malformed' } });
      expect(await dbDigest(side.db)).toBe(before);
    }
  });

  it('refuses an operation whose id is held here with other content; the same operation again is a harmless duplicate', async () => {
    const side = await receiverTrusting('auth-held-opid', alice);
    const contact = await side.journal.create('contacts', contactInput(), { workspace: 'real' });
    const hlc = formatHlc({ millis: now() + 1_000, counter: 0, node: alice.card.installationId });
    const edit: Operation = { opId: testUlid('HELDOP', 1), hlc, origin: alice.card.installationId, workspace: 'real', table: 'contacts', recordId: contact.id, kind: 'update', fields: { name: 'Alice’s edit', hlc } };
    expect((await importBundle(side, (await bundleBytes(alice, [edit])).bytes)).stage).toBe('applied');
    const before = await dbDigest(side.db);
    expect(await importBundle(side, (await bundleBytes(alice, [edit])).bytes)).toMatchObject({ stage: 'applied', added: 0 });
    expect(await dbDigest(side.db)).not.toBe('');
    const entry = logEntryCreate(alice.card.installationId, 22, now());
    expect((await importBundle(side, (await bundleBytes(alice, [entry])).bytes)).stage).toBe('applied');
    const held = await dbDigest(side.db);
    for (const op of [
      { ...edit, fields: { name: 'Rewritten', hlc } },
      // The same id on another record: found by id, not in that record's history.
      { ...edit, recordId: testUlid('OTHERREC', 1) },
    ]) {
      const outcome = await importBundle(side, (await bundleBytes(alice, [op])).bytes);
      imports.counted();
      expect(outcome).toMatchObject({ stage: 'refused', error: { code: 'bundle-unauthorised-change' } });
      expect(await dbDigest(side.db)).toBe(held);
    }
    // A held log entry's operation with other content: the preview does not read every held
    // entry's operation (too costly for a bundle overlapping 50,000 held entries); the apply
    // compares them and refuses the whole import.
    const rewritten = await importBundle(side, (await bundleBytes(alice, [{ ...entry, fields: { ...entry.fields, text: 'rewritten under the same operation id' } }])).bytes);
    imports.counted();
    expect(rewritten).toMatchObject({ stage: 'apply-failed', error: { code: 'import-refused' } });
    expect(await dbDigest(side.db)).toBe(held);
    expect(before).not.toBe(held);
    expect((await side.db.contacts.get(contact.id))?.name).toBe('Alice’s edit');
  });

  it('refuses an operation in the receiver’s own name that its journal does not hold, changing nothing', async () => {
    const side = await receiverTrusting('auth-own-origin', alice);
    const contact = await side.journal.create('contacts', contactInput(), { workspace: 'real' });
    const before = await dbDigest(side.db);
    const hlc = formatHlc({ millis: now(), counter: 0, node: side.installationId });
    for (const op of [
      logEntryCreate(side.installationId, 31, now()),
      { opId: testUlid('OWNEDIT', 1), hlc, origin: side.installationId, workspace: 'real', table: 'contacts', recordId: contact.id, kind: 'update', fields: { name: 'In your name', hlc } } satisfies Operation,
    ]) {
      const outcome = await importBundle(side, (await bundleBytes(alice, [op])).bytes);
      imports.counted();
      expect(outcome).toMatchObject({ stage: 'refused', error: { code: 'bundle-unauthorised-change' } });
      expect(await dbDigest(side.db)).toBe(before);
    }
  });

  it('accepts the receiver’s own operations coming back, and operations relayed from a third installation', async () => {
    const side = await receiverTrusting('auth-relay', alice);
    const contact = await side.journal.create('contacts', contactInput(), { workspace: 'real' });
    const echoed = await side.db.operations.where('[table+recordId]').equals(['contacts', contact.id]).toArray();
    // Carol is not in the receiver's keyring: her entry is relayed by Alice (as a snapshot or a hub does).
    const carol = testUlid('CAROL', 2);
    const relayed = logEntryCreate(carol, 32, now());
    const ops = [...echoed, relayed].sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
    expect(await importBundle(side, (await bundleBytes(alice, ops)).bytes)).toMatchObject({ stage: 'applied', added: 1 });
    expect((await side.db.logEntries.get(relayed.recordId))?.origin).toBe(carol);
  });
});

describe('far-future clocks', () => {
  const hlc = fuzzParser('HLC', 1);

  it('the clock refuses a remote timestamp beyond its drift guard (the default guard: 24 hours)', () => {
    const wall = Date.parse('2026-03-01T08:00:00.000Z');
    const clock = new HybridLogicalClock(testUlid('LOCAL', 1), { wallClock: () => wall });
    expect(() => clock.observe(formatHlc({ millis: wall + 25 * 3_600_000, counter: 0, node: testUlid('PEER', 1) }))).toThrow(ClockDriftError);
    // Within the guard, the next local tick still sorts after what was seen.
    const near = formatHlc({ millis: wall + 3_600_000, counter: 7, node: testUlid('PEER', 1) });
    clock.observe(near);
    expect(clock.tick() > near).toBe(true);
    hlc.counted(2);
  });

  it('an operation cannot carry a clock past the year 9999 (the HLC form has a four-digit year)', () => {
    const beyond = formatHlc({ millis: Date.parse('9999-12-31T23:59:59.999Z') + 1, counter: 0, node: testUlid('PEER', 1) });
    expect(HlcSchema.safeParse(beyond).success).toBe(false);
    expect(OperationSchema.safeParse({ ...logEntryCreate(testUlid('PEER', 1), 1, Date.now()), hlc: beyond }).success).toBe(false);
    hlc.counted(2);
  });

  it('refuses an operation stamped beyond the drift guard (up to 9999-12-31T23:59:59.999Z-ffff), and local edits stay possible', async () => {
    const side = await receiverTrusting('auth-far-future', alice);
    const contact = await side.journal.create('contacts', contactInput(), { workspace: 'real' });
    const before = await dbDigest(side.db);
    for (const millis of [Date.parse('9999-12-31T23:59:59.999Z'), now() + 25 * 3_600_000]) {
      const stamp = formatHlc({ millis, counter: 0xffff, node: alice.card.installationId });
      const op: Operation = { opId: testUlid('OPF', millis % 1000), hlc: stamp, origin: alice.card.installationId, workspace: 'real', table: 'contacts', recordId: contact.id, kind: 'update', fields: { name: 'FUTURE', hlc: stamp } };
      const outcome = await importBundle(side, (await bundleBytes(alice, [op])).bytes);
      hlc.counted();
      expect(outcome).toMatchObject({ stage: 'refused', error: { code: 'bundle-clock-ahead' } });
      expect(await dbDigest(side.db)).toBe(before);
    }
    await expect(side.journal.update('contacts', contact.id, { name: 'Edited here later' })).resolves.toMatchObject({ name: 'Edited here later' });
  });

  it('keeps local edits possible after an operation with the highest counter a few hours ahead', async () => {
    const side = await receiverTrusting('auth-near-future', alice);
    const contact = await side.journal.create('contacts', contactInput(), { workspace: 'real' });
    const hlc = formatHlc({ millis: now() + 3 * 3_600_000, counter: 0xffff, node: alice.card.installationId });
    const op: Operation = { opId: testUlid('OPN', 1), hlc, origin: alice.card.installationId, workspace: 'real', table: 'contacts', recordId: contact.id, kind: 'update', fields: { name: 'AHEAD', hlc } };
    expect((await importBundle(side, (await bundleBytes(alice, [op])).bytes)).stage).toBe('applied');
    const edited = await side.journal.update('contacts', contact.id, { name: 'Edited here later' });
    // The later local edit wins: the clock followed the operation and moved on.
    expect(edited.hlc > hlc).toBe(true);
    const history = await side.db.operations.where('[table+recordId]').equals(['contacts', contact.id]).toArray();
    expect(mergeRecord(history).record?.name).toBe('Edited here later');
  });

  it('keeps local edits possible in a database that holds a far-future operation already (let in before the guard), also after reopening', async () => {
    const side = await receiverTrusting('auth-legacy-future', alice);
    const contact = await side.journal.create('contacts', contactInput(), { workspace: 'real' });
    const hlc = formatHlc({ millis: Date.parse('9999-12-31T23:59:59.999Z'), counter: 0xffff, node: alice.card.installationId });
    // Not through a bundle (that is refused): as an older version let it in.
    await side.journal.applyOperations([{ opId: testUlid('OPLEGACY', 1), hlc, origin: alice.card.installationId, workspace: 'real', table: 'contacts', recordId: contact.id, kind: 'update', fields: { name: 'FUTURE', hlc } }]);
    await expect(side.journal.update('contacts', contact.id, { name: 'Edit 1' })).resolves.toMatchObject({ name: 'Edit 1' });
    const reopened = await ChangeJournal.open(side.db, side.installationId);
    await expect(reopened.update('contacts', contact.id, { name: 'Edit 2' })).resolves.toMatchObject({ name: 'Edit 2' });
    await expect(reopened.create('contacts', contactInput(), { workspace: 'real' })).resolves.toMatchObject({ origin: side.installationId });
  });

  it('warns about a bundle whose operation clocks lie ahead (aheadOfThisClockMs looks at op.hlc too)', async () => {
    const side = await receiverTrusting('auth-preview-ahead', alice);
    const op = logEntryCreate(alice.card.installationId, 41, now());
    const ahead: Operation = { ...op, hlc: formatHlc({ millis: now() + 2 * 3_600_000, counter: 0, node: alice.card.installationId }) };
    const verified = await verifyBundle(side.db, fileSourceFromBytes('f.cwb', (await bundleBytes(alice, [ahead])).bytes), 'real', side.installationId, { ageIdentity: () => Promise.reject(new Error('none')) });
    if (!verified.ok) throw new Error(verified.error.detail);
    const preview = await previewImport(side.db, verified.bundle);
    hlc.counted();
    expect(preview.aheadOfThisClockMs).toBeGreaterThan(CLOCK_SKEW_WARNING_MS);
    expect(preview.aheadOfThisClockMs).toBeGreaterThan(3_600_000);
    await discardImport(side.db, preview);
  });
});
