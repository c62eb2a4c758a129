/**
 * Reports on an incident (issue 4): the situation report and the shift handover at any time, the
 * lessons-learned report once lessons have been recorded. Each opens the full-screen report view;
 * closing it returns focus to the button that opened it.
 */
import { ClipboardList, FileText, GraduationCap } from 'lucide-react';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../../shared/model/records';
import type { ReportKind } from '../../../../shared/reports/types';
import { ReportView } from './ReportView';

export function ReportActions({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ReportKind | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const openReport = (kind: ReportKind, event: MouseEvent<HTMLButtonElement>) => {
    opener.current = event.currentTarget;
    setOpen(kind);
  };
  const close = () => setOpen(null);
  // Back to the button that opened the view, once the view is gone and the app is no longer inert.
  useEffect(() => {
    if (open === null) opener.current?.focus();
  }, [open]);

  return (
    <section className="report-actions" aria-labelledby="report-actions-title">
      <h3 id="report-actions-title">{t('reports.ui.heading')}</h3>
      <div className="button-row">
        <button type="button" className="button" onClick={(e) => openReport('situation-report', e)}>
          <FileText size={16} aria-hidden /> {t('reports.ui.openSitrep')}
        </button>
        <button type="button" className="button" onClick={(e) => openReport('handover', e)}>
          <ClipboardList size={16} aria-hidden /> {t('reports.ui.openHandover')}
        </button>
        {incident.lessons ? (
          <button type="button" className="button" onClick={(e) => openReport('lessons', e)}>
            <GraduationCap size={16} aria-hidden /> {t('reports.ui.openLessons')}
          </button>
        ) : null}
      </div>
      {open ? <ReportView incident={incident} kind={open} onClose={close} /> : null}
    </section>
  );
}
