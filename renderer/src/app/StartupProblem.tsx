import { useTranslation } from 'react-i18next';
import type { AppErrorCode } from '../../../shared/errors/codes';

/** Shown instead of the workbook when the database cannot be opened; says what to do. */
export function StartupProblem({ code }: { code: AppErrorCode }) {
  const { t } = useTranslation();
  return (
    <main className="startup-problem" role="alert">
      <h1>{t('startup.problemTitle')}</h1>
      <p>{t(`errors.${code}`)}</p>
      <button type="button" className="button primary" onClick={() => window.location.reload()}>
        {t('startup.retry')}
      </button>
    </main>
  );
}
