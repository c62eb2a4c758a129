/**
 * The open workbook: database, change journal, platform and key store, shared with every screen
 * through React context. The journal and the key store exist once the installation is set up.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { InstallationProfile } from '../../../shared/model/installation';
import type { ChangeJournal } from '../db/journal';
import type { InstallationKeyStore } from '../identity/keyStore';
import type { WorkbookDb } from '../db/WorkbookDb';
import type { Platform } from '../platform';

export interface WorkbookSession {
  readonly db: WorkbookDb;
  readonly journal: ChangeJournal;
  readonly platform: Platform;
  readonly profile: InstallationProfile;
  /** Where this installation's private keys are, and how to sign and decrypt with them. */
  readonly keyStore: InstallationKeyStore;
}

const SessionContext = createContext<WorkbookSession | null>(null);

export function SessionProvider({ session, children }: { session: WorkbookSession; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): WorkbookSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
