/**
 * Opening a bundle file for `inspect` and `verify`: finds out whether it is encrypted (from its
 * first bytes, without a key), loads the identity only when one is needed and given, and reads
 * the bundle with the given keyring lookup.
 */
import { open } from 'node:fs/promises';
import { readBundle, type ReadBundleResult, type ResolveSigner } from '../../shared/bundle/readBundle';
import { AGE_DETECT_BYTES, describeAgeHeader, detectAgeFile } from '../../shared/crypto/age';
import type { Workspace } from '../../shared/model/workspace';
import { CliError } from './errors';
import { nodeBlake2b512, readFileChunks } from './files';
import { loadSecretIdentity } from './identities';

export interface BundleFileHead {
  readonly encrypted: boolean;
  /** Recipients named in the age header (binary age files). */
  readonly recipients: number | null;
}

export async function bundleFileHead(path: string): Promise<BundleFileHead> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw new CliError('file-read-failed', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    const buffer = new Uint8Array(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    const kind = detectAgeFile(head.subarray(0, AGE_DETECT_BYTES));
    return { encrypted: kind !== null, recipients: describeAgeHeader(head)?.recipients ?? null };
  } finally {
    await handle.close();
  }
}

export async function readBundleFile(
  path: string,
  options: { resolveSigner: ResolveSigner; identity?: string; passphraseFile?: string; expectedWorkspace?: Workspace },
): Promise<{ head: BundleFileHead; result: ReadBundleResult }> {
  const head = await bundleFileHead(path);
  const identities = head.encrypted && options.identity !== undefined ? [(await loadSecretIdentity(options.identity, options.passphraseFile)).ageIdentity] : [];
  const result = await readBundle(readFileChunks(path), {
    resolveSigner: options.resolveSigner,
    identities,
    expectedWorkspace: options.expectedWorkspace,
    blake2b512: nodeBlake2b512,
  });
  return { head, result };
}
