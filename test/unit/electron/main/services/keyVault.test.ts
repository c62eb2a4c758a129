/**
 * The desktop key vault on a real temporary folder, with a fake `safeStorage` (AES-GCM under a
 * random key): what is on disk, who can sign and decrypt, and what is refused.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient, type Identity, type Stanza } from 'age-encryption';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyVault, IDENTITY_FILE_NAME, type KeyVault, type SecretProtector } from '../../../../../electron/main/services/keyVault';
import { ageIdentitySecretBytes } from '../../../../../electron/main/services/ageX25519';
import { fromBase64, toBase64, toHex } from '../../../../../shared/crypto/bytes';
import { cardSigningKey, generateIdentity, protectSecretIdentity, unprotectSecretIdentity, type SecretIdentity } from '../../../../../shared/crypto/identity';
import { newRecordId } from '../../../../../shared/model/ids';
import { FakeSecretProtector } from '../../../../helpers/fakeSecretProtector';

const PASSPHRASE = 'correct horse battery staple';
const SCRYPT = 10; // test-only work factor: the default (18) takes over a second per backup

function profile(installationId = newRecordId()) {
  return { installationId, organisation: 'NCSC Testland', country: 'NL', person: 'Jo Tester', role: 'liaison-officer' } as const;
}

let dir: string;
let protector: FakeSecretProtector;
let vault: KeyVault;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwb-vault-'));
  protector = new FakeSecretProtector();
  vault = createKeyVault({ directory: dir, protector, scryptWorkFactor: SCRYPT });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function secretOf(backup: Uint8Array): Promise<SecretIdentity> {
  const opened = await unprotectSecretIdentity(backup, PASSPHRASE);
  if (!opened.ok) throw new Error(opened.detail);
  return opened.secret;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1;
}

/**
 * Every encoding of the secret's private parts that the bytes contain (plain, base64, hex…),
 * looking also inside every base64 run of the bytes once decoded (a base64 of the plain JSON).
 */
function plainSecretsIn(bytes: Uint8Array, secret: SecretIdentity): string[] {
  const decodedRuns = [...Buffer.from(bytes).toString('latin1').matchAll(/[A-Za-z0-9+/]{40,}={0,2}/g)].map((m) => new Uint8Array(Buffer.from(m[0], 'base64')));
  return [...new Set([bytes, ...decodedRuns].flatMap((b) => plainSecretsInOne(b, secret)))];
}

function plainSecretsInOne(bytes: Uint8Array, secret: SecretIdentity): string[] {
  const seed = fromBase64(secret.signingSeed);
  const ageKey = ageIdentitySecretBytes(secret.ageIdentity);
  const text = new TextEncoder();
  const forms: Record<string, Uint8Array> = {
    'seed (raw)': seed,
    'seed (base64)': text.encode(secret.signingSeed.replace(/=+$/, '')),
    'seed (base64url)': text.encode(Buffer.from(seed).toString('base64url')),
    'seed (hex)': text.encode(toHex(seed)),
    'seed (HEX)': text.encode(toHex(seed).toUpperCase()),
    'age key (raw)': ageKey,
    'age key (base64)': text.encode(toBase64(ageKey).replace(/=+$/, '')),
    'age key (hex)': text.encode(toHex(ageKey)),
    'AGE-SECRET-KEY-1 prefix': text.encode('AGE-SECRET-KEY-1'),
    'age identity (lower case)': text.encode(secret.ageIdentity.toLowerCase()),
    'age identity (base64)': text.encode(Buffer.from(secret.ageIdentity).toString('base64').replace(/=+$/, '')),
    'age identity (hex)': text.encode(Buffer.from(secret.ageIdentity).toString('hex')),
  };
  return Object.entries(forms)
    .filter(([, needle]) => contains(bytes, needle))
    .map(([name]) => name);
}

/** The identity file, and the sealed secret inside it as raw bytes. */
async function onDisk(): Promise<{ file: Uint8Array; sealed: Uint8Array; json: Record<string, unknown> }> {
  const file = new Uint8Array(await readFile(join(dir, IDENTITY_FILE_NAME)));
  const json = JSON.parse(new TextDecoder().decode(file)) as Record<string, unknown>;
  return { file, sealed: fromBase64(json.protectedSecret as string), json };
}

/** Decrypt an age file with the vault as the only identity (as the renderer does over IPC). */
async function decryptThroughVault(target: KeyVault, file: Uint8Array): Promise<Uint8Array> {
  const identity: Identity = { unwrapFileKey: (stanzas: Stanza[]) => target.unwrapFileKey(stanzas) };
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  return decrypter.decrypt(file);
}

