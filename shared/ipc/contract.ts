/**
 * The typed contract between the renderer and the Electron main process. Declared once here and
 * used by main (handlers), preload (bridge) and renderer (platform); neither side imports the
 * other. Every argument is validated in main against `IPC_ARGUMENT_SCHEMAS` before use.
 */
import { z } from 'zod';
import type { IdentityCard } from '../crypto/identity';
import { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from '../crypto/passphrasePolicy';
import { LanguageSchema, type Language } from '../i18n/languages';
import { CountryCodeSchema } from '../model/countries';
import { RoleSchema } from '../model/roles';
import type { Result } from './result';
import { DestinationIdSchema, FolderPathSchema, HubUrlSchema } from '../sync/destination';
import { BundleIdSegmentSchema, InstallationSegmentSchema, type BundleLocation } from '../sync/layout';
import type { EventChannel, InvokeChannel } from './channels';

/** Largest file the desktop app reads or writes through a dialog. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export const FILE_KINDS = ['bundle', 'receipt', 'journal', 'contacts', 'identity-card', 'identity-backup', 'report', 'procedure', 'svg', 'png', 'pack', 'pdf', 'any'] as const;
export const FileKindSchema = z.enum(FILE_KINDS);
export type FileKind = z.infer<typeof FileKindSchema>;

export const OpenFileRequestSchema = z.strictObject({ kind: FileKindSchema });
export type OpenFileRequest = z.infer<typeof OpenFileRequestSchema>;

export const SaveFileRequestSchema = z.strictObject({
  kind: FileKindSchema,
  /** Suggested file name only: no folders, no traversal. */
  suggestedName: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\:*?"<>|\0]+$/, 'a file name, not a path')
    .refine((n) => n !== '.' && n !== '..', 'a file name, not a path'),
  bytes: z
    .custom<Uint8Array>((b) => b instanceof Uint8Array, 'bytes expected')
    .refine((b) => b.byteLength <= MAX_FILE_BYTES, 'file too large'),
});
export type SaveFileRequest = z.infer<typeof SaveFileRequestSchema>;

/**
 * Save the current page as a PDF (reports): main renders the calling window with Chromium's
 * printToPDF, so the print stylesheet applies, then asks where to save it. The renderer sends
 * only the suggested file name; what is rendered is whatever the window shows.
 */
