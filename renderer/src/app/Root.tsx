/**
 * Opens the database, decides between first-run setup and the workbook, and keeps language and
 * theme in step with the profile and preferences.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WorkbookError, type AppErrorCode } from '../../../shared/errors/codes';
import type { ChangeJournal } from '../db/journal';
import type { InstallationKeyStore } from '../identity/keyStore';
import { openKeyStore } from '../identity/openKeyStore';
import { openInstallation } from '../db/installation';
import { getProfile } from '../db/queries';
import { DATABASE_NAME } from '../db/schema';
import { openWorkbookDbAtStart, WorkbookDb, type StoreReset } from '../db/WorkbookDb';
import { ContentKeyGate, LockGate } from '../features/lock/LockGate';
import { SetupScreen } from '../features/setup/SetupScreen';
import type { Platform } from '../platform';
import { useUiStore } from '../stores/useUiStore';
import { AppShell } from './AppShell';
import { clearStaleStaging } from '../db/exchange';
import { SessionProvider } from './session';
import { StartupProblem } from './StartupProblem';
import { StoreResetNotice } from './StoreResetNotice';
import { TopErrorBoundary } from './TopErrorBoundary';
import { useDocumentPreferences } from './useDocumentPreferences';

export function Root({ platform }: { platform: Platform }) {
  // No automatic opening: the database is opened once, after checking it is not from a newer app.
  const [db] = useState(() => new WorkbookDb(DATABASE_NAME, { autoOpen: false }));
  const [state, setState] = useState<'opening' | 'open' | AppErrorCode>('opening');
  // Set when the browser engine cleared a damaged store at this start, until the officer has read it.
  const [storeReset, setStoreReset] = useState<StoreReset | null>(null);

  useEffect(() => {
    openWorkbookDbAtStart(db).then(
      (reset) => {
        setStoreReset(reset);
        setState('open');
        // Housekeeping: imports abandoned mid-preview long ago leave staged batches behind.
        void clearStaleStaging(db).catch(() => undefined);
      },
      (e: unknown) => {
        const name = e instanceof Error ? e.name : '';
        if (e instanceof WorkbookError) setState(e.code);
        else setState(name === 'VersionError' ? 'db-from-newer-app' : name === 'DatabaseClosedError' ? 'db-blocked' : 'internal');
      },
    );
    // Another window upgraded the database: this one must not keep working on the old schema.
    db.on('versionchange', () => {
      db.close();
      window.location.reload();
      return false;
    });
  }, [db]);

  return (
    <TopErrorBoundary>
      {state === 'open' && storeReset ? (
        <StoreResetNotice reset={storeReset} onContinue={() => setStoreReset(null)} />
      ) : state === 'open' ? (
        // With content encryption on, the passphrase comes first: profile, journal and keys are sealed.
        <ContentKeyGate db={db}>
          <OpenWorkbook db={db} platform={platform} />
        </ContentKeyGate>
      ) : state === 'opening' ? (
        <div className="startup" aria-busy="true" />
      ) : (
        <StartupProblem code={state} />
      )}
    </TopErrorBoundary>
  );
}

function OpenWorkbook({ db, platform }: { db: WorkbookDb; platform: Platform }) {
  const [journal, setJournal] = useState<ChangeJournal | null>(null);
  const [problem, setProblem] = useState<AppErrorCode | null>(null);
  const { i18n } = useTranslation();
  const profile = useLiveQuery(() => getProfile(db), [db]);
  const [keyStore, setKeyStore] = useState<InstallationKeyStore | null>(null);

  useEffect(() => {
    if (!profile || journal?.installationId === profile.id) return;
    let cancelled = false;
    openInstallation(db, profile).then(
      (j) => !cancelled && setJournal(j),
      () => !cancelled && setProblem('internal'),
    );
    return () => {
      cancelled = true;
    };
  }, [db, profile, journal]);

  // Where the private keys live is decided once per installation: main's OS-protected vault on
  // the desktop when it is usable, WebCrypto keys otherwise (renderer/src/identity/keyStore.ts).
  const profileId = profile?.id;
  useEffect(() => {
    if (!profileId || keyStore?.installationId === profileId) return;
    let cancelled = false;
    openKeyStore(db, platform.keyVault, { id: profileId }).then(
      (store) => !cancelled && setKeyStore(store),
      () => !cancelled && setProblem('internal'),
    );
    return () => {
      cancelled = true;
    };
  }, [db, platform, profileId, keyStore]);

  const language = profile?.language;
  useEffect(() => {
    if (!language) return;
    void i18n.changeLanguage(language);
    void platform.setLanguage(language);
  }, [language, i18n, platform]);

  const workspace = useUiStore((s) => s.workspace);
  useDocumentPreferences(profile ? workspace : null);

  if (problem) return <StartupProblem code={problem} />;
  if (profile === null) return <SetupScreen db={db} onDone={setJournal} />;
  if (!profile || !journal || keyStore?.installationId !== profile.id) return <div className="startup" aria-busy="true" />;
  // The app lock unmounts the whole workbook while locked (features/lock/LockGate.tsx).
  return (
    <LockGate db={db} platform={platform}>
      <SessionProvider session={{ db, journal, platform, profile, keyStore }}>
        <AppShell />
      </SessionProvider>
    </LockGate>
  );
}
