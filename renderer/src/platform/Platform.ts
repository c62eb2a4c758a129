/**
 * The renderer's one way to the outside world. Two implementations: the desktop app (Electron,
 * through the preload bridge) and the browser (file input and downloads), so the same renderer
 * runs as the desktop app, as an installable offline web app and in the end-to-end tests.
 */
import type { AppInfo, FileKind, MenuCommand } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import type { Language } from '../../../shared/i18n/languages';

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
  /** Hand bytes to the user as a file. `null` when the user cancelled. */
  saveFile(kind: FileKind, suggestedName: string, bytes: Uint8Array): Promise<Result<{ location: string } | null>>;
  /** Tell the host which language the user chose (the desktop menu follows it). */
  setLanguage(language: Language): Promise<void>;
  /** Commands from the desktop menu; the browser has none. Returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
