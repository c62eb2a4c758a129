/**
 * The renderer's one way to the outside world. Two implementations: the desktop app (Electron,
 * through the preload bridge) and the browser (file input and downloads), so the same renderer
 * runs as the desktop app, as an installable offline web app and in the end-to-end tests.
 */
import type { IdentityCard } from '../../../shared/crypto/identity';
import type { AppInfo, CreatedKeys, FileKind, KeyProfile, KeyVaultStatus, MenuCommand, X25519Stanza } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import type { FileSource } from './fileSource';
import type { Language } from '../../../shared/i18n/languages';
import type { SyncPort } from '../sync/syncPort';

export interface PickedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface Platform {
  readonly kind: 'desktop' | 'web';
  /** Information for the About section. */
  appInfo(): Promise<Result<AppInfo>>;
  /** Ask the user for a file. `null` when the user cancelled. */
  openFile(kind: FileKind): Promise<Result<PickedFile | null>>;
  /** Ask the user for a file to be read as a stream (bundles: possibly larger than memory). `null` when cancelled. */
  openFileSource(kind: FileKind): Promise<Result<FileSource | null>>;
  /** Hand bytes to the user as a file. `null` when the user cancelled. */
  saveFile(kind: FileKind, suggestedName: string, bytes: Uint8Array): Promise<Result<{ location: string } | null>>;
  /**
   * Save the page as it prints (reports) as a PDF. Desktop: main renders the window with
   * Chromium's printToPDF and asks where to save it; the location, or `null` when cancelled.
   * Web: the browser's print dialog opens, whose printers include "Save as PDF"; the browser does
   * not say whether or where it saved, so the result is `null`.
   */
  printToPdf(suggestedName: string): Promise<Result<{ location: string } | null>>;
  /** Tell the host which language the user chose (the desktop menu follows it). */
  setLanguage(language: Language): Promise<void>;
  /** Commands from the desktop menu; the browser has none. Returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * The desktop app's key vault: the installation identity held by the main process, sealed with
   * the OS secure storage. Null in the browser. Used only by renderer/src/identity.
   */
  readonly keyVault: KeyVaultPort | null;
  /** Sync transports of this build: hubs, folders, watched folders (see renderer/src/sync/syncPort.ts). */
  readonly sync: SyncPort;
}

/** The main process's key vault as the renderer reaches it: status, create, restore, sign, unwrap. */
export interface KeyVaultPort {
  status(): Promise<Result<KeyVaultStatus>>;
  create(profile: KeyProfile, passphrase: string): Promise<Result<CreatedKeys>>;
  restore(backup: Uint8Array, passphrase: string, installationId: string): Promise<Result<IdentityCard>>;
  sign(message: Uint8Array): Promise<Result<Uint8Array>>;
  unwrapFileKey(stanzas: readonly X25519Stanza[]): Promise<Result<Uint8Array | null>>;
}