describe('key vault: create', () => {
  it('stores the identity sealed: no form of the seed or the age key is on disk', async () => {
    const created = await vault.create(profile(), PASSPHRASE);
    const secret = await secretOf(created.backup);
    expect(secret.card).toEqual(created.card);

    const { file, sealed, json } = await onDisk();
    expect(plainSecretsIn(file, secret)).toEqual([]);
    expect(plainSecretsIn(sealed, secret)).toEqual([]);
    expect(json).toMatchObject({ format: 'crisis-workbook-protected-identity', version: 1, backend: 'gnome_libsecret', card: created.card });
    if (process.platform !== 'win32') expect((await stat(join(dir, IDENTITY_FILE_NAME))).mode & 0o777).toBe(0o600);
    expect(await vault.status()).toEqual({ card: created.card, protection: { available: true, backend: 'gnome_libsecret' } });
  });

  it('(self-check) the leak detector finds a secret stored in the clear', async () => {
    // A "protector" that protects nothing: the same check must fail on its file.
    const plain: SecretProtector = {
      isEncryptionAvailable: () => Promise.resolve(true),
      selectedBackend: () => 'kwallet6',
      encryptString: (text) => Promise.resolve(new TextEncoder().encode(text)),
      decryptString: (data) => Promise.resolve({ plainText: new TextDecoder().decode(data), shouldReEncrypt: false }),
    };
    const leaky = createKeyVault({ directory: dir, protector: plain, scryptWorkFactor: SCRYPT });
    const secret = await secretOf((await leaky.create(profile(), PASSPHRASE)).backup);
    const { file, sealed } = await onDisk();
    expect(plainSecretsIn(file, secret)).toEqual(expect.arrayContaining(['seed (base64)', 'AGE-SECRET-KEY-1 prefix']));
    expect(plainSecretsIn(sealed, secret)).toEqual(expect.arrayContaining(['seed (base64)', 'AGE-SECRET-KEY-1 prefix']));
  });

  it('signs with the key its card names, and a reopened vault still does', async () => {
    const { card } = await vault.create(profile(), PASSPHRASE);
    const { publicKey } = cardSigningKey(card);
    const message = new TextEncoder().encode('minisign pre-hash stand-in');
    const signature = await vault.sign(message);
    expect(signature).toHaveLength(64);
    expect(ed25519.verify(signature, message, publicKey)).toBe(true);
    expect(ed25519.verify(signature, new TextEncoder().encode('another message'), publicKey)).toBe(false);

    const reopened = createKeyVault({ directory: dir, protector });
    expect((await reopened.status()).card).toEqual(card);
    const again = await reopened.sign(message);
    expect(ed25519.verify(again, message, publicKey)).toBe(true);
    expect(again).toEqual(signature); // Ed25519 is deterministic: the same key
  });

  it('refuses a second identity for the same installation, and a short passphrase', async () => {
    const p = profile();
    await expect(vault.create(p, 'too short')).rejects.toMatchObject({ code: 'identity-passphrase-too-short' });
    const { card } = await vault.create(p, PASSPHRASE);
    await expect(vault.create(p, PASSPHRASE)).rejects.toMatchObject({ code: 'identity-exists' });
    expect((await vault.status()).card).toEqual(card);
  });

  it('refuses an invalid profile', async () => {
    await expect(vault.create({ ...profile(), country: 'XX' }, PASSPHRASE)).rejects.toMatchObject({ code: 'record-invalid' });
    await expect(readdir(dir)).resolves.toEqual([]);
  });

  it('sets another installation’s leftover identity aside instead of overwriting it', async () => {
    const old = await vault.create(profile(), PASSPHRASE);
    const fresh = await vault.create(profile(), PASSPHRASE);
    expect(fresh.card.installationId).not.toBe(old.card.installationId);
    const files = await readdir(dir);
    expect(files).toContain(IDENTITY_FILE_NAME);
    expect(files.some((f) => f.startsWith(`${IDENTITY_FILE_NAME}.installation-${old.card.installationId}-`))).toBe(true);
    expect((await vault.status()).card).toEqual(fresh.card);
  });
});

describe('key vault: without trustworthy OS storage', () => {
  // Legend: [machine, backend, encryption available]
  it.each([
    ['Linux without a keyring (basic_text: a hard-coded key)', 'basic_text', true],
    ['Linux before ready', 'unknown', true],
    ['no OS encryption at all', 'gnome_libsecret', false],
  ])('%s: reports unavailable and stores nothing', async (_machine, backend, available) => {
    protector.backend = backend;
    protector.available = available;
    expect(await vault.status()).toEqual({ card: null, protection: { available: false, backend } });
    await expect(vault.create(profile(), PASSPHRASE)).rejects.toMatchObject({ code: 'identity-protection-unavailable' });
    const other = await generateIdentity(profile());
    const backup = await protectSecretIdentity(other, PASSPHRASE, { scryptWorkFactor: SCRYPT });
    await expect(vault.restore(backup, PASSPHRASE, other.card.installationId)).rejects.toMatchObject({ code: 'identity-protection-unavailable' });
    expect(await readdir(dir)).toEqual([]);
    expect(protector.encryptions).toBe(0);
  });

  it('does not sign with a stored identity once the storage became basic_text', async () => {
    await vault.create(profile(), PASSPHRASE);
    protector.backend = 'basic_text';
    await expect(vault.sign(new Uint8Array(64))).rejects.toMatchObject({ code: 'identity-protection-unavailable' });
    expect((await vault.status()).protection.available).toBe(false);
  });
});

