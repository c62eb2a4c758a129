/**
 * A WebDAV share as a store-and-forward hub of opaque bundles (see ./bundleStore.ts and
 * ./layout.ts). Upload protocol, safe against a connection or a server lost at any moment:
 *
 * 1. MKCOL the sender's and recipient's folders (405: already there).
 * 2. PROPFIND the recipient folder: a complete file with this bundle id and size is there
 *    already (a previous attempt's MOVE succeeded but its answer was lost): done, nothing sent.
 * 3. PUT the bytes to the temporary name (a leftover from an interrupted attempt is overwritten).
 * 4. MOVE the temporary name to the final name. Only then is the bundle visible to readers.
 *
 * Download: PROPFIND the root for senders' folders, PROPFIND each `<sender>/<recipient>/`,
 * GET the complete files that are new. Temporary names and anything not named like a bundle are
 * ignored.
 */
import type { BundleStore, PutOutcome } from './bundleStore';
import { bundleSegments, InstallationSegmentSchema, isPartialFileName, parseBundleFileName, partialFileName, type BundleLocation } from './layout';
import type { WebDavClient } from './webdav';

export class WebDavBundleStore implements BundleStore {
  constructor(private readonly client: WebDavClient) {}

  async listFor(recipient: string): Promise<BundleLocation[]> {
    InstallationSegmentSchema.parse(recipient);
    const senders = (await this.client.list([])).filter((e) => e.isCollection && InstallationSegmentSchema.safeParse(e.name).success && e.name !== recipient);
    const found: BundleLocation[] = [];
    for (const sender of senders) {
      for (const entry of await this.client.list([sender.name, recipient])) {
        if (entry.isCollection || isPartialFileName(entry.name)) continue;
        const parsed = parseBundleFileName(entry.name);
        if (parsed) found.push({ sender: sender.name, recipient, ...parsed });
      }
    }
    return found;
  }

  async read(location: BundleLocation, maxBytes: number): Promise<Uint8Array> {
    return this.client.get(bundleSegments(location), maxBytes);
  }

  async put(location: BundleLocation, bytes: Uint8Array): Promise<PutOutcome> {
    const [sender, recipient, name] = bundleSegments(location);
    await this.client.ensureCollection([sender, recipient]);
    const present = await this.client.list([sender, recipient]);
    const done = present.find((e) => !e.isCollection && parseBundleFileName(e.name)?.bundleId === location.bundleId);
    if (done && (done.size === null || done.size === bytes.length)) return 'already-there';
    const temporary = partialFileName(name);
    await this.client.put([sender, recipient, temporary], bytes.slice());
    // If the answer to MOVE is lost after the server did it, the retry finds the final name (step 2).
    await this.client.move([sender, recipient, temporary], [sender, recipient, name], true);
    return 'written';
  }
}
