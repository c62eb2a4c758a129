import { DatabaseZap } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { StoreReset } from '../db/WorkbookDb';

const STEPS = ['storeResetStepSetup', 'storeResetStepBackup', 'storeResetStepBundles', 'storeResetStepLog'] as const;

/**
 * Shown once, before anything else, when the browser engine cleared a damaged store at this start
 * (renderer/src/db/WorkbookDb.ts `openWorkbookDbAtStart`): an empty workbook must not look like a
 * first start, and the officer needs the way back (backup, identity backup, partners' bundles).
 */
export function StoreResetNotice({ reset, onContinue }: { reset: StoreReset; onContinue: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="setup">
      <section className="setup-card store-reset" role="alert" aria-labelledby="store-reset-title">
        <div className="setup-brand danger">
          <DatabaseZap aria-hidden="true" size={36} />
          <div>
            <h1 id="store-reset-title">{t('startup.storeResetTitle')}</h1>
            <p>{t('startup.storeResetText')}</p>
          </div>
        </div>
        <h2>{t('startup.storeResetStepsTitle')}</h2>
        <ol>
          {STEPS.map((step) => (
            <li key={step}>{t(`startup.${step}`)}</li>
          ))}
        </ol>
        <details>
          <summary>{t('startup.storeResetDetail')}</summary>
          <code>{reset.detail}</code>
        </details>
        <div className="button-row end">
          <button type="button" className="button primary" onClick={onContinue} autoFocus>
            {t('startup.storeResetContinue')}
          </button>
        </div>
      </section>
    </main>
  );
}
