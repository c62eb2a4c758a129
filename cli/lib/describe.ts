/**
 * Human-readable and JSON descriptions of a bundle header, shared by `inspect` and `verify`.
 */
import type { BundleHeader } from '../../shared/bundle/header';
import { identityFingerprint } from '../../shared/crypto/identity';

export interface BundleDescription {
  readonly file: string;
  readonly encrypted: boolean;
  readonly fingerprint: string | null;
  readonly formatVersion: string | null;
  readonly bundleId: string | null;
  readonly createdAt: string | null;
  readonly workspace: string | null;
  readonly marking: string | null;
  readonly signer: {
    readonly organisation: string;
    readonly country: string;
    readonly person: string;
    readonly role: string;
    readonly installationId: string;
    readonly keyId: string;
    readonly fingerprint: string;
  } | null;
  readonly sequence: number | null;
  readonly scope: BundleHeader['scope'] | null;
  readonly to: readonly string[];
  readonly highestTlp: string | null;
  readonly operations: number | null;
  readonly counts: Record<string, number>;
  readonly payloadBytes: number | null;
}

export function describeHeader(file: string, encrypted: boolean, header: BundleHeader | undefined, fingerprint: string | undefined): BundleDescription {
  return {
    file,
    encrypted,
    fingerprint: fingerprint ?? null,
    formatVersion: header?.formatVersion ?? null,
    bundleId: header?.bundleId ?? null,
    createdAt: header?.createdAt ?? null,
    workspace: header?.workspace ?? null,
    marking: header?.marking ?? null,
    signer: header
      ? {
          organisation: header.sender.organisation,
          country: header.sender.country,
          person: header.sender.card.person,
          role: header.sender.card.role,
          installationId: header.sender.installationId,
          keyId: header.sender.keyId,
          fingerprint: identityFingerprint(header.sender.card),
        }
      : null,
    sequence: header?.sequence ?? null,
    scope: header?.scope ?? null,
    to: header?.to ?? [],
    highestTlp: header?.highestTlp ?? null,
    operations: header?.operations ?? null,
    counts: header?.counts ?? {},
    payloadBytes: header?.payload.bytes ?? null,
  };
}

/** Aligned "label: value" lines for people; `extra` rows go last. */
export function formatDescription(d: BundleDescription, headerSaysEncrypted: boolean, extra: ReadonlyArray<[string, string]> = []): string {
  const rows: Array<[string, string]> = [['file', d.file]];
  if (d.marking) rows.push(['marking', d.marking]);
  rows.push(['encrypted', d.encrypted ? 'yes (age)' : headerSaysEncrypted ? 'no — a decrypted copy of an encrypted bundle: keep it as its TLP label requires' : 'no']);
  if (d.bundleId !== null) {
    rows.push(['bundle', `${d.bundleId} (format ${d.formatVersion ?? '?'})`]);
    rows.push(['fingerprint', d.fingerprint ?? '?']);
    rows.push(['created', d.createdAt ?? '?']);
    rows.push(['workspace', d.workspace ?? '?']);
    if (d.signer) {
      rows.push(['signer', `${d.signer.organisation} (${d.signer.country}), ${d.signer.person}, ${d.signer.role}`]);
      rows.push(['signer key', `${d.signer.keyId}, identity fingerprint ${d.signer.fingerprint}`]);
      rows.push(['installation', d.signer.installationId]);
    }
    rows.push(['sequence', String(d.sequence ?? '?')]);
    if (d.scope) rows.push(['scope', d.scope.kind + (d.scope.incidentId ? ` ${d.scope.incidentId}` : '')]);
    rows.push(['to', d.to.length > 0 ? d.to.join(', ') : '(anyone)']);
    rows.push(['highest TLP', d.highestTlp ?? '?']);
    const counts = Object.entries(d.counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
    rows.push(['operations', `${d.operations ?? '?'}${counts ? ` (${counts})` : ''}`]);
    rows.push(['payload', `${d.payloadBytes ?? '?'} bytes compressed`]);
  }
  rows.push(...extra);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${(k + ':').padEnd(width + 2)}${v}`).join('\n') + '\n';
}