export const PrintToPdfRequestSchema = z.strictObject({
  suggestedName: z
    .string()
    .min(5)
    .max(200)
    .regex(/^[^/\\:*?"<>|\0]+\.pdf$/i, 'a PDF file name, not a path')
    .refine((n) => !n.startsWith('.'), 'a PDF file name, not a path'),
});
export type PrintToPdfRequest = z.infer<typeof PrintToPdfRequestSchema>;

/**
 * Reading a large file in chunks (bundles of hundreds of megabytes): main opens a dialog, keeps
 * the chosen path behind an unguessable handle, and hands out chunks on request. The renderer
 * never names a path, so it can read only files the user picked.
 */
export const MAX_STREAMED_FILE_BYTES = 1024 * 1024 * 1024;
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;
export const ReadHandleSchema = z.string().regex(/^[0-9a-f]{32}$/, 'not a read handle');
export const ReadChunkRequestSchema = z.strictObject({
  handle: ReadHandleSchema,
  offset: z.number().int().min(0).max(MAX_STREAMED_FILE_BYTES),
  length: z.number().int().min(1).max(MAX_CHUNK_BYTES),
});
export type ReadChunkRequest = z.infer<typeof ReadChunkRequestSchema>;

/** A file picked for reading in chunks. */
export interface FileForReading {
  readonly handle: string;
  readonly name: string;
  readonly size: number;
}

export interface OpenedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface SavedFile {
  /** Where it was written, as the user would recognise it (a path, or a download name). */
  readonly location: string;
}

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
  readonly electron: string;
  readonly chrome: string;
}

// ---- installation keys (desktop: held by main, protected with the OS secure storage) -----------
//
// The renderer never receives private key bytes: it asks main to make a signature or to unwrap
// an age file key. These schemas only bound shapes and sizes (the contract is bundled into the
// sandboxed preload, so it imports nothing heavier than zod); the key vault in main checks the
// domain rules (a valid profile, the installation of a backup) itself.

/** Largest message main signs: the renderer only signs minisign pre-hashes (64 bytes) and global
 * signatures (64 bytes + a trusted comment of at most 1,024 bytes); card self-signatures are made in main. */
export const MAX_SIGN_MESSAGE_BYTES = 4096;
/** Largest identity backup main opens (an armored age file of about 1 KiB in practice). */
export const MAX_IDENTITY_BACKUP_BYTES = 64 * 1024;
/** Most X25519 stanzas one unwrap request may carry: one per recipient of a bundle. */
export const MAX_AGE_STANZAS = 256;

function bytesAtMost(max: number, what: string) {
  return z
    .custom<Uint8Array>((b) => b instanceof Uint8Array, 'bytes expected')
    .refine((b) => b.byteLength <= max, `${what} over ${max} bytes`);
}

/** Who a new identity card is for (the vault validates it in full, with `IdentityProfileSchema`). */
export const KeyProfileSchema = z.strictObject({
  installationId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an installation id'),
  organisation: z.string().min(1).max(200),
  country: CountryCodeSchema,
  person: z.string().min(1).max(200),
  role: RoleSchema,
});
export type KeyProfile = z.infer<typeof KeyProfileSchema>;

export const CreateKeysRequestSchema = z.strictObject({
  profile: KeyProfileSchema,
  passphrase: z.string().min(MIN_PASSPHRASE_LENGTH).max(MAX_PASSPHRASE_LENGTH),
});
export type CreateKeysRequest = z.infer<typeof CreateKeysRequestSchema>;

export const RestoreKeysRequestSchema = z.strictObject({
  backup: bytesAtMost(MAX_IDENTITY_BACKUP_BYTES, 'identity backup').refine((b) => b.byteLength > 0, 'empty backup'),
  passphrase: z.string().min(1).max(MAX_PASSPHRASE_LENGTH),
  /** The installation the backup must belong to: another installation's backup is refused. */
  installationId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an installation id'),
});
export type RestoreKeysRequest = z.infer<typeof RestoreKeysRequestSchema>;

export const SignRequestSchema = z.strictObject({
  message: bytesAtMost(MAX_SIGN_MESSAGE_BYTES, 'message'),
});
export type SignRequest = z.infer<typeof SignRequestSchema>;

/**
 * One X25519 recipient stanza of an age header (`-> X25519 <ephemeral share>` + wrapped file
 * key), the only kind the vault can open. The share is the canonical unpadded base64 of 32 bytes,
 * the body a 16-byte file key sealed with ChaCha20-Poly1305 (32 bytes). The renderer sends only
 * stanzas of this type; a malformed X25519 stanza is an error there, before anything crosses.
 */
export const X25519StanzaSchema = z.strictObject({
  args: z.tuple([z.literal('X25519'), z.string().regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$/, 'not an unpadded base64 X25519 share')]),
  body: z.custom<Uint8Array>((b) => b instanceof Uint8Array && b.byteLength === 32, 'a 32-byte wrapped file key expected'),
});
export type X25519Stanza = z.infer<typeof X25519StanzaSchema>;

export const UnwrapFileKeyRequestSchema = z.strictObject({
  stanzas: z.array(X25519StanzaSchema).min(1).max(MAX_AGE_STANZAS),
});
export type UnwrapFileKeyRequest = z.infer<typeof UnwrapFileKeyRequestSchema>;

