/**
 * The browser implementation of the platform: files are picked with a file input and saved as
 * downloads. Used by the offline web app for desk staff and by the end-to-end tests.
 */
import { MAX_FILE_BYTES, type FileKind } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/ipc/result';
import type { Platform } from './Platform';

const ACCEPT: Record<FileKind, string> = {
  bundle: '.cwb',
  journal: '.ndjson,application/x-ndjson',
  contacts: '.vcf,.csv,text/vcard,text/csv',
  'identity-card': '.cwid,.json,.txt',
  'identity-backup': '.age',
  any: '',
};

const MIME: Record<FileKind, string> = {
  bundle: 'application/octet-stream',
  journal: 'application/x-ndjson',
  contacts: 'text/plain',
  'identity-card': 'application/json',
  'identity-backup': 'application/octet-stream',
  any: 'application/octet-stream',
};

export function createBrowserPlatform(version: string): Platform {
  return {
    kind: 'web',
    appInfo: () => {
      const chrome = /Chrom(?:e|ium)\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? '';
      return Promise.resolve(ok({ version, platform: 'web', electron: '', chrome }));
    },
    openFile: (kind) =>
      new Promise((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = ACCEPT[kind];
        input.addEventListener('cancel', () => resolve(ok(null)));
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          if (!file) return resolve(ok(null));
          if (file.size > MAX_FILE_BYTES) return resolve(err('file-too-large', file.name));
          file.arrayBuffer().then(
            (buffer) => resolve(ok({ name: file.name, bytes: new Uint8Array(buffer) })),
            (e: unknown) => resolve(err('file-read-failed', String(e))),
          );
        });
        input.click();
      }),
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
    setLanguage: async () => {},
    onMenuCommand: () => () => {},
  };
}
