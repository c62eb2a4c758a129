/**
 * Loading identity files for the command-line tool: public identity cards (verified, including
 * their self-signature) and passphrase-protected secret identities.
 */
import { parseIdentityCard, unprotectSecretIdentity, type IdentityCard, type SecretIdentity } from '../../shared/crypto/identity';
import { CliError, IDENTITY_SENTENCES } from './errors';
import { readBinaryFile, readTextFile } from './files';
import { obtainPassphrase } from './prompt';

export async function loadCard(path: string): Promise<IdentityCard> {
  const parsed = parseIdentityCard(await readTextFile(path, 'identity card'));
  if (!parsed.ok) throw new CliError(parsed.code, `${path}: ${IDENTITY_SENTENCES[parsed.code]} (${parsed.detail})`);
  return parsed.card;
}

export async function loadSecretIdentity(path: string, passphraseFile: string | undefined): Promise<SecretIdentity> {
  const file = await readBinaryFile(path, 'identity');
  const passphrase = await obtainPassphrase(passphraseFile, `for ${path}`);
  const opened = await unprotectSecretIdentity(file, passphrase);
  if (!opened.ok) throw new CliError(opened.code, `${path}: ${IDENTITY_SENTENCES[opened.code]} (${opened.detail})`);
  return opened.secret;
}
