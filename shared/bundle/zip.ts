/**
 * The bundle container: a deliberately plain ZIP (APPNOTE 6.3) that `unzip` and every archive tool
 * open, written and read here byte for byte.
 *
 * Canonical layout (every field fixed, so the same entries always give the same bytes and any
 * changed byte is noticed):
 *   per entry: local header, version needed 10, flags 0, method 0 (STORED), DOS time 00:00:00,
 *              DOS date 1980-01-01, CRC-32, sizes, name, no extra field, no data descriptor;
 *   central directory: made by UNIX/2.0 (0x0314), same fields, mode 0100644, no comment;
 *   end of central directory: one disk, no comment; no ZIP64, nothing after it.
 *
 * Why not fflate's Zip: its streamed entries use data descriptors and its DOS timestamps depend on
 * the writer's time zone; neither fits a canonical, stream-verifiable container. (fflate still
 * does the gzip of the payload.)
 *
 * Reading is strict and sequential (local headers in order), so a bundle is verified while it
 * streams from a USB stick; the central directory at the end must agree with what was read.
 */
import { fromUtf8, utf8 } from '../crypto/bytes';
import type { ByteReader } from './byteReader';
import { quote, refuse } from './errors';

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const VERSION_NEEDED = 10;
const VERSION_MADE_BY = (3 << 8) | 20; // UNIX, spec 2.0
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0; // regular file, rw-r--r--
const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const END_BYTES = 22;
const MAX_ENTRY_BYTES = 0xfffffffe;

/** The first four bytes of a ZIP file (a local file header). */
export const ZIP_MAGIC = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);

// ---- CRC-32 (IEEE 802.3, as ZIP and gzip use) ----------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** Incremental CRC-32. */
export class Crc32 {
  private c = 0xffffffff;
  update(bytes: Uint8Array): void {
    let c = this.c;
    for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
    this.c = c;
  }
  digest(): number {
    return (this.c ^ 0xffffffff) >>> 0;
  }
}

/** CRC-32 of bytes held in memory. */
export function crc32(bytes: Uint8Array): number {
  const c = new Crc32();
  c.update(bytes);
  return c.digest();
}

// ---- writing -------------------------------------------------------------------------------------

/** One entry to write: its size and CRC must be known before its data (no data descriptors). */
export interface ZipEntrySource {
  readonly name: string;
  readonly size: number;
  readonly crc32: number;
  readonly data: Uint8Array | AsyncIterable<Uint8Array>;
}

interface WrittenEntry {
  readonly name: Uint8Array;
  readonly size: number;
  readonly crc32: number;
  readonly offset: number;
}

/** The ZIP file of the entries, in order, as chunks; entry data is streamed, never copied whole. */
export async function* writeZip(entries: readonly ZipEntrySource[]): AsyncGenerator<Uint8Array> {
  const written: WrittenEntry[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (entry.size > MAX_ENTRY_BYTES) throw new Error(`${entry.name} is too large for a ZIP without ZIP64`);
    const name = utf8(entry.name);
    const header = localHeader(name, entry.size, entry.crc32);
    written.push({ name, size: entry.size, crc32: entry.crc32, offset });
    yield header;
    let seen = 0;
    if (entry.data instanceof Uint8Array) {
      seen = entry.data.length;
      yield entry.data;
    } else {
      for await (const chunk of entry.data) {
        seen += chunk.length;
        yield chunk;
      }
    }
    if (seen !== entry.size) throw new Error(`${entry.name}: ${seen} bytes written, ${entry.size} announced`);
    offset += header.length + entry.size;
  }
  const centralStart = offset;
  let centralSize = 0;
  for (const e of written) {
    const h = centralHeader(e);
    centralSize += h.length;
    yield h;
  }
  yield endOfCentralDirectory(written.length, centralSize, centralStart);
}

