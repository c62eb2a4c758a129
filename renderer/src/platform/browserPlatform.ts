/**
 * The browser implementation of the platform: files are picked with a file input and saved as
 * downloads. Used by the offline web app for desk staff and by the end-to-end tests.
 */
import { MAX_FILE_BYTES, type FileKind } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/ipc/result';
import { fileSourceFromBlob } from './fileSource';
import type { Platform } from './Platform';
import { createBrowserSyncPort } from '../sync/syncPort';

const ACCEPT: Record<FileKind, string> = {
  bundle: '.cwb,.cwr',
  receipt: '.cwr',
  journal: '.ndjson,application/x-ndjson',
  contacts: '.vcf,.csv,text/vcard,text/csv',
  'identity-card': '.cwid,.json,.txt',
  'identity-backup': '.age',
  report: '.md,text/markdown',
  procedure: '.json,.mmd,application/json',
  svg: '.svg,image/svg+xml',
  png: '.png,image/png',
  pack: '.cwpack',
  pdf: '.pdf,application/pdf',
  any: '',
};

const MIME: Record<FileKind, string> = {
  bundle: 'application/octet-stream',
  receipt: 'application/octet-stream',
  journal: 'application/x-ndjson',
  contacts: 'text/plain',
  'identity-card': 'application/json',
  'identity-backup': 'application/octet-stream',
  report: 'text/markdown;charset=utf-8',
  procedure: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  pack: 'application/octet-stream',
  pdf: 'application/pdf',
  any: 'application/octet-stream',
};

/** Ask the user for a file with a file input; null when cancelled. */
function pickFile(kind: FileKind): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT[kind];
    input.addEventListener('cancel', () => resolve(null));
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null));
    input.click();
  });
}

export function createBrowserPlatform(version: string): Platform {
  return {
    kind: 'web',
    appInfo: () => {
      const chrome = /Chrom(?:e|ium)\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? '';
      return Promise.resolve(ok({ version, platform: 'web', electron: '', chrome }));
    },
    openFile: async (kind) => {
      const file = await pickFile(kind);
      if (!file) return ok(null);
      if (file.size > MAX_FILE_BYTES) return err('file-too-large', file.name);
      try {
        return ok({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      } catch (e) {
        return err('file-read-failed', String(e));
      }
    },
    // A File is a Blob the browser reads from disk on demand: nothing is loaded until streamed.
    openFileSource: async (kind) => {
      const file = await pickFile(kind);
      return ok(file ? fileSourceFromBlob(file.name, file) : null);
    },
    saveFile: (kind, suggestedName, bytes) => {
      // Copy into a fresh ArrayBuffer: a Blob must not see later changes to a shared buffer.
      const blob = new Blob([bytes.slice()], { type: MIME[kind] });
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = suggestedName;
      anchor.rel = 'noopener';
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      // Revoke later: the download has to start reading the blob first.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return Promise.resolve(ok({ location: suggestedName }));
    },
    // The print dialog offers "Save as PDF"; where (and whether) it saved is not ours to know.
    printToPdf: () => {
      window.print();
      return Promise.resolve(ok(null));
    },
    setLanguage: async () => {},
    onMenuCommand: () => () => {},
    // No main process: keys are non-extractable WebCrypto keys (renderer/src/identity/keyStore.ts).
    keyVault: null,
    // Only a hub on this web app's own origin (CSP connect-src 'self'); its password for this session only.
    sync: createBrowserSyncPort(window.location.origin, (url, init) => window.fetch(url, init as RequestInit)),
  };
}
