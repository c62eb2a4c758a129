import { describe, expect, it } from 'vitest';
import { fileFiltersFor } from '../../../../../electron/main/services/fileFilters';

describe('fileFiltersFor', () => {
  it('offers the specific type first, then all files, in English', () => {
    expect(fileFiltersFor('bundle', 'en')).toEqual([
      { name: 'Crisis Workbook bundle or receipt', extensions: ['cwb', 'cwr'] },
      { name: 'All files', extensions: ['*'] },
    ]);
    expect(fileFiltersFor('receipt', 'en')[0]).toEqual({ name: 'Crisis Workbook import receipt', extensions: ['cwr'] });
    expect(fileFiltersFor('journal', 'en')[0]).toEqual({ name: 'Change journal (NDJSON)', extensions: ['ndjson'] });
    expect(fileFiltersFor('contacts', 'en')[0]).toEqual({ name: 'Contacts (vCard, CSV)', extensions: ['vcf', 'csv'] });
    expect(fileFiltersFor('procedure', 'en')[0]).toEqual({ name: 'Procedure (JSON, CACAO playbook, Mermaid)', extensions: ['json', 'mmd'] });
    expect(fileFiltersFor('svg', 'nl')[0]).toEqual({ name: 'SVG-afbeelding', extensions: ['svg'] });
    expect(fileFiltersFor('png', 'en')[0]).toEqual({ name: 'PNG image', extensions: ['png'] });
    expect(fileFiltersFor('pack', 'en')[0]).toEqual({ name: 'Signed procedure content pack', extensions: ['cwpack'] });
  });

  it('labels filters in Dutch', () => {
    expect(fileFiltersFor('bundle', 'nl')).toEqual([
      { name: 'Crisis Workbook-bundel of -ontvangstbewijs', extensions: ['cwb', 'cwr'] },
      { name: 'Alle bestanden', extensions: ['*'] },
    ]);
  });

  it('offers only all files for "any"', () => {
    expect(fileFiltersFor('any', 'nl')).toEqual([{ name: 'Alle bestanden', extensions: ['*'] }]);
  });

  it('returns fresh arrays (Electron may keep a reference)', () => {
    const first = fileFiltersFor('contacts', 'en')[0];
    first?.extensions.push('exe');
    expect(fileFiltersFor('contacts', 'en')[0]?.extensions).toEqual(['vcf', 'csv']);
  });
});
