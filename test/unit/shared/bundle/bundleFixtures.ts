/**
 * Builders shared by the bundle, crypto and command-line tests: identities, realistic operations,
 * and helpers to move bundles between chunks and bytes.
 */
import { cardSigningKey, generateIdentity, secretIdentitySigner, type IdentityCard, type SecretIdentity } from '../../../../shared/crypto/identity';
import { formatHlc } from '../../../../shared/journal/hlc';
import type { Operation } from '../../../../shared/journal/operation';
import type { KnownSigner, ResolveSigner } from '../../../../shared/bundle/readBundle';
import { writeBundle, type WriteBundleOptions, type WrittenBundle } from '../../../../shared/bundle/writeBundle';
import type { Tlp } from '../../../../shared/model/tlp';
import type { Workspace } from '../../../../shared/model/workspace';
import { unzipSync } from 'fflate';
import { toHex } from '../../../../shared/crypto/bytes';
import { crc32, writeZip } from '../../../../shared/bundle/zip';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A deterministic ULID-shaped id: 10-char time part, 16-char sequence part. */
export function testUlid(prefix: string, n: number): string {
  let tail = '';
  let v = n;
  for (let i = 0; i < 16; i++) {
    tail = (CROCKFORD[v % 32] ?? '0') + tail;
    v = Math.floor(v / 32);
  }
  const head = (prefix.toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0').replace(/U/g, 'V') + '0000000000').slice(0, 10);
  return '0' + head.slice(1) + tail;
}

export async function makeIdentity(organisation = 'NCSC-NL', country: 'NL' | 'BE' | 'DE' | 'FR' = 'NL'): Promise<SecretIdentity> {
  return generateIdentity({ organisation, country, person: 'J. Jansen', role: 'csirt' });
}

const WORDS = ['phishing', 'ransomware', 'outage', 'port', 'ministry', 'escalation', 'EU-CyCLONe', 'sitrep', 'contact', 'backup', 'restored', 'decision', 'energy', 'grid', 'DNS', 'CSIRT'];

/** Text of a realistic length (80–400 characters), deterministic in `seed`. */
export function logText(seed: number): string {
  const length = 80 + ((seed * 7919) % 321);
  let s = '';
  for (let i = 0; s.length < length; i++) s += (s ? ' ' : '') + (WORDS[(seed * 31 + i * 17) % WORDS.length] ?? 'x');
  return s.slice(0, length);
}

/** `n` log-entry create operations of one origin, in clock order. */
export function logEntryOperations(
  n: number,
  options: { origin: string; workspace?: Workspace; startMs?: number; tlp?: (i: number) => Tlp; idPrefix?: string } = { origin: testUlid('ORIGIN', 1) },
): Operation[] {
  const workspace = options.workspace ?? 'real';
  const start = options.startMs ?? Date.parse('2026-03-01T08:00:00.000Z');
  const incidentId = testUlid('INCIDENT', 1);
  const ops: Operation[] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(start + i * 1000).toISOString();
    const hlc = formatHlc({ millis: start + i * 1000, counter: 0, node: options.origin });
    const recordId = testUlid(options.idPrefix ?? 'LOGENTRY', i);
    ops.push({
      opId: testUlid('OP' + (options.idPrefix ?? ''), i),
      hlc,
      origin: options.origin,
      workspace,
      table: 'logEntries',
      recordId,
      kind: 'create',
      fields: {
        id: recordId,
        workspace,
        origin: options.origin,
        tlp: options.tlp?.(i) ?? 'GREEN',
        createdAt: at,
        updatedAt: at,
        hlc,
        deleted: false,
        incidentId,
        kind: 'observation',
        text: logText(i),
        occurredAt: at,
        author: 'J. Jansen, NCSC-NL',
      },
    });
  }
  return ops;
}

export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const c of chunks) {
    parts.push(c);
    n += c.length;
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Bytes as a stream of chunks of `size` bytes (a USB stick read in pieces). */
export async function* chunksOf(bytes: Uint8Array, size = 4096): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) {
    await Promise.resolve();
    yield bytes.slice(i, i + size);
  }
}

/** A keyring that knows exactly these cards. */
export function keyringOf(...cards: IdentityCard[]): ResolveSigner {
  const known = new Map<string, KnownSigner>(cards.map((c) => [toHex(cardSigningKey(c).keyId), { publicKey: cardSigningKey(c).publicKey }]));
  return (keyId) => known.get(keyId) ?? null;
}

/** Writes a bundle from `sender` and returns it with its bytes. */
export async function bundleBytes(
  sender: SecretIdentity,
  operations: readonly Operation[],
  extra: Partial<Omit<WriteBundleOptions, 'operations' | 'signer' | 'senderCard'>> = {},
): Promise<{ written: WrittenBundle; bytes: Uint8Array }> {
  const written = await writeBundle({
    operations,
    signer: secretIdentitySigner(sender),
    senderCard: sender.card,
    workspace: 'real',
    sequence: 1,
    scope: { kind: 'incremental' },
    ...extra,
  });
  return { written, bytes: await collect(written.chunks) };
}

/** The entries of a (plain) bundle, in order. */
export function entriesOf(bundle: Uint8Array): Array<{ name: string; data: Uint8Array }> {
  const files = unzipSync(bundle);
  return Object.entries(files).map(([name, data]) => ({ name, data }));
}

/**
 * A bundle rebuilt from entries with correct ZIP checksums: what a deliberate forger produces
 * (as opposed to a random flipped byte, which the CRC-32 already catches).
 */
export async function rezip(entries: Array<{ name: string; data: Uint8Array }>): Promise<Uint8Array> {
  return collect(writeZip(entries.map((e) => ({ name: e.name, size: e.data.length, crc32: crc32(e.data), data: e.data }))));
}