/** Whether main can keep private keys in the operating system's secure storage, and which one. */
export interface KeyProtection {
  /** False without OS secure storage, or when it is Linux's `basic_text` (a hard-coded key). */
  readonly available: boolean;
  /** The storage in use, e.g. `gnome_libsecret`, `kwallet6`, `macos-keychain`, `windows-dpapi`, `basic_text`. */
  readonly backend: string;
}

export interface KeyVaultStatus {
  /** The public card of the identity main holds, or null when it holds none. */
  readonly card: IdentityCard | null;
  readonly protection: KeyProtection;
}

export interface CreatedKeys {
  readonly card: IdentityCard;
  /** The secret identity, age-encrypted with the passphrase: hand it to the user at once. */
  readonly backup: Uint8Array;
}

export const MENU_COMMANDS = [
  'navigate:dashboard',
  'navigate:procedures',
  'navigate:contacts',
  'navigate:incidents',
  'navigate:exchange',
  'navigate:settings',
  'workspace:toggle',
  'theme:toggle',
  /** Lock the workbook (app lock): sent when the OS locks the screen or suspends (electron/main/lockOnSuspend.ts). */
  'app:lock',
] as const;
export const MenuCommandSchema = z.enum(MENU_COMMANDS);
export type MenuCommand = z.infer<typeof MenuCommandSchema>;

// ---- sync (shared/sync): bundle stores in main — WebDAV hubs with sealed passwords, chosen folders ----

/** Where main reads and writes bundles for the renderer's sync engine. */
export const SyncTargetSchema = z.discriminatedUnion('kind', [
  /** A WebDAV hub; main adds the password it keeps for the destination (none kept: no credentials). */
  z.strictObject({ kind: z.literal('webdav'), destinationId: DestinationIdSchema, url: HubUrlSchema }),
  /** A folder the user chose in main's folder dialog (any other path is refused). */
  z.strictObject({ kind: z.literal('folder'), path: FolderPathSchema }),
]);
export type SyncTarget = z.infer<typeof SyncTargetSchema>;

export const BundleLocationSchema = z.strictObject({
  sender: InstallationSegmentSchema,
  recipient: InstallationSegmentSchema,
  sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  bundleId: BundleIdSegmentSchema,
}) satisfies z.ZodType<BundleLocation>;

export const SyncListRequestSchema = z.strictObject({ target: SyncTargetSchema, recipient: InstallationSegmentSchema });
export const SyncReadRequestSchema = z.strictObject({ target: SyncTargetSchema, location: BundleLocationSchema, maxBytes: z.number().int().min(1).max(MAX_STREAMED_FILE_BYTES) });
export const SyncPutRequestSchema = z.strictObject({
  target: SyncTargetSchema,
  location: BundleLocationSchema,
  bytes: z.custom<Uint8Array>((b) => b instanceof Uint8Array, 'bytes expected').refine((b) => b.byteLength <= MAX_STREAMED_FILE_BYTES, 'bundle too large'),
});
export const SyncCredentialsRequestSchema = z.strictObject({
  destinationId: DestinationIdSchema,
  username: z.string().min(1).max(200).regex(/^[^:\0\r\n]+$/, 'no colon or line break'),
  password: z.string().min(1).max(1_000),
});
export const SyncForgetCredentialsRequestSchema = z.strictObject({ destinationId: DestinationIdSchema });
export const SyncWatchRequestSchema = z.strictObject({ folders: z.array(z.strictObject({ destinationId: DestinationIdSchema, path: FolderPathSchema })).max(50) });
export type SyncListRequest = z.infer<typeof SyncListRequestSchema>;
export type SyncReadRequest = z.infer<typeof SyncReadRequestSchema>;
export type SyncPutRequest = z.infer<typeof SyncPutRequestSchema>;
export type SyncCredentialsRequest = z.infer<typeof SyncCredentialsRequestSchema>;
export type SyncForgetCredentialsRequest = z.infer<typeof SyncForgetCredentialsRequestSchema>;
export type SyncWatchRequest = z.infer<typeof SyncWatchRequestSchema>;

