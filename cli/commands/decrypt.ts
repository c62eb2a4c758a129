/**
 * `crisis-workbook decrypt FILE --identity FILE --out FILE [--passphrase-file F]`
 *
 * Writes the plain bundle inside an encrypted one, as `age -d -i key.txt` would, streaming. The
 * result is NOT verified (use `verify` on it); it holds whatever TLP labels the bundle does, so
 * keep it where those labels allow.
 */
import { parseArgs } from 'node:util';
import { BundleRefusal } from '../../shared/bundle/errors';
import { decryptBundle } from '../../shared/bundle/readBundle';
import { BUNDLE_REFUSAL_SENTENCES, CliError, EXIT_OK, EXIT_REFUSED, UsageError } from '../lib/errors';
import { readFileChunks, writeFileAtomically } from '../lib/files';
import { loadSecretIdentity } from '../lib/identities';

export const DECRYPT_USAGE = `crisis-workbook decrypt FILE --identity FILE --out FILE [--passphrase-file FILE]
  Writes the plain bundle inside encrypted bundle FILE to --out (not verified: use verify).`;

export async function decrypt(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { identity: { type: 'string' }, out: { type: 'string' }, 'passphrase-file': { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('decrypt takes one FILE');
  if (values.identity === undefined || values.out === undefined) throw new UsageError('decrypt needs --identity FILE --out FILE');
  const secret = await loadSecretIdentity(values.identity, values['passphrase-file']);
  try {
    const bytes = await writeFileAtomically(values.out, decryptBundle(readFileChunks(file), [secret.ageIdentity]));
    process.stdout.write(`wrote ${values.out} (${bytes} bytes, not yet verified: use crisis-workbook verify)\n`);
  } catch (e) {
    if (e instanceof BundleRefusal) throw new CliError(e.error.code, `${BUNDLE_REFUSAL_SENTENCES[e.error.code]} (${e.error.detail})`, EXIT_REFUSED);
    throw e;
  }
  return EXIT_OK;
}
