/**
 * The filter bar above the timeline: free text, kind, TLP label, author and period, combined,
 * with the count of entries shown. It edits only criteria (UI state in useUiStore, per incident);
 * the filtering itself is shared/logbook/timelineFilter.ts, run by the Timeline.
 */
import { Search } from 'lucide-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPTY_TIMELINE_FILTER, isFilterActive, type TimelineFilter } from '../../../../shared/logbook/timelineFilter';
import { LOG_ENTRY_KINDS, type LogEntryKind } from '../../../../shared/model/records';
import { TLP_LABELS, type Tlp } from '../../../../shared/model/tlp';
import { Field } from '../../components/Field';
import { useFormatters } from '../../i18n/format';
import { fromLocalInputValue, toLocalInputValue } from '../../lib/time';

/** The period is chosen to the minute; "up to 10:42" includes all of 10:42. */
const MINUTE_MS = 60_000;

function toggle<T>(list: readonly T[], value: T): readonly T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** Memoised: the timeline re-renders at every step of a scroll, the filter bar only when its props change. */
export const TimelineFilters = memo(function TimelineFilters({
  filter,
  onChange,
  authors,
  shown,
  total,
}: {
  filter: TimelineFilter;
  onChange: (filter: TimelineFilter) => void;
  authors: readonly string[];
  shown: number;
  total: number;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const set = (patch: Partial<TimelineFilter>) => onChange({ ...filter, ...patch });
  const active = isFilterActive(filter);
  const untilValue = filter.until ? toLocalInputValue(new Date(Date.parse(filter.until) - MINUTE_MS).toISOString()) : '';

  return (
    <div className="timeline-filters" role="search" aria-label={t('timeline.filtersLabel')}>
      <div className="timeline-filter-row">
        <label className="search timeline-search">
          <Search size={16} aria-hidden />
          <span className="visually-hidden">{t('timeline.search')}</span>
          <input type="search" value={filter.text} placeholder={t('timeline.searchPlaceholder')} onChange={(e) => set({ text: e.target.value })} />
        </label>
        <Field label={t('timeline.author')}>
          <select value={filter.author ?? ''} onChange={(e) => set({ author: e.target.value || null })}>
            <option value="">{t('timeline.allAuthors')}</option>
            {authors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('timeline.from')}>
          <input type="datetime-local" value={filter.from ? toLocalInputValue(filter.from) : ''} onChange={(e) => set({ from: fromLocalInputValue(e.target.value) })} />
        </Field>
        <Field label={t('timeline.to')}>
          <input
            type="datetime-local"
            value={untilValue}
            onChange={(e) => {
              const to = fromLocalInputValue(e.target.value);
              set({ until: to ? new Date(Date.parse(to) + MINUTE_MS).toISOString() : null });
            }}
          />
        </Field>
      </div>
      <div className="timeline-filter-row">
        <div className="chip-group" role="group" aria-label={t('timeline.kindsLabel')}>
          <span className="chip-group-label" aria-hidden>
            {t('timeline.kinds')}
          </span>
          {LOG_ENTRY_KINDS.map((kind: LogEntryKind) => (
            <button key={kind} type="button" className="chip" aria-pressed={filter.kinds.includes(kind)} onClick={() => set({ kinds: toggle(filter.kinds, kind) })}>
              {t(`log.kind.${kind}`)}
            </button>
          ))}
        </div>
        <div className="chip-group" role="group" aria-label={t('timeline.labelsLabel')}>
          <span className="chip-group-label" aria-hidden>
            {t('timeline.labels')}
          </span>
          {TLP_LABELS.map((label: Tlp) => (
            <button key={label} type="button" className="chip" aria-pressed={filter.tlps.includes(label)} onClick={() => set({ tlps: toggle(filter.tlps, label) })}>
              {label}
            </button>
          ))}
        </div>
      </div>
      <div className="timeline-filter-row timeline-filter-status">
        <p role="status" className="timeline-count">
          {active ? t('timeline.countFiltered', { shown: f.number(shown), total: f.number(total), count: total }) : t('timeline.count', { total: f.number(total), count: total })}
        </p>
        {active ? (
          <button type="button" className="button" onClick={() => onChange(EMPTY_TIMELINE_FILTER)}>
            {t('timeline.clear')}
          </button>
        ) : null}
      </div>
    </div>
  );
});