/** A store's answer: its value, or why it failed (`kind` drives retry and backoff; see shared/sync). */
export type SyncAnswer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly kind: 'unreachable' | 'unauthorized' | 'not-found' | 'conflict' | 'server' | 'protocol' | 'unavailable'; readonly detail: string };

/** Whether hub passwords can be kept in the OS secure storage here. */
export interface SyncCredentialStorage {
  readonly available: boolean;
  readonly backend: string;
}

/** A folder chosen in main's dialog (now approved for sync), with the removable drives seen. */
export interface ChosenSyncFolder {
  readonly path: string;
}

export const SyncFolderChangedSchema = z.strictObject({ destinationId: DestinationIdSchema });
export type SyncFolderChanged = z.infer<typeof SyncFolderChangedSchema>;

/** Request and response of every invoke channel. `null` from a dialog means the user cancelled. */
export interface IpcContract {
  'app:getInfo': { args: []; result: Result<AppInfo> };
  'app:setLanguage': { args: [language: Language]; result: Result<null> };
  'file:open': { args: [request: OpenFileRequest]; result: Result<OpenedFile | null> };
  'file:save': { args: [request: SaveFileRequest]; result: Result<SavedFile | null> };
  'file:openForReading': { args: [request: OpenFileRequest]; result: Result<FileForReading | null> };
  'file:readChunk': { args: [request: ReadChunkRequest]; result: Result<Uint8Array> };
  /** The identity main holds (public card only) and whether OS secure storage is usable. */
  'keys:status': { args: []; result: Result<KeyVaultStatus> };
  /** Make a new identity in main; refused when one exists or OS secure storage is unusable. */
  'keys:create': { args: [request: CreateKeysRequest]; result: Result<CreatedKeys> };
  /** Restore this installation's identity from its passphrase-protected backup into main. */
  'keys:restore': { args: [request: RestoreKeysRequest]; result: Result<IdentityCard> };
  /** A 64-byte Ed25519 signature of the message by the installation's signing key. */
  'keys:sign': { args: [request: SignRequest]; result: Result<Uint8Array> };
  /** The age file key one of the stanzas wraps for this installation, or null if none does. */
  'keys:unwrapFileKey': { args: [request: UnwrapFileKeyRequest]; result: Result<Uint8Array | null> };
  /** The calling window printed to PDF and saved where the user chooses; null when cancelled. */
  'report:printToPdf': { args: [request: PrintToPdfRequest]; result: Result<SavedFile | null> };
  /** Complete bundles for `recipient` at a hub or chosen folder. */
  'sync:list': { args: [request: SyncListRequest]; result: Result<SyncAnswer<BundleLocation[]>> };
  'sync:read': { args: [request: SyncReadRequest]; result: Result<SyncAnswer<Uint8Array>> };
  /** Leave a bundle (temporary name, then rename); idempotent. */
  'sync:put': { args: [request: SyncPutRequest]; result: Result<SyncAnswer<'written' | 'already-there'>> };
  /** Keep a hub's credentials in the OS secure storage (main uses them; they never come back). */
  'sync:setCredentials': { args: [request: SyncCredentialsRequest]; result: Result<null> };
  'sync:forgetCredentials': { args: [request: SyncForgetCredentialsRequest]; result: Result<null> };
  'sync:credentialStorage': { args: []; result: Result<SyncCredentialStorage> };
  /** The folder dialog (opening on a detected removable drive); the chosen folder is approved for sync. Null when cancelled. */
  'sync:chooseFolder': { args: []; result: Result<ChosenSyncFolder | null> };
  'sync:removableDrives': { args: []; result: Result<string[]> };
  /** Watch exactly these (approved) folders for arriving bundles. */
  'sync:watchFolders': { args: [request: SyncWatchRequest]; result: Result<null> };
}

