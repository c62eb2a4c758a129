import { describe, expect, it } from 'vitest';
import { TRANSLATIONS, translationKeys } from '../../../../shared/i18n/translate';
import { DestinationSchema, SyncFailureKindSchema, isAutomatic } from '../../../../shared/sync/destination';

const base = { id: '01HV0000000000000000000001', label: 'Hub', workspace: 'real', peers: ['01HV0000000000000000000002'], encrypt: true, createdAt: '2026-01-01T00:00:00.000Z' };

describe('destinations', () => {
  it('accepts a hub address without credentials in it and an absolute folder', () => {
    expect(DestinationSchema.safeParse({ ...base, kind: 'webdav', url: 'https://hub.example.org/workbook/', username: 'ncsc' }).success).toBe(true);
    expect(DestinationSchema.safeParse({ ...base, kind: 'webdav', url: 'https://ncsc:secret@hub.example.org/', username: null }).success).toBe(false);
    expect(DestinationSchema.safeParse({ ...base, kind: 'webdav', url: 'file:///etc/', username: null }).success).toBe(false);
    expect(DestinationSchema.safeParse({ ...base, kind: 'folder', path: '/media/jo/STICK' }).success).toBe(true);
    expect(DestinationSchema.safeParse({ ...base, kind: 'watched-folder', path: 'E:\\bundles' }).success).toBe(true);
    expect(DestinationSchema.safeParse({ ...base, kind: 'folder', path: 'relative/dir' }).success).toBe(false);
    expect(DestinationSchema.safeParse({ ...base, kind: 'folder', path: '/x', peers: ['../etc'] }).success).toBe(false);
  });

  it('syncs hubs and watched folders by itself, a hand-carried folder only on request', () => {
    expect(isAutomatic({ ...base, kind: 'webdav', url: 'https://h/', username: null } as never)).toBe(true);
    expect(isAutomatic({ ...base, kind: 'watched-folder', path: '/srv/x' } as never)).toBe(true);
    expect(isAutomatic({ ...base, kind: 'folder', path: '/media/x' } as never)).toBe(false);
  });

  it('has words for every failure and every reason a destination is unavailable, in every language', () => {
    for (const [language, tree] of Object.entries(TRANSLATIONS)) {
      const keys = new Set(translationKeys(tree));
      for (const kind of SyncFailureKindSchema.options) expect(keys.has(`sync.failure.${kind}`), `${language} sync.failure.${kind}`).toBe(true);
      for (const reason of ['desktop-only', 'other-origin', 'needs-password']) expect(keys.has(`sync.unavailable.${reason}`), `${language} ${reason}`).toBe(true);
    }
  });
});
