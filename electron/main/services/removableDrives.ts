/**
 * Where a USB stick shows up, so that the folder dialog can open there and the Destinations
 * section can say "stick detected". `removableCandidates` is PURE (a listing in, paths out) and
 * tested per operating system; `listRemovableDrives` does the listing with node:fs.
 *
 * - Linux: udisks mounts sticks under `/media/<user>/<label>` (Debian, Ubuntu) or
 *   `/run/media/<user>/<label>` (Fedora, Arch); some set-ups use `/media/<label>`.
 * - macOS: every volume under `/Volumes`, less the start-up disk (a symbolic link to `/`).
 * - Windows: drive letters other than the system drive (a drive letter does not say whether it
 *   is removable without a native call; the user confirms in the dialog in any case).
 */
import { promises as fsPromises } from 'node:fs';
import { join, posix, win32 } from 'node:path';

export interface ListingEntry {
  readonly name: string;
  readonly isDirectory: boolean;
  readonly isSymbolicLink: boolean;
}

export interface DriveListing {
  readonly platform: NodeJS.Platform;
  readonly user: string;
  /** Directory listings by absolute path (only those asked for need be present). */
  readonly listings: ReadonlyMap<string, readonly ListingEntry[]>;
  /** Windows: the drive letters that exist, e.g. ['C', 'E']; and the system drive. */
  readonly driveLetters?: readonly string[];
  readonly systemDrive?: string;
}

/** The directories to list for `platform` and `user`. */
export function placesToList(platform: NodeJS.Platform, user: string): string[] {
  if (platform === 'darwin') return ['/Volumes'];
  if (platform === 'linux') return [posix.join('/media', user), posix.join('/run/media', user), '/media'];
  return [];
}

export function removableCandidates(listing: DriveListing): string[] {
  const { platform, user } = listing;
  if (platform === 'win32') {
    const system = (listing.systemDrive ?? 'C:').slice(0, 1).toUpperCase();
    return (listing.driveLetters ?? [])
      .map((l) => l.toUpperCase())
      .filter((l) => /^[A-Z]$/.test(l) && l !== system)
      .sort()
      .map((l) => win32.join(`${l}:`, '\\'));
  }
  const found: string[] = [];
  for (const place of placesToList(platform, user)) {
    for (const entry of listing.listings.get(place) ?? []) {
      if (entry.name.startsWith('.')) continue;
      const path = posix.join(place, entry.name);
      // /media/<user> itself is a folder of mounts, not a mount.
      if (place === '/media' && (entry.name === user || entry.name === 'cdrom' || entry.name.startsWith('cdrom'))) continue;
      if (platform === 'darwin' && entry.isSymbolicLink) continue;
      if (!entry.isDirectory) continue;
      found.push(path);
    }
  }
  return [...new Set(found)].sort();
}

/** The mounted removable drives found now (best effort: none on an unreadable place). */
export async function listRemovableDrives(platform: NodeJS.Platform = process.platform, user: string = process.env['USER'] ?? process.env['USERNAME'] ?? '', fs: Pick<typeof fsPromises, 'readdir' | 'access'> = fsPromises): Promise<string[]> {
  if (platform === 'win32') {
    const letters: string[] = [];
    for (const letter of 'DEFGHIJKLMNOPQRSTUVWXYZ') {
      try {
        await fs.access(`${letter}:\\`);
        letters.push(letter);
      } catch {
        // Not there.
      }
    }
    return removableCandidates({ platform, user, listings: new Map(), driveLetters: letters, systemDrive: process.env['SystemDrive'] ?? 'C:' });
  }
  const listings = new Map<string, ListingEntry[]>();
  for (const place of placesToList(platform, user)) {
    try {
      const entries = await fs.readdir(join(place), { withFileTypes: true });
      listings.set(place, entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isSymbolicLink: e.isSymbolicLink() })));
    } catch {
      // Not there on this system.
    }
  }
  return removableCandidates({ platform, user, listings });
}
