/**
 * Fuzzing the import of bundles into the database (issue 9), the way the exchange screen does it
 * (verify → preview → apply, renderer/src/db/exchange.ts) on fake-indexeddb: a refused bundle, or
 * one whose apply fails, leaves every table exactly as it was; an accepted one never touches the
 * installation's own tables (profile, keyring, exchange log, outage).
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../shared/bundle/canonical';
import { BUNDLE_ERROR_CODES } from '../../shared/bundle/errors';
import type { BundleHeader } from '../../shared/bundle/header';
import type { SecretIdentity } from '../../shared/crypto/identity';
import type { Operation } from '../../shared/journal/operation';
import { LOCAL_TABLES } from '../../shared/journal/tables';
import { logEntryOperations, makeIdentity } from '../unit/shared/bundle/bundleFixtures';
import { bundleBytes, gzLines, headerFor, headerTemplate, sealRaw } from './bundleKit';
import { dbDigest, importBundle, receiverTrusting, type Installation } from './dbKit';
import { TEST_TIMEOUT_MS, fuzzParser, reportCounts } from './fuzzKit';
import { byteMutations, jsonMutations, jsonText, mutateBytes, mutateJson } from './hostile';
import { incidentInput } from '../helpers/workbookDb';
import type { WorkbookDb } from '../../renderer/src/db/WorkbookDb';

reportCounts('bundleImport');

let alice: SecretIdentity;
let ops: Operation[];
let plain: Uint8Array;
let template: BundleHeader;

beforeAll(async () => {
  alice = await makeIdentity('NCSC-NL', 'NL');
  ops = logEntryOperations(6, { origin: alice.card.installationId });
  plain = (await bundleBytes(alice, ops)).bytes;
  template = await headerTemplate(alice);
});

/** A receiver with something of its own in every kind of table: an incident, a log entry, a contact. */
async function populatedReceiver(label: string): Promise<Installation> {
  const side = await receiverTrusting(label, alice);
  const incident = await side.journal.create('incidents', incidentInput(), { workspace: 'real' });
  await side.journal.create(
    'logEntries',
    { incidentId: incident.id, kind: 'observation', text: 'own entry', occurredAt: incident.createdAt, author: 'R. Receiver', tlp: 'GREEN' } as never,
    { workspace: 'real' },
  );
  return side;
}

/** Digest of the installation's own, never-replicated tables. */
async function localDigest(db: WorkbookDb): Promise<string> {
  const rows = await Promise.all(LOCAL_TABLES.map((t) => db.table(t).toArray()));
  return JSON.stringify(rows);
}

describe('bundle import (DB)', () => {
  const imports = fuzzParser('bundle import (DB)', 2);

  it('leaves the database exactly as it was when a mutated bundle is refused', { timeout: TEST_TIMEOUT_MS }, async () => {
    const side = await populatedReceiver('fuzz-import-mutated');
    let before = await dbDigest(side.db);
    await imports.checkAsync(400, [byteMutations], async (mutations) => {
      const changed = mutateBytes(plain, mutations);
      const outcome = await importBundle(side, changed);
      if (outcome.stage === 'refused') {
        expect(BUNDLE_ERROR_CODES).toContain(outcome.error.code);
        expect(await dbDigest(side.db)).toBe(before);
      } else {
        // Only the unchanged bundle verifies (a mutation that wrote the same bytes back): importing it is the one change allowed.
        expect(changed).toEqual(plain);
        before = await dbDigest(side.db);
      }
    });
  });

  it('changes nothing on refusal or failed apply, and never the local tables, for signed hostile operations', { timeout: TEST_TIMEOUT_MS }, async () => {
    const side = await populatedReceiver('fuzz-import-signed');
    const local = await localDigest(side.db);
    let sequence = 1;
    await imports.checkAsync(200, [fc.array(fc.tuple(fc.nat({ max: 5 }), fc.option(jsonMutations, { nil: undefined })), { minLength: 1, maxLength: 5 })], async (picks) => {
      const values = picks.map(([i, m]) => (m ? mutateJson(ops[i] as Operation, m) : ops[i]));
      const texts = values.flatMap((v) => {
        const t = jsonText(v, canonicalize);
        return t === null ? [] : [t];
      });
      const gz = gzLines(texts);
      sequence += 1;
      let bytes: Uint8Array;
      try {
        bytes = await sealRaw(alice, headerFor(template, gz, { logEntries: texts.length }, { sequence }), gz);
      } catch {
        return;
      }
      const before = await dbDigest(side.db);
      const outcome = await importBundle(side, bytes);
      if (outcome.stage !== 'applied') expect(await dbDigest(side.db)).toBe(before);
      expect(await localDigest(side.db)).toBe(local);
    });
  });
});

describe('bundle import: whole or nothing', () => {
  it('applies nothing when the last record of a verified bundle is invalid', async () => {
    const side = await populatedReceiver('fuzz-import-invalid');
    const bad = logEntryOperations(50, { origin: alice.card.installationId, idPrefix: 'BAD' });
    const last = bad[bad.length - 1] as Operation;
    bad[bad.length - 1] = { ...last, fields: { ...last.fields, text: '' } };
    const before = await dbDigest(side.db);
    const outcome = await importBundle(side, (await bundleBytes(alice, bad, { sequence: 7 })).bytes);
    expect(outcome.stage).toBe('apply-failed');
    expect(await dbDigest(side.db)).toBe(before);
  });
});
