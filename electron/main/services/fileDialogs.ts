/**
 * Electron glue for `file:open` and `file:save`: native dialogs, then the pure helpers for the
 * actual reading (size-limited) and writing (atomic). A closed dialog is `ok(null)` — the user
 * cancelling is not an error.
 */
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import type { Language } from '../../../shared/i18n/languages';
import { translate } from '../../../shared/i18n/translate';
import type { FileForReading, OpenFileRequest, OpenedFile, SaveFileRequest, SavedFile } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/ipc/result';
import { log } from '../log';
import { writeFileAtomically } from './atomicWrite';
import { fileFiltersFor } from './fileFilters';
import type { FileReadHandles } from './fileReadHandles';
import { readUserFile } from './readUserFile';

/** The open dialog; the chosen path, or null when cancelled. */
async function choosePath(request: OpenFileRequest, language: Language, parent: BrowserWindow | null): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: translate(language, 'menu.openFileTitle'),
    properties: ['openFile'],
    filters: fileFiltersFor(request.kind, language),
  };
  const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  const path = choice.filePaths[0];
  return choice.canceled || path === undefined ? null : path;
}

export async function openFile(
  request: OpenFileRequest,
  language: Language,
  parent: BrowserWindow | null,
): Promise<Result<OpenedFile | null>> {
  const path = await choosePath(request, language, parent);
  return path === null ? ok(null) : readUserFile(path);
}

/** Like `openFile`, for files read in chunks (`file:readChunk`) rather than whole. */
export async function openFileForReading(
  request: OpenFileRequest,
  language: Language,
  parent: BrowserWindow | null,
  handles: FileReadHandles,
): Promise<Result<FileForReading | null>> {
  const path = await choosePath(request, language, parent);
  return path === null ? ok(null) : handles.register(path);
}

export async function saveFile(
  request: SaveFileRequest,
  language: Language,
  parent: BrowserWindow | null,
): Promise<Result<SavedFile | null>> {
  const options: SaveDialogOptions = {
    title: translate(language, 'menu.saveFileTitle'),
    // suggestedName is validated by the contract schema as a bare file name, never a path.
    defaultPath: join(documentsFolder(), request.suggestedName),
    filters: fileFiltersFor(request.kind, language),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return ok(null);
  try {
    await writeFileAtomically(choice.filePath, request.bytes);
  } catch (error) {
    log.warn(`saving a ${request.kind} file failed`, error);
    return err('file-write-failed', error instanceof Error ? error.message : String(error));
  }
  return ok({ location: choice.filePath });
}

/** The user's Documents folder, or their home folder on systems without one. */
function documentsFolder(): string {
  try {
    return app.getPath('documents');
  } catch {
    return app.getPath('home');
  }
}
