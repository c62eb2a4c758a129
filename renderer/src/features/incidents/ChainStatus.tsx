/**
 * Whether the logbook is as its writers left it: every installation's hash chain in this incident
 * is checked when the incident is opened and again whenever entries arrive (the live query
 * re-runs after an import), off the page's thread so that a long logbook never freezes the screen. A break is shown plainly, with the entry and installation concerned.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { ShieldAlert, ShieldCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { listKeyring } from '../../db/keyring';
import { verifyIncidentChainsOffThread } from '../../db/chainVerifier';
import { countIncidentEntries } from '../../db/logbook';
import { useFormatters } from '../../i18n/format';

export function ChainStatus({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, profile } = useSession();
  // The live query watches the incident's entries (the count reads their index range, so any
  // entry added or altered there wakes it); the verification itself runs in a worker.
  const report = useLiveQuery(async () => {
    await countIncidentEntries(db, incidentId);
    return verifyIncidentChainsOffThread(db, incidentId, profile.id);
  }, [db, incidentId, profile.id]);
  const keyring = useLiveQuery(() => listKeyring(db), [db]);
  if (!report) return null;
  const nameOf = (origin: string) =>
    origin === profile.id ? t('chain.thisInstallation') : (keyring?.find((p) => p.id === origin)?.card.organisation ?? t('chain.otherInstallation', { id: origin.slice(-6) }));
  const entries = report.chains.reduce((n, c) => n + c.length, 0);

  if (report.intact) {
    return (
      <p className="chain-status intact" data-testid="chain-status">
        <ShieldCheck size={16} aria-hidden /> {t('chain.intact', { count: report.chains.length, entries: f.number(entries) })}
        {report.unchained > 0 ? <span className="muted"> {t('chain.unchained', { count: report.unchained })}</span> : null}
      </p>
    );
  }
  return (
    <div className="chain-status broken" role="alert" data-testid="chain-status">
      <p>
        <ShieldAlert size={16} aria-hidden /> <strong>{t('chain.broken')}</strong>
      </p>
      <ul>
        {report.findings.map((finding, i) => (
          <li key={i}>
            {t(`chain.finding.${finding.kind}`, { who: nameOf(finding.origin), seq: finding.seq, to: finding.toSeq ?? finding.seq })}
          </li>
        ))}
      </ul>
      <p className="small">{t('chain.advice')}</p>
    </div>
  );
}
