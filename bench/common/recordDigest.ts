/**
 * A digest of a set of records, the same in Node and in the page (WebCrypto SHA-256 exists in
 * both): one line per record, `table TAB canonical JSON`, sorted by table then id. The benchmark
 * compares the digest of what the replica holds after a run with the digest of the dataset, so a
 * fast import that stored the wrong thing cannot pass for a result.
 */
import { canonicalJson } from '../../shared/journal/canonical';

export interface DigestRow {
  readonly table: string;
  readonly record: { readonly id: string } & Readonly<Record<string, unknown>>;
}

export async function recordDigest(rows: readonly DigestRow[]): Promise<string> {
  const sorted = [...rows].sort((a, b) => (a.table !== b.table ? (a.table < b.table ? -1 : 1) : a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
  const text = sorted.map((row) => `${row.table}\t${canonicalJson(row.record)}\n`).join('');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
