/**
 * The app lock around the open workbook. While locked, the workbook's React tree is not mounted
 * at all — its screens, live queries, notices and deadline notifications are gone, not hidden —
 * and only the lock screen shows. While unlocked, it locks the workbook after the idle time, on
 * Ctrl+L / ⌘L, and when the desktop app reports that the OS locks the screen or goes to sleep.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { ShieldCheck } from 'lucide-react';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentPreferences } from '../../app/useDocumentPreferences';
import { Field } from '../../components/Field';
import { continueContentSealing, getAppLock, getContentSealing, getUnlockAttempts, tryUnlock, type AppLockSettings, type UnlockAttempts } from '../../db/appLock';
import { isDataKeyLoaded } from '../../db/sealing';
import type { WorkbookDb } from '../../db/WorkbookDb';
import type { Platform } from '../../platform';
import { useUiStore } from '../../stores/useUiStore';
import { idleExpired, isLockShortcut, secondsUntilNextAttempt } from './lockPolicy';
import { useLockStore } from './useLockStore';
import { runSealingTask, useSealingStore } from './useSealingStore';
import './lock.css';

/** How often the idle time is checked (a timer alone would miss time spent asleep). */
const IDLE_CHECK_MS = 5_000;
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export function LockGate({ db, platform, children }: { db: WorkbookDb; platform: Platform; children: ReactNode }) {
  const settings = useLiveQuery(() => getAppLock(db), [db]);
  const locked = useLockStore((s) => s.locked);
  const enabled = settings !== undefined && settings !== null;

  useEffect(() => {
    if (settings !== undefined) useLockStore.getState().setEnabled(settings !== null);
  }, [settings]);

  useLockTriggers(platform, enabled && !locked ? settings : null);

  if (settings === undefined) return <div className="startup" aria-busy="true" />;
  if (enabled && locked) return <LockScreen db={db} />;
  return children;
}

/**
 * Content encryption on: before anything of the workbook opens (its profile, journal, keys are
 * sealed), the lock screen asks for the passphrase, which unwraps the data key. With content
 * encryption off, this gate only passes through. A rewrite interrupted (the app closed while
 * turning encryption on or off) goes on after the unlock.
 */
export function ContentKeyGate({ db, children }: { db: WorkbookDb; children: ReactNode }) {
  const sealing = useLiveQuery(() => getContentSealing(db), [db]);
  // Re-render on unlock: the key is loaded by then (tryUnlock).
  const [unlocks, setUnlocks] = useState(0);
  const keyLoaded = sealing !== undefined && sealing !== null && isDataKeyLoaded(db);
  const unfinished = sealing !== undefined && sealing !== null && sealing.phase !== 'on';

  useEffect(() => {
    if (!keyLoaded || !unfinished || useSealingStore.getState().running) return;
    void runSealingTask((onProgress) => continueContentSealing(db, { onProgress })).catch(() => undefined);
  }, [db, keyLoaded, unfinished, unlocks]);

  if (sealing === undefined) return <div className="startup" aria-busy="true" />;
  if (sealing !== null && !keyLoaded) return <StartLockScreen db={db} onUnlocked={() => setUnlocks((n) => n + 1)} />;
  return children;
}

/** The lock screen before the workbook opens: title, theme and marking as the workbook would set them. */
function StartLockScreen({ db, onUnlocked }: { db: WorkbookDb; onUnlocked: () => void }) {
  useDocumentPreferences(useUiStore((s) => s.workspace));
  return <LockScreen db={db} onUnlocked={onUnlocked} />;
}

/** Idle timer, shortcut and OS events, active only while the lock is on and the workbook open. */
function useLockTriggers(platform: Platform, settings: AppLockSettings | null | undefined): void {
  const idleMinutes = settings?.idleMinutes ?? 0;
  const active = Boolean(settings);

  useEffect(() => {
    if (!active) return;
    const lock = () => useLockStore.getState().lock();
    const onKey = (event: KeyboardEvent) => {
      if (!isLockShortcut(event)) return;
      event.preventDefault();
      lock();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    // The desktop app sends this when the OS locks the screen or suspends (electron/main/lockOnSuspend.ts).
    const unsubscribe = platform.onMenuCommand((command) => {
      if (command === 'app:lock') lock();
    });
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      unsubscribe();
    };
  }, [active, platform]);

  useEffect(() => {
    if (!active || idleMinutes === 0) return;
    let lastActivity = Date.now();
    const onActivity = () => {
      lastActivity = Date.now();
    };
    const check = () => {
      if (idleExpired(lastActivity, Date.now(), idleMinutes)) useLockStore.getState().lock();
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', check);
    const timer = window.setInterval(check, IDLE_CHECK_MS);
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', check);
      window.clearInterval(timer);
    };
  }, [active, idleMinutes]);
}

/** The product name, "Workbook locked" and the passphrase field: nothing of the workbook. */
function LockScreen({ db, onUnlocked }: { db: WorkbookDb; onUnlocked?: () => void }) {
  const { t } = useTranslation();
  // Only the marking of the workspace, never its content (a UI preference, not workbook data).
  const exercise = useUiStore((s) => s.workspace) === 'exercise';
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempts, setAttempts] = useState<UnlockAttempts | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    void getUnlockAttempts(db).then(setAttempts);
  }, [db]);
  const wait = attempts ? secondsUntilNextAttempt(attempts.failures, attempts.lastFailureAt, now) : 0;
  useEffect(() => {
    if (wait === 0) return;
    const timer = window.setTimeout(() => setNow(Date.now()), 1000);
    return () => window.clearTimeout(timer);
  }, [wait, now]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || wait > 0 || attempts === null) return;
    setBusy(true);
    let result: Awaited<ReturnType<typeof tryUnlock>>;
    try {
      result = await tryUnlock(db, passphrase);
    } catch {
      // The passphrase was right but the content key did not open: a damaged entry.
      setError(t('appLock.screen.keyProblem'));
      setBusy(false);
      return;
    }
    if (result.ok) {
      useLockStore.getState().unlock();
      onUnlocked?.();
      return;
    }
    setAttempts(result.attempts);
    setNow(Date.now());
    setPassphrase('');
    setError(t('appLock.screen.wrong'));
    setBusy(false);
  };

  return (
    <div className="lock-screen">
      {exercise ? <div className="lock-exercise">{t('workspace.exerciseMarking')}</div> : null}
      <main>
        <form className="lock-card" onSubmit={(e) => void submit(e)} noValidate>
          <p className="lock-product">
            <ShieldCheck size={20} aria-hidden /> {t('app.name')}
          </p>
          <h1>{t('appLock.screen.locked')}</h1>
          <Field label={t('appLock.screen.passphrase')} error={wait > 0 ? t('appLock.screen.wait', { count: wait }) : error}>
            <input type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus />
          </Field>
          <button type="submit" className="button primary" disabled={busy || wait > 0}>
            {busy ? t('appLock.screen.checking') : t('appLock.screen.unlock')}
          </button>
        </form>
      </main>
    </div>
  );
}
