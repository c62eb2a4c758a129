/**
 * "Import a bundle the way the app does", in one function, so that the benchmark measures the
 * app's own code path and nothing else.
 *
 * THIS MUST MIRROR renderer/src/features/exchange/BundlesSection.tsx `check()` (receipt sniff,
 * streamed verification, preview that stages the operations) followed by
 * renderer/src/features/exchange/ImportDialog.tsx `apply()` (apply the staged import, then the
 * custody record in the exchange log; no courier, no logbook entry). Whoever changes the app's
 * import path updates this function in the same change; the phase names may change with it, the
 * runner reports whatever phases it is given. What the app does between the phases (render the
 * preview, wait for a click) is not part of the import and is not timed.
 *
 * A refusal is an error here: the app would quarantine or log it, the benchmark must stop.
 */
import { looksLikeReceipt, MAX_RECEIPT_FILE_BYTES } from '../../shared/bundle/receipt';
import type { InstallationProfile } from '../../shared/model/installation';
import type { Workspace } from '../../shared/model/workspace';
import { receiptRequestFor, recordCustody } from '../../renderer/src/db/custody';
import { applyImport, previewImport, verifyBundle } from '../../renderer/src/db/exchange';
import type { ChangeJournal } from '../../renderer/src/db/journal';
import type { WorkbookDb } from '../../renderer/src/db/WorkbookDb';
import type { InstallationKeyStore } from '../../renderer/src/identity/keyStore';
import { bytesOfSource, type FileSource } from '../../renderer/src/platform/fileSource';

/** What `useSession()` gives the app's screens (the platform aside: the file is already picked). */
export interface AppSession {
  readonly db: WorkbookDb;
  readonly journal: ChangeJournal;
  readonly profile: InstallationProfile;
  readonly keyStore: InstallationKeyStore;
}

/** Runs one phase of the import and times it. */
export type PhaseTimer = <T>(phase: string, body: () => Promise<T>) => Promise<T>;

/** Verify, preview and apply the picked bundle `source` into `workspace`; returns the number of new operations. */
export async function importAsTheAppDoes(session: AppSession, workspace: Workspace, source: FileSource, phase: PhaseTimer): Promise<number> {
  const { db, journal, profile, keyStore } = session;
  // BundlesSection `check()`.
  const result = await phase('verify', async () => {
    if (source.size <= MAX_RECEIPT_FILE_BYTES && looksLikeReceipt(await bytesOfSource(source))) throw new Error('the file is a receipt, not a bundle');
    return verifyBundle(db, source, workspace, profile.id, keyStore);
  });
  if (!result.ok) throw new Error(`the bundle was refused: ${result.error.code} (${result.error.detail})`);
  const preview = await phase('preview', () => previewImport(db, result.bundle));
  // ImportDialog `apply()`.
  return phase('apply', async () => {
    const added = await applyImport(db, journal, preview);
    const header = preview.bundle.header;
    const receipt = receiptRequestFor(preview.bundle, added, null);
    await recordCustody(
      db,
      journal,
      {
        event: 'received',
        bundleId: header.bundleId,
        fingerprint: preview.bundle.fingerprint,
        peer: header.sender.organisation,
        peerInstallationId: header.sender.installationId,
        bundleWorkspace: header.workspace,
        operations: added,
        fileName: source.name,
        carriedBy: null,
        sequence: header.sequence,
        receivedBundle: receipt.bundle,
      },
      null,
    );
    return added;
  });
}