function localHeader(name: Uint8Array, size: number, crc: number): Uint8Array {
  const b = new Uint8Array(LOCAL_HEADER_BYTES + name.length);
  const v = new DataView(b.buffer);
  v.setUint32(0, SIG_LOCAL, true);
  v.setUint16(4, VERSION_NEEDED, true);
  v.setUint16(6, 0, true);
  v.setUint16(8, 0, true);
  v.setUint16(10, DOS_TIME, true);
  v.setUint16(12, DOS_DATE, true);
  v.setUint32(14, crc, true);
  v.setUint32(18, size, true);
  v.setUint32(22, size, true);
  v.setUint16(26, name.length, true);
  v.setUint16(28, 0, true);
  b.set(name, LOCAL_HEADER_BYTES);
  return b;
}

function centralHeader(e: WrittenEntry): Uint8Array {
  const b = new Uint8Array(CENTRAL_HEADER_BYTES + e.name.length);
  const v = new DataView(b.buffer);
  v.setUint32(0, SIG_CENTRAL, true);
  v.setUint16(4, VERSION_MADE_BY, true);
  v.setUint16(6, VERSION_NEEDED, true);
  v.setUint16(8, 0, true);
  v.setUint16(10, 0, true);
  v.setUint16(12, DOS_TIME, true);
  v.setUint16(14, DOS_DATE, true);
  v.setUint32(16, e.crc32, true);
  v.setUint32(20, e.size, true);
  v.setUint32(24, e.size, true);
  v.setUint16(28, e.name.length, true);
  v.setUint16(30, 0, true); // extra
  v.setUint16(32, 0, true); // comment
  v.setUint16(34, 0, true); // disk
  v.setUint16(36, 0, true); // internal attributes
  v.setUint32(38, EXTERNAL_ATTRIBUTES, true);
  v.setUint32(42, e.offset, true);
  b.set(e.name, CENTRAL_HEADER_BYTES);
  return b;
}

function endOfCentralDirectory(count: number, size: number, offset: number): Uint8Array {
  const b = new Uint8Array(END_BYTES);
  const v = new DataView(b.buffer);
  v.setUint32(0, SIG_END, true);
  v.setUint16(4, 0, true);
  v.setUint16(6, 0, true);
  v.setUint16(8, count, true);
  v.setUint16(10, count, true);
  v.setUint32(12, size, true);
  v.setUint32(16, offset, true);
  v.setUint16(20, 0, true);
  return b;
}

// ---- reading -------------------------------------------------------------------------------------

