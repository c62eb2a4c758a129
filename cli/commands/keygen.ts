/**
 * `crisis-workbook keygen --out DIR [--passphrase-file F] [--organisation O --country CC --person P --role R]`
 *
 * Makes a new identity and writes, in DIR (created if needed; existing files are never replaced):
 *   identity.card.json   the public identity card, to give to peers (canonical JSON)
 *   identity.secret.age  the secret identity, age-encrypted with the passphrase (scrypt, armored)
 *   minisign.pub         the signing key as a minisign public key file (`minisign -Vm … -p`)
 *   age-recipient.txt    the encryption key (`age -r …`)
 * and prints the identity fingerprint to read out over the telephone.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cardSigningKey, generateIdentity, identityCardText, identityFingerprint, protectSecretIdentity, IdentityProfileSchema } from '../../shared/crypto/identity';
import { minisignPublicKeyFile } from '../../shared/crypto/minisign';
import { COUNTRY_CODES } from '../../shared/model/countries';
import { ROLES } from '../../shared/model/roles';
import { CliError, EXIT_OK, UsageError } from '../lib/errors';
import { refuseExisting, writeFileAtomically } from '../lib/files';
import { ask, obtainPassphrase } from '../lib/prompt';

export const KEYGEN_USAGE = `crisis-workbook keygen --out DIR [--passphrase-file FILE]
                       [--organisation NAME --country CC --person NAME --role ROLE]
  Makes a new identity in DIR: identity.card.json (public, give it to peers),
  identity.secret.age (passphrase-protected), minisign.pub, age-recipient.txt.
  Missing profile options are asked on the terminal; the passphrase is read from
  FILE (first line) or asked without echo.
  country: ${COUNTRY_CODES.join(' ')}
  role:    ${ROLES.join(' ')}`;

export const IDENTITY_FILES = {
  card: 'identity.card.json',
  secret: 'identity.secret.age',
  minisignPublicKey: 'minisign.pub',
  ageRecipient: 'age-recipient.txt',
} as const;

export async function keygen(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      'passphrase-file': { type: 'string' },
      organisation: { type: 'string' },
      country: { type: 'string' },
      person: { type: 'string' },
      role: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const dir = values.out;
  if (dir === undefined) throw new UsageError('keygen needs --out DIR');
  const paths = Object.fromEntries(Object.entries(IDENTITY_FILES).map(([k, name]) => [k, join(dir, name)])) as Record<keyof typeof IDENTITY_FILES, string>;
  for (const p of Object.values(paths)) await refuseExisting(p);

  const profile = IdentityProfileSchema.omit({ installationId: true }).safeParse({
    organisation: values.organisation ?? (await ask('Organisation: ')),
    country: (values.country ?? (await ask(`Country (${COUNTRY_CODES.join(' ')}): `))).toUpperCase(),
    person: values.person ?? (await ask('Person: ')),
    role: values.role ?? (await ask(`Role (${ROLES.join(' ')}): `)),
  });
  if (!profile.success) {
    const issue = profile.error.issues[0];
    throw new UsageError(`invalid profile: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
  }
  const passphrase = await obtainPassphrase(values['passphrase-file'], 'to protect the new identity', true);
  const secret = await generateIdentity(profile.data);
  const protectedSecret = await protectSecretIdentity(secret, passphrase);

  await mkdir(dir, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw new CliError('file-write-failed', `cannot create ${dir}: ${e.code ?? String(e)}`);
  });
  const text = (s: string): Uint8Array[] => [new TextEncoder().encode(s)];
  await writeFileAtomically(paths.secret, [protectedSecret], 0o600);
  await writeFileAtomically(paths.card, text(identityCardText(secret.card)));
  await writeFileAtomically(paths.minisignPublicKey, text(minisignPublicKeyFile(cardSigningKey(secret.card))));
  await writeFileAtomically(paths.ageRecipient, text(`${secret.card.encryptionKey}\n`));

  process.stdout.write(
    `new identity for ${secret.card.organisation} (${secret.card.country}), ${secret.card.person}, ${secret.card.role}\n` +
      `installation: ${secret.card.installationId}\n` +
      `fingerprint:  ${identityFingerprint(secret.card)}\n` +
      `public card:  ${paths.card}\n` +
      `secret:       ${paths.secret} (keep it; protected by your passphrase)\n`,
  );
  return EXIT_OK;
}