describe('key vault: restore', () => {
  it('restores this installation’s backup into an empty vault, with the same keys', async () => {
    const p = profile();
    const created = await vault.create(p, PASSPHRASE);
    const message = new Uint8Array(64).fill(7);
    const original = await vault.sign(message);

    const elsewhere = await mkdtemp(join(tmpdir(), 'cwb-vault-restore-'));
    try {
      const restoredVault = createKeyVault({ directory: elsewhere, protector: new FakeSecretProtector(), scryptWorkFactor: SCRYPT });
      expect(await restoredVault.restore(created.backup, PASSPHRASE, p.installationId)).toEqual(created.card);
      expect((await restoredVault.status()).card).toEqual(created.card);
      expect(await restoredVault.sign(message)).toEqual(original);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses another installation’s backup, a wrong passphrase and a file that is no backup', async () => {
    const mine = profile();
    const theirs = await vault.create(profile(), PASSPHRASE);
    const empty = await mkdtemp(join(tmpdir(), 'cwb-vault-empty-'));
    try {
      const target = createKeyVault({ directory: empty, protector, scryptWorkFactor: SCRYPT });
      await expect(target.restore(theirs.backup, PASSPHRASE, mine.installationId)).rejects.toMatchObject({ code: 'identity-other-installation' });
      await expect(target.restore(theirs.backup, 'not the passphrase', theirs.card.installationId)).rejects.toMatchObject({ code: 'identity-wrong-passphrase' });
      await expect(target.restore(new TextEncoder().encode('garbage'), PASSPHRASE, mine.installationId)).rejects.toMatchObject({ code: 'identity-backup-invalid' });
      expect(await readdir(empty)).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('key vault: using the sealed identity', () => {
  it('unwraps the file key of an age file encrypted to the card, and only to it', async () => {
    const { card } = await vault.create(profile(), PASSPHRASE);
    const stranger = await generateX25519Identity();
    const plaintext = new TextEncoder().encode('an encrypted bundle, for this installation and one other');

    const forBoth = new Encrypter();
    forBoth.addRecipient(await identityToRecipient(stranger));
    forBoth.addRecipient(card.encryptionKey);
    expect(await decryptThroughVault(vault, await forBoth.encrypt(plaintext))).toEqual(plaintext);

    const notForUs = new Encrypter();
    notForUs.addRecipient(await identityToRecipient(stranger));
    const file = await notForUs.encrypt(plaintext);
    await expect(decryptThroughVault(vault, file)).rejects.toThrow(/no identity matched/);
  });

  it('catches a card swapped on disk at the first use', async () => {
    await vault.create(profile(), PASSPHRASE);
    const intruder = await generateIdentity(profile());
    const { json } = await onDisk();
    await writeFile(join(dir, IDENTITY_FILE_NAME), JSON.stringify({ ...json, card: intruder.card }));
    await expect(vault.sign(new Uint8Array(64))).rejects.toMatchObject({ code: 'identity-protected-unreadable' });
  });

  it('reports a keyring that no longer opens the identity, and a damaged file', async () => {
    await vault.create(profile(), PASSPHRASE);
    protector.locked = true;
    await expect(vault.sign(new Uint8Array(64))).rejects.toMatchObject({ code: 'identity-protected-unreadable' });
    protector.locked = false;
    protector.resetKeyring();
    await expect(vault.unwrapFileKey([])).rejects.toMatchObject({ code: 'identity-protected-unreadable' });

    await writeFile(join(dir, IDENTITY_FILE_NAME), '{"format":"something else"}');
    expect((await vault.status()).card).toBeNull();
    await expect(vault.sign(new Uint8Array(64))).rejects.toMatchObject({ code: 'identity-protected-unreadable' });
    // A new identity can be made; the unreadable file is kept aside, not overwritten.
    await vault.create(profile(), PASSPHRASE);
    expect((await readdir(dir)).filter((f) => f.includes('.unreadable-'))).toHaveLength(1);
  });

  it('says there is no identity before one is made', async () => {
    await expect(vault.sign(new Uint8Array(64))).rejects.toMatchObject({ code: 'identity-missing' });
    await expect(vault.unwrapFileKey([])).rejects.toMatchObject({ code: 'identity-missing' });
  });

  it('seals the identity again when the OS rotated its key', async () => {
    const { card } = await vault.create(profile(), PASSPHRASE);
    const before = (await onDisk()).json.protectedSecret;
    protector.rotated = true;
    const message = new Uint8Array(64).fill(1);
    expect(ed25519.verify(await vault.sign(message), message, cardSigningKey(card).publicKey)).toBe(true);
    expect((await onDisk()).json.protectedSecret).not.toEqual(before);
    protector.rotated = false;
    expect(ed25519.verify(await vault.sign(message), message, cardSigningKey(card).publicKey)).toBe(true);
  });

  it('makes one identity when create is called twice at once', async () => {
    const p = profile();
    const results = await Promise.allSettled([vault.create(p, PASSPHRASE), vault.create(p, PASSPHRASE)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await readdir(dir)).filter((f) => f.startsWith(IDENTITY_FILE_NAME))).toEqual([IDENTITY_FILE_NAME]);
  });
});
