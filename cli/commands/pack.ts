/**
 * `crisis-workbook pack --identity FILE --records FILE.ndjson --out FILE [--to CARD …]
 *                       [--workspace real|exercise] [--passphrase-file F] [--sequence N]
 *                       [--scope incremental|snapshot|incident] [--incident ID] [--include-red]`
 *
 * Makes a signed bundle from JSON lines (see cli/lib/records.ts for the accepted shapes); with
 * `--to` it is encrypted to those identity cards. TLP 2.0 is applied as in the application: AMBER
 * and AMBER+STRICT only when encrypted; RED only with `--include-red`, which states that every
 * `--to` recipient is chosen for every RED record. What is left out is listed on stderr.
 *
 * The per-sender sequence number is `--sequence N`, or else one more than the number kept in
 * `<identity file>.sequence` (created on first use, updated after each bundle).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { writeBundle } from '../../shared/bundle/writeBundle';
import { filterOperationsByTlp } from '../../shared/bundle/tlpPolicy';
import { secretIdentitySigner } from '../../shared/crypto/identity';
import { RecordIdSchema } from '../../shared/model/ids';
import { WorkspaceSchema } from '../../shared/model/workspace';
import { CliError, EXIT_OK, UsageError } from '../lib/errors';
import { nodeBlake2b512, readTextFile, writeFileAtomically } from '../lib/files';
import { loadCard, loadSecretIdentity } from '../lib/identities';
import { recordsToOperations } from '../lib/records';

export const PACK_USAGE = `crisis-workbook pack --identity FILE --records FILE.ndjson --out FILE
                    [--to CARD ...] [--workspace real|exercise] [--passphrase-file FILE]
                    [--sequence N] [--scope incremental|snapshot|incident] [--incident ID]
                    [--include-red]
  Signs (and with --to, encrypts) a bundle of the records or operations in FILE.ndjson.`;

async function nextSequence(identityPath: string, given: string | undefined): Promise<{ sequence: number; save: () => Promise<void> }> {
  const counterFile = `${identityPath}.sequence`;
  if (given !== undefined) {
    const n = Number(given);
    if (!Number.isSafeInteger(n) || n < 1) throw new UsageError('--sequence is a whole number ≥ 1');
    return { sequence: n, save: () => Promise.resolve() };
  }
  let last = 0;
  try {
    last = Number((await readFile(counterFile, 'utf8')).trim());
    if (!Number.isSafeInteger(last) || last < 0) throw new CliError('sequence-invalid', `${counterFile} does not hold a number`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new CliError('file-read-failed', `cannot read ${counterFile}`);
  }
  return { sequence: last + 1, save: () => writeFile(counterFile, `${last + 1}\n`) };
}

export async function pack(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      identity: { type: 'string' },
      records: { type: 'string' },
      out: { type: 'string' },
      to: { type: 'string', multiple: true },
      workspace: { type: 'string' },
      'passphrase-file': { type: 'string' },
      sequence: { type: 'string' },
      scope: { type: 'string' },
      incident: { type: 'string' },
      'include-red': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.identity === undefined || values.records === undefined || values.out === undefined) throw new UsageError('pack needs --identity FILE --records FILE --out FILE');
  const workspace = WorkspaceSchema.safeParse(values.workspace ?? 'real');
  if (!workspace.success) throw new UsageError('--workspace is real or exercise');
  const scopeKind = values.scope ?? (values.incident !== undefined ? 'incident' : 'incremental');
  if (scopeKind !== 'incremental' && scopeKind !== 'snapshot' && scopeKind !== 'incident') throw new UsageError('--scope is incremental, snapshot or incident');
  if ((scopeKind === 'incident') !== (values.incident !== undefined)) throw new UsageError('--scope incident goes with --incident ID');
  if (values.incident !== undefined && !RecordIdSchema.safeParse(values.incident).success) throw new UsageError('--incident is a record id (ULID)');

  const recipients = await Promise.all((values.to ?? []).map((p) => loadCard(p)));
  const secret = await loadSecretIdentity(values.identity, values['passphrase-file']);
  const sequence = await nextSequence(values.identity, values.sequence);
  const operations = recordsToOperations(await readTextFile(values.records, 'records file'), {
    installationId: secret.card.installationId,
    workspace: workspace.data,
  });

  const encryptedTo = recipients.map((r) => r.installationId);
  const decision = filterOperationsByTlp(operations, { encryptedTo }, {
    // Records given whole carry their label; update operations of records not in the file have
    // none, and are then left out (label unknown) rather than guessed.
    currentTlp: () => undefined,
    redRecipients: () => (values['include-red'] === true ? encryptedTo : undefined),
  });
  for (const l of decision.leftOut) process.stderr.write(`left out: ${l.table} ${l.recordId} (${l.tlp ?? 'no label'}): ${l.reason}\n`);

  const written = await writeBundle({
    operations: decision.included,
    signer: secretIdentitySigner(secret),
    senderCard: secret.card,
    workspace: workspace.data,
    sequence: sequence.sequence,
    scope: scopeKind === 'incident' ? { kind: 'incident', incidentId: values.incident } : { kind: scopeKind },
    recipients,
    highestTlp: decision.highestTlp,
    blake2b512: nodeBlake2b512,
  });
  const bytes = await writeFileAtomically(values.out, written.chunks);
  await sequence.save();
  const h = written.header;
  const counts = Object.entries(h.counts)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  process.stdout.write(
    `wrote ${values.out} (${bytes} bytes)${h.marking ? ` — ${h.marking}` : ''}\n` +
      `bundle:      ${h.bundleId} seq=${h.sequence} workspace=${h.workspace}\n` +
      `operations:  ${h.operations}${counts ? ` (${counts})` : ''}, highest TLP ${h.highestTlp}\n` +
      `encrypted:   ${h.encrypted ? `yes, to ${recipients.map((r) => `${r.organisation} (${r.country})`).join(', ')}` : 'no'}\n` +
      `fingerprint: ${written.fingerprint}\n` +
      (decision.leftOut.length > 0 ? `left out:    ${decision.leftOut.length} record(s), see above\n` : ''),
  );
  return EXIT_OK;
}
