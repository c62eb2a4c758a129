/**
 * PURE (node:fs and shared/ only; no Electron, so Vitest runs it): the WebDAV hubs' passwords,
 * sealed with the operating system's secure storage through the same `SecretProtector` the key
 * vault uses (Electron `safeStorage`: Keychain, DPAPI, GNOME Keyring/KWallet). The renderer
 * hands a password over once, when the hub is set up; it never gets it back: main uses it for
 * the hub's requests itself.
 *
 * On disk: `<userData>/webdav-credentials.json`, written atomically with mode 0600:
 *   { format, version: 1, entries: { <destination id>: { username, sealedPassword: base64 } } }
 *
 * Refused (`WorkbookError('identity-protection-unavailable')`) when the OS storage is not
 * usable, or is Linux's `basic_text` (a hard-coded key: no protection): the hub then cannot be
 * used with a password in the desktop app, and the Destinations section says why.
 */
import { promises as fsPromises } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fromBase64, toBase64 } from '../../../shared/crypto/bytes';
import { WorkbookError } from '../../../shared/errors/codes';
import { DestinationIdSchema } from '../../../shared/sync/destination';
import type { WebDavCredentials } from '../../../shared/sync/webdav';
import { writeFileAtomically } from './atomicWrite';
import { UNTRUSTED_BACKENDS, type SecretProtector } from './keyVault';

export const CREDENTIALS_FILE_NAME = 'webdav-credentials.json';
const FORMAT = 'crisis-workbook-webdav-credentials';

const StoredSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(1),
  entries: z.record(DestinationIdSchema, z.strictObject({ username: z.string().min(1).max(200), sealedPassword: z.string().min(1).max(16_384) })),
});
type Stored = z.infer<typeof StoredSchema>;

export interface WebDavCredentialStore {
  /** Whether passwords can be kept (usable OS storage that is not `basic_text`). */
  available(): Promise<{ available: boolean; backend: string }>;
  set(destinationId: string, credentials: WebDavCredentials): Promise<void>;
  /** The credentials for a hub, or null when none were kept. */
  get(destinationId: string): Promise<WebDavCredentials | null>;
  forget(destinationId: string): Promise<void>;
}

export function createWebDavCredentialStore(options: { directory: string; protector: SecretProtector; fs?: typeof fsPromises }): WebDavCredentialStore {
  const fs = options.fs ?? fsPromises;
  const path = join(options.directory, CREDENTIALS_FILE_NAME);
  let writes: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = writes.then(task, task);
    writes = run.catch(() => undefined);
    return run;
  };

  async function available() {
    const backend = options.protector.selectedBackend();
    let usable = false;
    try {
      usable = await options.protector.isEncryptionAvailable();
    } catch {
      usable = false;
    }
    return { available: usable && !UNTRUSTED_BACKENDS.has(backend), backend };
  }

  async function read(): Promise<Stored> {
    let text: string;
    try {
      text = await fs.readFile(path, 'utf8');
    } catch {
      return { format: FORMAT, version: 1, entries: {} };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    const parsed = StoredSchema.safeParse(json);
    // A damaged file is moved aside, never silently overwritten: it may be looked at.
    if (!parsed.success) {
      await fs.rename(path, `${path}.damaged-${Date.now()}`).catch(() => undefined);
      return { format: FORMAT, version: 1, entries: {} };
    }
    return parsed.data;
  }

  async function write(stored: Stored): Promise<void> {
    await fs.mkdir(options.directory, { recursive: true });
    await writeFileAtomically(path, new TextEncoder().encode(JSON.stringify(stored, null, 2)), fs, { mode: 0o600 });
  }

  return {
    available,
    set: (destinationId, credentials) =>
      exclusive(async () => {
        DestinationIdSchema.parse(destinationId);
        const state = await available();
        if (!state.available) throw new WorkbookError('identity-protection-unavailable', `OS secure storage backend "${state.backend}" is not usable for hub passwords`);
        const sealed = await options.protector.encryptString(credentials.password);
        const stored = await read();
        await write({ ...stored, entries: { ...stored.entries, [destinationId]: { username: credentials.username, sealedPassword: toBase64(sealed) } } });
      }),
    get: async (destinationId) => {
      const entry = (await read()).entries[destinationId];
      if (!entry) return null;
      const opened = await options.protector.decryptString(fromBase64(entry.sealedPassword));
      if (opened.shouldReEncrypt) {
        const resealed = await options.protector.encryptString(opened.plainText);
        await exclusive(async () => {
          const stored = await read();
          if (stored.entries[destinationId]) await write({ ...stored, entries: { ...stored.entries, [destinationId]: { username: entry.username, sealedPassword: toBase64(resealed) } } });
        });
      }
      return { username: entry.username, password: opened.plainText };
    },
    forget: (destinationId) =>
      exclusive(async () => {
        const stored = await read();
        if (!stored.entries[destinationId]) return;
        const entries = { ...stored.entries };
        delete entries[destinationId];
        await write({ ...stored, entries });
      }),
  };
}