export interface IpcEvents {
  'menu:command': MenuCommand;
  /** A watched sync folder received a bundle. */
  'sync:folderChanged': SyncFolderChanged;
}

/** Argument schemas, one tuple per channel; main rejects anything that does not parse. */
export const IPC_ARGUMENT_SCHEMAS = {
  'app:getInfo': z.tuple([]),
  'app:setLanguage': z.tuple([LanguageSchema]),
  'file:open': z.tuple([OpenFileRequestSchema]),
  'file:save': z.tuple([SaveFileRequestSchema]),
  'file:openForReading': z.tuple([OpenFileRequestSchema]),
  'file:readChunk': z.tuple([ReadChunkRequestSchema]),
  'keys:status': z.tuple([]),
  'keys:create': z.tuple([CreateKeysRequestSchema]),
  'keys:restore': z.tuple([RestoreKeysRequestSchema]),
  'keys:sign': z.tuple([SignRequestSchema]),
  'keys:unwrapFileKey': z.tuple([UnwrapFileKeyRequestSchema]),
  'report:printToPdf': z.tuple([PrintToPdfRequestSchema]),
  'sync:list': z.tuple([SyncListRequestSchema]),
  'sync:read': z.tuple([SyncReadRequestSchema]),
  'sync:put': z.tuple([SyncPutRequestSchema]),
  'sync:setCredentials': z.tuple([SyncCredentialsRequestSchema]),
  'sync:forgetCredentials': z.tuple([SyncForgetCredentialsRequestSchema]),
  'sync:credentialStorage': z.tuple([]),
  'sync:chooseFolder': z.tuple([]),
  'sync:removableDrives': z.tuple([]),
  'sync:watchFolders': z.tuple([SyncWatchRequestSchema]),
} satisfies { [K in InvokeChannel]: z.ZodType<IpcContract[K]['args']> };

/** Payload schemas of events, checked by the preload before a renderer callback sees them. */
export const IPC_EVENT_SCHEMAS = {
  'menu:command': MenuCommandSchema,
  'sync:folderChanged': SyncFolderChangedSchema,
} satisfies { [K in EventChannel]: z.ZodType<IpcEvents[K]> };

export type IpcArgs<K extends InvokeChannel> = IpcContract[K]['args'];
export type IpcResult<K extends InvokeChannel> = IpcContract[K]['result'];

/**
 * The `window.workbook` bridge the preload exposes. Named functions only: the renderer never sees
 * `ipcRenderer` or raw events.
 */
