/**
 * `crisis-workbook verify FILE --signer CARD [--identity FILE [--passphrase-file F]] [--workspace W]`
 *
 * Exit 0 when the bundle is intact and signed by the key of CARD, printing one summary line;
 * otherwise exit 1 with one line on stderr: "crisis-workbook: <code>: <reason> (<detail>)".
 * An encrypted bundle must be opened with `--identity` (its signatures are inside).
 */
import { parseArgs } from 'node:util';
import type { ResolveSigner } from '../../shared/bundle/readBundle';
import { cardKeyIdHex, cardSigningKey } from '../../shared/crypto/identity';
import { WorkspaceSchema } from '../../shared/model/workspace';
import { BUNDLE_REFUSAL_SENTENCES, CliError, EXIT_OK, EXIT_REFUSED, UsageError } from '../lib/errors';
import { readBundleFile } from '../lib/bundleFile';
import { loadCard } from '../lib/identities';

export const VERIFY_USAGE = `crisis-workbook verify FILE --signer CARD [--identity FILE] [--passphrase-file FILE]
                      [--workspace real|exercise]
  Exit 0 when FILE is intact and signed by the key of identity card CARD; otherwise
  non-zero with a one-line reason.`;

export async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { signer: { type: 'string' }, identity: { type: 'string' }, 'passphrase-file': { type: 'string' }, workspace: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('verify takes one FILE');
  if (values.signer === undefined) throw new UsageError('verify needs --signer CARD');
  const workspace = values.workspace === undefined ? undefined : WorkspaceSchema.safeParse(values.workspace);
  if (workspace !== undefined && !workspace.success) throw new UsageError('--workspace is real or exercise');

  const card = await loadCard(values.signer);
  const keyId = cardKeyIdHex(card);
  const resolveSigner: ResolveSigner = (id) => (id === keyId ? { publicKey: cardSigningKey(card).publicKey } : null);
  const { head, result } = await readBundleFile(file, {
    resolveSigner,
    identity: values.identity,
    passphraseFile: values['passphrase-file'],
    expectedWorkspace: workspace?.data,
  });
  if (!result.ok) {
    if (result.error.code === 'bundle-not-for-this-installation' && head.encrypted && values.identity === undefined) {
      throw new CliError(result.error.code, `${file} is encrypted: give --identity FILE to open it before its signature can be checked`, EXIT_REFUSED);
    }
    const detail = result.error.code === 'bundle-unknown-signer' ? `${result.error.detail}; not signed by ${card.organisation} (${card.country}) key ${keyId}` : result.error.detail;
    throw new CliError(result.error.code, `${BUNDLE_REFUSAL_SENTENCES[result.error.code]} (${detail})`, EXIT_REFUSED);
  }
  const h = result.bundle.header;
  process.stdout.write(
    `OK: ${file} is intact and signed by ${card.organisation} (${card.country}) key ${keyId}; bundle ${h.bundleId} seq=${h.sequence} ` +
      `workspace=${h.workspace}${h.marking ? ` [${h.marking}]` : ''} operations=${h.operations} highestTlp=${h.highestTlp} fingerprint=${result.bundle.fingerprint}\n`,
  );
  return EXIT_OK;
}
