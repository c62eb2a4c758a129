/**
 * Open merge conflicts of this workspace: where two installations changed the same field without
 * seeing each other's change. The value shown is the later one; the other is kept here until a
 * person chooses. The choice is a journaled edit that, once it has travelled, closes the conflict
 * on every installation.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { FieldWrite } from '../../../../shared/merge/mergeRecord';
import { BUILTIN_ORIGIN } from '../../../../shared/model/ids';
import { useSession } from '../../app/session';
import { listConflicts } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useJournalAction } from '../../lib/useJournalAction';
import { useUiStore } from '../../stores/useUiStore';

/** A field value as a person reads it. */
function showValue(value: unknown, t: (key: string) => string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return t(value ? 'conflicts.yes' : 'conflicts.no');
  return JSON.stringify(value);
}

export function ConflictsSection() {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const conflicts = useLiveQuery(() => listConflicts(db, workspace), [db, workspace]);
  const keyring = useLiveQuery(() => db.keyring.toArray(), [db]);
  const { run, busy } = useJournalAction();

  const author = (write: FieldWrite) =>
    write.origin === profile.id
      ? t('exchange.originSelf')
      : write.origin === BUILTIN_ORIGIN
        ? t('exchange.originBuiltin')
        : (keyring?.find((p) => p.id === write.origin)?.card.organisation ?? write.origin);

  if (!conflicts || conflicts.length === 0) {
    return (
      <section className="card span-3" aria-labelledby="conflicts-title">
        <h2 id="conflicts-title">{t('conflicts.title')}</h2>
        <p className="muted">{t('conflicts.none')}</p>
      </section>
    );
  }

  return (
    <section className="card span-3" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">
        {t('conflicts.title')} <span className="count">{f.number(conflicts.length)}</span>
      </h2>
      <p className="muted">{t('conflicts.intro')}</p>
      <ul className="conflict-list">
        {conflicts.map((c) => (
          <li key={`${c.table}/${c.recordId}/${c.field}`} className="conflict">
            <div className="conflict-head">
              <strong>{c.label}</strong> · {t(`tables.${c.table}`)} · {t('conflicts.field', { field: c.field })}
            </div>
            <ol className="conflict-options">
              {[c.winner, ...c.losers].map((write, index) => (
                <li key={write.opId}>
                  <span className="conflict-value">{showValue(write.value, t)}</span>
                  <span className="record-sub">
                    {author(write)} · {f.dateTime(write.hlc.slice(0, 24))} {index === 0 ? `· ${t('conflicts.shown')}` : ''}
                  </span>
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    onClick={() => void run(() => journal.resolveConflict(c.table, c.recordId, c.field, write.value), 'conflicts.resolved')}
                  >
                    {t('conflicts.keep')}
                  </button>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </section>
  );
}