/** A local entry header as read; the data follows in the stream. */
export interface ZipEntryHeader {
  readonly name: string;
  readonly size: number;
  readonly crc32: number;
  readonly offset: number;
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * Reads the next local header; returns null when the central directory starts instead.
 * `expectedName`, when given, must match (checked first, so that any other ZIP file is "not
 * recognised" rather than "malformed").
 */
export async function readLocalHeader(reader: ByteReader, index: number, expectedName?: string): Promise<ZipEntryHeader | null> {
  const offset = reader.position;
  const sig = await reader.peek(4);
  if (sig.length === 4 && view(sig).getUint32(0, true) === SIG_CENTRAL) return null;
  const h = await reader.readExact(LOCAL_HEADER_BYTES, `the header of ZIP entry ${index + 1}`);
  const v = view(h);
  if (v.getUint32(0, true) !== SIG_LOCAL) {
    refuse(index === 0 ? 'bundle-not-recognised' : 'bundle-malformed', `no ZIP entry header where entry ${index + 1} should start (offset ${offset})`);
  }
  const nameLength = v.getUint16(26, true);
  if (nameLength === 0 || nameLength > 255) refuse('bundle-malformed', `ZIP entry ${index + 1}: name length ${nameLength}`);
  const nameBytes = await reader.readExact(nameLength, `the name of ZIP entry ${index + 1}`);
  let name: string;
  try {
    name = fromUtf8(nameBytes);
  } catch {
    refuse('bundle-malformed', `ZIP entry ${index + 1}: name is not ASCII`);
  }
  if (!/^[A-Za-z0-9._/-]+$/.test(name) || name.includes('..') || name.startsWith('/')) {
    refuse('bundle-malformed', `ZIP entry ${index + 1}: name ${quote(name)} is not allowed`);
  }
  if (expectedName !== undefined && name !== expectedName) {
    refuse(index === 0 ? 'bundle-not-recognised' : 'bundle-malformed', `ZIP entry ${index + 1} is ${quote(name)}, not ${expectedName}`);
  }
  const fixed: Array<[number, number, string]> = [
    [v.getUint16(4, true), VERSION_NEEDED, 'version needed'],
    [v.getUint16(6, true), 0, 'flags'],
    [v.getUint16(8, true), 0, 'compression method'],
    [v.getUint16(10, true), DOS_TIME, 'time'],
    [v.getUint16(12, true), DOS_DATE, 'date'],
    [v.getUint16(28, true), 0, 'extra field length'],
  ];
  for (const [actual, expected, field] of fixed) {
    if (actual !== expected) refuse('bundle-malformed', `ZIP entry ${index + 1}: ${field} is ${actual}, the bundle format requires ${expected}`);
  }
  const crc = v.getUint32(14, true);
  const compressed = v.getUint32(18, true);
  const size = v.getUint32(22, true);
  if (compressed !== size) refuse('bundle-malformed', `ZIP entry ${index + 1}: stored entry with different sizes`);
  return { name, size, crc32: crc, offset };
}

/** Reads and checks the central directory and end record against the entries read before. */
export async function readCentralDirectory(reader: ByteReader, entries: readonly ZipEntryHeader[]): Promise<void> {
  const centralStart = reader.position;
  for (const [i, e] of entries.entries()) {
    const h = await reader.readExact(CENTRAL_HEADER_BYTES, 'the ZIP central directory');
    const v = view(h);
    const name = utf8(e.name);
    const expected: Array<[number, number, string]> = [
      [v.getUint32(0, true), SIG_CENTRAL, 'signature'],
      [v.getUint16(4, true), VERSION_MADE_BY, 'version made by'],
      [v.getUint16(6, true), VERSION_NEEDED, 'version needed'],
      [v.getUint16(8, true), 0, 'flags'],
      [v.getUint16(10, true), 0, 'method'],
      [v.getUint16(12, true), DOS_TIME, 'time'],
      [v.getUint16(14, true), DOS_DATE, 'date'],
      [v.getUint32(16, true), e.crc32, 'CRC-32'],
      [v.getUint32(20, true), e.size, 'compressed size'],
      [v.getUint32(24, true), e.size, 'size'],
      [v.getUint16(28, true), name.length, 'name length'],
      [v.getUint16(30, true), 0, 'extra length'],
      [v.getUint16(32, true), 0, 'comment length'],
      [v.getUint16(34, true), 0, 'disk'],
      [v.getUint16(36, true), 0, 'internal attributes'],
      [v.getUint32(38, true), EXTERNAL_ATTRIBUTES, 'external attributes'],
      [v.getUint32(42, true), e.offset, 'offset'],
    ];
    for (const [actual, want, field] of expected) {
      if (actual !== want) refuse('bundle-malformed', `ZIP central directory entry ${i + 1}: ${field} does not match the entry`);
    }
    const n = await reader.readExact(name.length, 'the ZIP central directory');
    for (let k = 0; k < name.length; k++) {
      if (n[k] !== name[k]) refuse('bundle-malformed', `ZIP central directory entry ${i + 1}: name does not match the entry`);
    }
  }
  const centralSize = reader.position - centralStart;
  const end = await reader.readExact(END_BYTES, 'the ZIP end record');
  const v = view(end);
  const expected: Array<[number, number, string]> = [
    [v.getUint32(0, true), SIG_END, 'signature'],
    [v.getUint16(4, true), 0, 'disk number'],
    [v.getUint16(6, true), 0, 'central directory disk'],
    [v.getUint16(8, true), entries.length, 'entries on disk'],
    [v.getUint16(10, true), entries.length, 'entries'],
    [v.getUint32(12, true), centralSize, 'central directory size'],
    [v.getUint32(16, true), centralStart, 'central directory offset'],
    [v.getUint16(20, true), 0, 'comment length'],
  ];
  for (const [actual, want, field] of expected) {
    if (actual !== want) refuse('bundle-malformed', `ZIP end record: ${field} does not match the archive`);
  }
  if (!(await reader.atEnd())) refuse('bundle-malformed', 'bytes after the end of the ZIP archive');
}
