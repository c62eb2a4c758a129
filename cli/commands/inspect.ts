/**
 * `crisis-workbook inspect FILE [--json] [--identity FILE [--passphrase-file F]]`
 *
 * Prints what a bundle says about itself: header, signer, workspace, highest TLP label, counts,
 * fingerprint. The whole file is checked for integrity against the key in the sender card the
 * bundle carries; that shows the file is intact and self-consistent, NOT who made it: trust is
 * `verify --signer CARD` (or comparing the identity fingerprint over the telephone).
 * An encrypted bundle is described from outside unless `--identity` opens it.
 * Exit 0 when the file is intact (or encrypted and not opened), 1 when it is refused.
 */
import { parseArgs } from 'node:util';
import type { ResolveSigner } from '../../shared/bundle/readBundle';
import { cardSigningKey, verifyIdentityCard } from '../../shared/crypto/identity';
import { BUNDLE_REFUSAL_SENTENCES, EXIT_OK, EXIT_REFUSED, UsageError } from '../lib/errors';
import { bundleFileHead, readBundleFile } from '../lib/bundleFile';
import { describeHeader, formatDescription } from '../lib/describe';

export const INSPECT_USAGE = `crisis-workbook inspect FILE [--json] [--identity FILE] [--passphrase-file FILE]
  Shows header, signer, workspace, highest TLP label and counts of a bundle, and checks that
  the file is intact (against the sender card it carries; use verify for trust).`;

/** Trusts, for inspection only, the key of the card the bundle itself carries (if that card is self-signed). */
const embeddedCard: ResolveSigner = (_keyId, claimed) => (verifyIdentityCard(claimed.sender.card).ok ? { publicKey: cardSigningKey(claimed.sender.card).publicKey } : null);

export async function inspect(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, identity: { type: 'string' }, 'passphrase-file': { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('inspect takes one FILE');
  const json = values.json === true;

  const head = await bundleFileHead(file);
  if (head.encrypted && values.identity === undefined) {
    if (json) {
      process.stdout.write(`${JSON.stringify({ ...describeHeader(file, true, undefined, undefined), encryptedRecipients: head.recipients, opened: false, check: null }, null, 2)}\n`);
    } else {
      process.stdout.write(
        `file:       ${file}\nencrypted:  yes (age${head.recipients !== null ? `, ${head.recipients} recipient(s)` : ''})\n` +
          `            give --identity FILE to look inside\n`,
      );
    }
    return EXIT_OK;
  }

  const { result } = await readBundleFile(file, { resolveSigner: embeddedCard, identity: values.identity, passphraseFile: values['passphrase-file'] });
  const header = result.ok ? result.bundle.header : result.header;
  const fingerprint = result.ok ? result.bundle.fingerprint : result.fingerprint;
  const description = describeHeader(file, head.encrypted, header, fingerprint);
  const check = result.ok
    ? { ok: true as const, integrity: 'intact; signatures match the key in the sender card it carries (not a trust decision)' }
    : { ok: false as const, code: result.error.code, reason: BUNDLE_REFUSAL_SENTENCES[result.error.code], detail: result.error.detail };
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...description, encryptedRecipients: head.recipients, opened: true, check }, null, 2)}\n`);
  } else {
    const verdict: [string, string] = check.ok ? ['integrity', check.integrity] : ['REFUSED', `${check.code}: ${check.reason} (${check.detail})`];
    process.stdout.write(formatDescription(description, header?.encrypted === true, [verdict]));
  }
  return check.ok ? EXIT_OK : EXIT_REFUSED;
}
