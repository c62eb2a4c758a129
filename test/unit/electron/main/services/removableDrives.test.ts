import { describe, expect, it } from 'vitest';
import { placesToList, removableCandidates, type ListingEntry } from '../../../../../electron/main/services/removableDrives';

const dirEntry = (name: string, isSymbolicLink = false): ListingEntry => ({ name, isDirectory: !isSymbolicLink, isSymbolicLink });

describe('removable drive detection', () => {
  it('finds udisks mounts on Linux (Debian and Fedora style), not the per-user folder itself', () => {
    const listings = new Map<string, ListingEntry[]>([
      ['/media/jo', [dirEntry('STICK'), dirEntry('.hidden'), { name: 'file', isDirectory: false, isSymbolicLink: false }]],
      ['/run/media/jo', [dirEntry('BACKUP')]],
      ['/media', [dirEntry('jo'), dirEntry('cdrom'), dirEntry('usb0')]],
    ]);
    expect(removableCandidates({ platform: 'linux', user: 'jo', listings })).toEqual(['/media/jo/STICK', '/media/usb0', '/run/media/jo/BACKUP']);
    expect(placesToList('linux', 'jo')).toEqual(['/media/jo', '/run/media/jo', '/media']);
  });

  it('lists macOS volumes except the start-up disk', () => {
    const listings = new Map([['/Volumes', [dirEntry('Macintosh HD', true), dirEntry('NO NAME')]]]);
    expect(removableCandidates({ platform: 'darwin', user: 'jo', listings })).toEqual(['/Volumes/NO NAME']);
  });

  it('offers Windows drive letters other than the system drive', () => {
    expect(removableCandidates({ platform: 'win32', user: 'jo', listings: new Map(), driveLetters: ['c', 'E', 'D', '1'], systemDrive: 'C:' })).toEqual(['D:\\', 'E:\\']);
  });

  it('finds nothing where nothing is mounted', () => {
    expect(removableCandidates({ platform: 'linux', user: 'jo', listings: new Map() })).toEqual([]);
    expect(removableCandidates({ platform: 'freebsd', user: 'jo', listings: new Map() })).toEqual([]);
  });
});
