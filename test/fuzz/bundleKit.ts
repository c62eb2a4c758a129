/**
 * Bundles made for fuzzing: a genuine signer sealing whatever header and payload bytes a property
 * chooses, so that the reader's checks *after* the signatures (header schema, payload lines,
 * operations, limits) are reached, not only the checksum and signature checks.
 */
import { gzipSync } from 'fflate';
import { canonicalize } from '../../shared/bundle/canonical';
import type { BundleHeader } from '../../shared/bundle/header';
import { sealBundle } from '../../shared/bundle/writeBundle';
import { crc32 } from '../../shared/bundle/zip';
import { blake2b512 } from '../../shared/crypto/blake2b';
import { toHex } from '../../shared/crypto/bytes';
import { secretIdentitySigner, type SecretIdentity } from '../../shared/crypto/identity';
import { formatHlc } from '../../shared/journal/hlc';
import type { Operation } from '../../shared/journal/operation';
import { bundleBytes, chunksOf, collect, testUlid } from '../unit/shared/bundle/bundleFixtures';

export { bundleBytes, chunksOf, collect, testUlid };

/** Seals `header` (any JSON object) and `payload` (any bytes) with `who`'s key. */
export async function sealRaw(who: SecretIdentity, header: Record<string, unknown>, payload: Uint8Array): Promise<Uint8Array> {
  const { chunks } = await sealBundle({
    header: header as Record<string, unknown> & Pick<BundleHeader, 'bundleId' | 'sequence' | 'workspace'>,
    payload: { bytes: payload.length, crc32: crc32(payload), blake2b512: blake2b512(payload), chunks: chunksOf(payload) },
    signer: secretIdentitySigner(who),
  });
  return collect(chunks);
}

/** The NDJSON payload of `lines` (each line's text as given, so non-canonical lines are possible), gzipped. */
export function gzLines(lines: readonly string[]): Uint8Array {
  return gzipSync(new TextEncoder().encode(lines.map((l) => `${l}\n`).join('')), { mtime: 0 });
}

/**
 * A header that matches `payload` (size, hash) and announces `counts`, from `who`, starting from
 * a real written header (`template`) so that every other field is valid.
 */
export function headerFor(template: BundleHeader, payload: Uint8Array, counts: Record<string, number>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const operations = Object.values(counts).reduce((a, b) => a + b, 0);
  const base = JSON.parse(JSON.stringify(template)) as Record<string, unknown> & { payload: Record<string, unknown> };
  return {
    ...base,
    counts,
    operations,
    payload: { ...base.payload, bytes: payload.length, blake2b512: toHex(blake2b512(payload)) },
    ...overrides,
  };
}

/** A header template written by `who` (one harmless operation). */
export async function headerTemplate(who: SecretIdentity): Promise<BundleHeader> {
  return (await bundleBytes(who, [])).written.header;
}

/** Seals operations given as objects (canonical lines, in the order given, counts computed). */
export async function sealOperations(who: SecretIdentity, template: BundleHeader, operations: readonly unknown[], overrides: Record<string, unknown> = {}): Promise<Uint8Array> {
  const lines = operations.map((op) => canonicalize(op));
  const counts: Record<string, number> = {};
  for (const op of operations) {
    const table = (op as { table?: unknown }).table;
    const key = typeof table === 'string' ? table : 'logEntries';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const payload = gzLines(lines);
  return sealRaw(who, headerFor(template, payload, counts, overrides), payload);
}

/** A complete, valid operation creating a log entry (`at` ms, `n` distinguishes ids). */
export function logEntryCreate(origin: string, n: number, at: number, overrides: Partial<Record<string, unknown>> = {}): Operation {
  const iso = new Date(at).toISOString();
  const hlc = formatHlc({ millis: at, counter: 0, node: origin });
  const recordId = testUlid('FUZZLOG', n);
  return {
    opId: testUlid('FUZZOP', n),
    hlc,
    origin,
    workspace: 'real',
    table: 'logEntries',
    recordId,
    kind: 'create',
    fields: {
      id: recordId,
      workspace: 'real',
      origin,
      tlp: 'GREEN',
      createdAt: iso,
      updatedAt: iso,
      hlc,
      deleted: false,
      incidentId: testUlid('INCIDENT', 1),
      kind: 'observation',
      text: `entry ${n}`,
      occurredAt: iso,
      author: 'J. Jansen, NCSC-NL',
      ...overrides,
    },
  };
}