export interface WorkbookBridge {
  readonly getAppInfo: () => Promise<IpcResult<'app:getInfo'>>;
  readonly setLanguage: (language: Language) => Promise<IpcResult<'app:setLanguage'>>;
  readonly openFile: (request: OpenFileRequest) => Promise<IpcResult<'file:open'>>;
  readonly saveFile: (request: SaveFileRequest) => Promise<IpcResult<'file:save'>>;
  /** Ask the user for a file to be read in chunks; `null` when cancelled. */
  readonly openFileForReading: (request: OpenFileRequest) => Promise<IpcResult<'file:openForReading'>>;
  /** One chunk of a file picked with `openFileForReading` (shorter at the end of the file). */
  readonly readFileChunk: (request: ReadChunkRequest) => Promise<IpcResult<'file:readChunk'>>;
  readonly getKeyStatus: () => Promise<IpcResult<'keys:status'>>;
  readonly createKeys: (request: CreateKeysRequest) => Promise<IpcResult<'keys:create'>>;
  readonly restoreKeys: (request: RestoreKeysRequest) => Promise<IpcResult<'keys:restore'>>;
  readonly signWithKeys: (request: SignRequest) => Promise<IpcResult<'keys:sign'>>;
  readonly unwrapFileKey: (request: UnwrapFileKeyRequest) => Promise<IpcResult<'keys:unwrapFileKey'>>;
  /** Save the window as a PDF (print stylesheet applied) where the user chooses; `null` when cancelled. */
  readonly printToPdf: (request: PrintToPdfRequest) => Promise<IpcResult<'report:printToPdf'>>;
  // Sync (see shared/sync): bundle stores in main, hub passwords in OS secure storage, chosen folders.
  readonly syncList: (request: SyncListRequest) => Promise<IpcResult<'sync:list'>>;
  readonly syncRead: (request: SyncReadRequest) => Promise<IpcResult<'sync:read'>>;
  readonly syncPut: (request: SyncPutRequest) => Promise<IpcResult<'sync:put'>>;
  readonly syncSetCredentials: (request: SyncCredentialsRequest) => Promise<IpcResult<'sync:setCredentials'>>;
  readonly syncForgetCredentials: (request: SyncForgetCredentialsRequest) => Promise<IpcResult<'sync:forgetCredentials'>>;
  readonly syncCredentialStorage: () => Promise<IpcResult<'sync:credentialStorage'>>;
  readonly syncChooseFolder: () => Promise<IpcResult<'sync:chooseFolder'>>;
  readonly syncRemovableDrives: () => Promise<IpcResult<'sync:removableDrives'>>;
  readonly syncWatchFolders: (request: SyncWatchRequest) => Promise<IpcResult<'sync:watchFolders'>>;
  /** Subscribe to "a watched sync folder received a bundle"; returns the unsubscribe function. */
  readonly onSyncFolderChanged: (listener: (event: SyncFolderChanged) => void) => () => void;
  /** Subscribe to menu commands; returns the unsubscribe function. */
  readonly onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
}

const MAX_REPORTED_ISSUES = 5;
const MAX_DETAIL_TEXT = 500;

/**
 * The fields where the contract takes bytes. A typed array anywhere else is refused before the
 * schemas see it: a strict object schema given one enumerates every index as an unknown key
 * (8 MB of bytes cost main 3.5 s and 1 GB of heap; found by fuzzing, issue 9).
 */
const BYTE_FIELDS: ReadonlySet<string> = new Set(['bytes', 'backup', 'message', 'body']);

/** The path of the first binary value outside a byte field, or null. Walks plain objects and arrays once (cycles included). */
function misplacedBytes(args: readonly unknown[]): string | null {
  const seen = new WeakSet<object>();
  const stack: Array<{ value: unknown; path: string; key: string | null }> = args.map((value, i) => ({ value, path: String(i), key: null }));
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path, key } = next;
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
      if (key === null || !BYTE_FIELDS.has(key)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((v: unknown, i) => stack.push({ value: v, path: `${path}.${i}`, key: null }));
    } else {
      for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: `${path}.${k}`, key: k });
    }
  }
  return null;
}

/** Parse the arguments of an invoke call, as main receives them from the renderer. */
export function parseIpcArguments<K extends InvokeChannel>(
  channel: K,
  args: unknown[],
): { ok: true; value: IpcArgs<K> } | { ok: false; detail: string } {
  const binary = misplacedBytes(args);
  if (binary !== null) return { ok: false, detail: `${binary.length > 100 ? `${binary.slice(0, 99)}…` : binary}: bytes where none are expected` };
  const parsed = IPC_ARGUMENT_SCHEMAS[channel].safeParse(args);
  if (!parsed.success) {
    // Bounded: the detail is logged, and a renderer can send 100,000 wrong items or unknown keys (found by fuzzing, issue 9).
    const issues = parsed.error.issues;
    const text = issues.slice(0, MAX_REPORTED_ISSUES).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    const more = issues.length > MAX_REPORTED_ISSUES ? `; and ${issues.length - MAX_REPORTED_ISSUES} more` : '';
    return { ok: false, detail: `${text.length > MAX_DETAIL_TEXT ? `${text.slice(0, MAX_DETAIL_TEXT - 1)}…` : text}${more}` };
  }
  return { ok: true, value: parsed.data };
}
