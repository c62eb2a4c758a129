import { useTranslation } from 'react-i18next';

/**
 * The unmistakable marking of the exercise workspace. It sits above every screen and, in print,
 * repeats at the top of every page.
 */
export function ExerciseBanner() {
  const { t } = useTranslation();
  return (
    <div className="exercise-banner" role="note" aria-label={t('workspace.exerciseBannerLabel')} data-testid="exercise-banner">
      <strong>{t('workspace.exerciseMarking')}</strong>
      <span>{t('workspace.exerciseBannerText')}</span>
    </div>
  );
}
