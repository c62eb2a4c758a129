/**
 * The command palette (Ctrl+K, ⌘K on a Mac, or the search button in the header): one field that
 * searches the whole workbook — procedures, steps, contacts, channels, incidents, log entries — and, when it
 * is empty or starts with ">", lists the app's actions.
 *
 * A combobox with a listbox of results grouped by kind (the ARIA 1.2 combobox pattern): the cursor
 * stays in the field, arrow keys move the active option, Enter opens it where it lives (the
 * procedure, the step, the contact, the incident), Escape closes. Results come from the search
 * worker; while its index is being built the palette says so and shows what is indexed so far.
 *
 * For measurements (issue 8), the listbox carries `data-search-state` ("pending" until the results
 * for the current text are on screen, then "done"), `data-result-count` (results found in all)
 * `data-index-state` (the index: loading, building, updating, ready, failed) and `data-search-ms`
 * (the time the worker spent on the shown results).
 */
import { BookOpen, ChevronsDown, CornerDownLeft, ListChecks, NotebookPen, Phone, Search, Siren, SquareChevronRight, User } from 'lucide-react';
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type ComponentType, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Language } from '../../../../shared/i18n/languages';
import type { Workspace } from '../../../../shared/model/workspace';
import { SEARCH_KINDS, type SearchKind } from '../../../../shared/search/documents';
import type { SearchHitView } from '../../../../shared/search/results';
import { queryUnits, type TextSegment } from '../../../../shared/search/text';
import { useSession } from '../../app/session';
import { useFormatters, type Formatters } from '../../i18n/format';
import type { IndexStatus, SearchResultsView } from '../../search/protocol';
import { searchClientFor, type SearchClient } from '../../search/searchClient';
import { useUiStore } from '../../stores/useUiStore';
import { filterActions, usePaletteActions, type PaletteAction } from './paletteActions';
import { hitHref } from './hitHref';
import { usePaletteStore } from './usePaletteStore';
import '../../styles/search.css';

/** Results shown per kind at first, and how many more each "show more" adds. */
const FIRST_RESULTS = 5;
const MORE_RESULTS = 20;
/**
 * The index is started this long after the app is up (then in idle time), or at once when the
 * palette opens. Start-up comes first: building the index from 100,000 entries while the
 * dashboard reads its figures slowed them down by seconds (issue 8's cold-start measurement).
 */
const WARM_UP_DELAY_MS = 15_000;
/**
 * While someone scrolls (a long logbook, the directory), indexing in the background waits this
 * long after the last scroll: on two cores it competed with the page, and single scroll frames of
 * the 100,000-entry timeline took 67–117 ms (issue 8's benchmark; 17–33 ms without it).
 */
const HOLD_WHILE_SCROLLING_MS = 1_500;
/** Scroll events are many; the worker is told at most this often. */
const HOLD_MESSAGE_INTERVAL_MS = 250;

const DEFAULT_LIMITS: Readonly<Record<SearchKind, number>> = Object.fromEntries(SEARCH_KINDS.map((k) => [k, FIRST_RESULTS])) as Record<SearchKind, number>;

const KIND_ICONS: Record<SearchKind, ComponentType<{ size?: number; 'aria-hidden'?: boolean }>> = {
  procedure: BookOpen,
  step: ListChecks,
  contact: User,
  channel: Phone,
  incident: Siren,
  logEntry: NotebookPen,
};

const isMac = () => /Mac|iPhone|iPad/.test(navigator.userAgent);

/** The palette, its shortcut, and the index warming up in the background. Mount once, in the shell. */
export function CommandPalette() {
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const open = usePaletteStore((s) => s.open);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'k') return;
      event.preventDefault();
      const palette = usePaletteStore.getState();
      // Not over another dialog: finish or close that first.
      if (palette.open || document.querySelector('dialog[open]')) return;
      palette.openPalette('');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Index the workspace once the app is up, in idle time (taking up the persisted index is quick;
  // a first build runs in the worker). Switching workspace opens the other one's.
  const started = useRef(false);
  useEffect(() => {
    const client = searchClientFor(db);
    if (started.current) {
      client.open(workspace);
      return;
    }
    let idle = 0;
    const timer = setTimeout(() => {
      started.current = true;
      idle = requestIdleCallback(() => client.open(workspace), { timeout: 3_000 });
    }, WARM_UP_DELAY_MS);
    return () => {
      clearTimeout(timer);
      cancelIdleCallback(idle);
    };
  }, [db, workspace]);

  useEffect(() => {
    const client = searchClientFor(db);
    let told = Number.NEGATIVE_INFINITY;
    const onScroll = () => {
      const now = performance.now();
      if (now - told < HOLD_MESSAGE_INTERVAL_MS) return;
      told = now;
      client.hold(HOLD_WHILE_SCROLLING_MS);
    };
    // Capture: scroll events do not bubble, and every scroll area counts.
    const options = { capture: true, passive: true } as const;
    for (const type of ['scroll', 'wheel', 'touchmove'] as const) window.addEventListener(type, onScroll, options);
    return () => {
      for (const type of ['scroll', 'wheel', 'touchmove'] as const) window.removeEventListener(type, onScroll, options);
    };
  }, [db]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') searchClientFor(db).flush();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => document.removeEventListener('visibilitychange', onHide);
  }, [db]);

  return open ? <PaletteDialog /> : null;
}

/** The search button in the header. */
export function SearchButton() {
  const { t } = useTranslation();
  const openPalette = usePaletteStore((s) => s.openPalette);
  const key = isMac() ? '⌘K' : 'Ctrl+K';
  return (
    <button type="button" className="palette-button" aria-haspopup="dialog" aria-keyshortcuts="Control+K Meta+K" onClick={() => openPalette('')} title={t('search.buttonTitle', { key })}>
      <Search size={16} aria-hidden />
      <span>{t('search.button')}</span>
      <kbd aria-hidden="true">{key}</kbd>
    </button>
  );
}

function useIndexStatus(client: SearchClient, workspace: Workspace): IndexStatus | null {
  const subscribe = useCallback((listener: () => void) => client.subscribe(listener), [client]);
  return useSyncExternalStore(subscribe, () => client.status(workspace));
}

interface SearchAsk {
  readonly text: string;
  readonly workspace: Workspace;
  readonly language: Language;
  readonly limits: Readonly<Record<SearchKind, number>>;
  /** Changes when the index moves on, so that the same text is asked again. */
  readonly generation: string;
}

/**
 * One query at a time: asks made while one runs replace each other, and only the newest runs
 * next, so fast typing never queues stale searches in the worker.
 */
class LatestQuery {
  private running = false;
  private next: SearchAsk | null = null;

  constructor(
    private readonly client: SearchClient,
    private readonly deliver: (results: SearchResultsView) => void,
  ) {}

  ask(ask: SearchAsk): void {
    this.next = ask;
    this.pump();
  }

  private pump(): void {
    const ask = this.next;
    if (this.running || !ask) return;
    this.next = null;
    this.running = true;
    this.client
      .query(ask.workspace, ask.text, ask.language, ask.limits)
      .then(this.deliver, (error: unknown) => console.warn('search failed', error))
      .finally(() => {
        this.running = false;
        this.pump();
      });
  }
}

/** Results for the latest ask (null until the first arrives). */
function useSearchResults(client: SearchClient, ask: SearchAsk | null): SearchResultsView | null {
  const [results, setResults] = useState<SearchResultsView | null>(null);
  const [runner] = useState(() => new LatestQuery(client, setResults));
  const key = ask ? JSON.stringify(ask) : null;
  useEffect(() => {
    if (key !== null) runner.ask(JSON.parse(key) as SearchAsk);
  }, [key, runner]);
  return results;
}

type PaletteOption =
  | { readonly type: 'hit'; readonly hit: SearchHitView }
  | { readonly type: 'more'; readonly kind: SearchKind; readonly shown: number; readonly total: number }
  | { readonly type: 'action'; readonly action: PaletteAction };

function PaletteDialog() {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const initialText = usePaletteStore((s) => s.initialText);
  const closePalette = usePaletteStore((s) => s.closePalette);
  const client = searchClientFor(db);
  const status = useIndexStatus(client, workspace);
  const allActions = usePaletteActions();
  const ids = useId();
  const listId = `${ids}-list`;
  const hintId = `${ids}-hint`;
  const dialogRef = useRef<HTMLDialogElement>(null);

  const [text, setText] = useState(initialText);
  const [limits, setLimits] = useState(DEFAULT_LIMITS);
  const [active, setActive] = useState(0);

  const actionMode = text.trim() === '' || text.trimStart().startsWith('>');
  const searchable = !actionMode && queryUnits(text).length > 0;
  const language: Language = i18n.language === 'nl' ? 'nl' : 'en';
  const generation = `${status?.state ?? 'none'}:${status?.state === 'building' ? status.indexed : ''}`;
  const request = useMemo<SearchAsk | null>(
    () => (searchable ? { text, workspace, language, limits, generation } : null),
    [searchable, text, workspace, language, limits, generation],
  );
  const results = useSearchResults(client, request);
  const current = results && results.text === text && results.workspace === workspace ? results : null;
  const shownResults = searchable ? (current ?? results) : null;

  useEffect(() => {
    const dialog = dialogRef.current;
    // The browser gives the focus back only to a dialog closed while still in the page; this one
    // is removed with its component, so it gives the focus back itself.
    const before = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    // Open the index now if the warm-up has not yet.
    client.open(workspace);
    return () => {
      dialog?.close();
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, [client, workspace]);

  const options = useMemo<PaletteOption[]>(() => {
    if (actionMode) return filterActions(allActions, text.trimStart().replace(/^>\s*/, '')).map((action) => ({ type: 'action', action }));
    if (!shownResults) return [];
    return shownResults.groups.flatMap((group): PaletteOption[] => [
      ...group.hits.map((hit): PaletteOption => ({ type: 'hit', hit })),
      ...(group.total > group.hits.length ? [{ type: 'more' as const, kind: group.kind, shown: group.hits.length, total: group.total }] : []),
    ]);
  }, [actionMode, allActions, text, shownResults]);

  const activeIndex = options.length === 0 ? -1 : Math.min(active, options.length - 1);
  const optionId = (i: number) => `${ids}-option-${i}`;
  const activeId = activeIndex >= 0 ? optionId(activeIndex) : null;

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const choose = (option: PaletteOption) => {
    if (option.type === 'more') {
      setLimits((l) => ({ ...l, [option.kind]: l[option.kind] + MORE_RESULTS }));
      return;
    }
    closePalette();
    // After the dialog has closed and given the focus back: the action may move it on.
    requestAnimationFrame(() => {
      if (option.type === 'action') option.action.perform();
      else window.location.hash = hitHref(option.hit);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = options.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (count) setActive((activeIndex + 1) % count);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (count) setActive((activeIndex - 1 + count) % count);
        break;
      case 'PageDown':
        event.preventDefault();
        if (count) setActive(Math.min(count - 1, activeIndex + 5));
        break;
      case 'PageUp':
        event.preventDefault();
        if (count) setActive(Math.max(0, activeIndex - 5));
        break;
      case 'Enter': {
        event.preventDefault();
        const option = options[activeIndex];
        if (option) choose(option);
        break;
      }
    }
  };

  // Until an index is there (being read from the cache), an empty answer is no answer yet.
  const searchState = !searchable || (current && current.indexState !== 'loading') ? 'done' : 'pending';
  const resultCount = actionMode ? options.length : searchable ? (current?.total ?? 0) : 0;
  const indexState = status?.state ?? 'loading';

  let statusText: string;
  if (actionMode) statusText = t('search.status.actions', { count: options.length });
  else if (!searchable) statusText = /[\p{L}\p{N}]{2}/u.test(text) ? t('search.status.onlyCommonWords', { text: text.trim() }) : t('search.status.tooShort');
  else if (indexState === 'failed') statusText = t('search.status.failed');
  else if (!current) statusText = t('search.status.searching');
  else if (indexState === 'loading') statusText = t('search.status.loading');
  else if (indexState === 'building') statusText = t('search.status.building', { count: current.total, indexed: f.number(status?.indexed ?? 0) });
  else if (current.total === 0) statusText = t('search.status.none', { text: text.trim() });
  else statusText = t('search.status.found', { count: current.total, formatted: f.number(current.total) });

  const renderOption = (option: PaletteOption, i: number, children: ReactNode, className: string) => {
    return (
      <div
        key={optionId(i)}
        id={optionId(i)}
        role="option"
        aria-selected={i === activeIndex}
        className={`palette-option ${className}${i === activeIndex ? ' active' : ''}`}
        onMouseMove={() => i !== activeIndex && setActive(i)}
        onClick={() => choose(option)}
      >
        {children}
      </div>
    );
  };

  const groupLabel: Record<SearchKind, string> = {
    procedure: t('search.kind.procedure'),
    step: t('search.kind.step'),
    contact: t('search.kind.contact'),
    channel: t('search.kind.channel'),
    incident: t('search.kind.incident'),
    logEntry: t('search.kind.logEntry'),
  };

  return (
    <dialog
      ref={dialogRef}
      className="palette"
      aria-label={t('search.dialogLabel')}
      onCancel={(event) => {
        event.preventDefault();
        closePalette();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === dialogRef.current) closePalette();
      }}
    >
      <div className="palette-box">
        <div className="palette-field">
          <Search size={18} aria-hidden />
          <input
            type="text"
            role="combobox"
            aria-label={t('search.inputLabel')}
            aria-expanded={options.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={activeId ?? undefined}
            aria-describedby={hintId}
            placeholder={t('search.placeholder')}
            value={text}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              setText(event.target.value);
              setActive(0);
              setLimits(DEFAULT_LIMITS);
            }}
            onKeyDown={onKeyDown}
          />
          <kbd aria-hidden="true">Esc</kbd>
        </div>
        <p className="palette-status" role="status">
          {statusText}
        </p>
        <div
          id={listId}
          role="listbox"
          aria-label={t('search.resultsLabel')}
          className="palette-list"
          data-search-state={searchState}
          data-result-count={resultCount}
          data-index-state={indexState}
          data-search-ms={current ? Math.round(current.tookMs) : undefined}
        >
          {actionMode ? (
            options.length > 0 ? (
              <div role="group" aria-label={t('search.kind.actions')} className="palette-group">
                <div className="palette-group-label" aria-hidden="true">
                  {t('search.kind.actions')}
                </div>
                {options.map((option, i) =>
                  option.type === 'action'
                    ? renderOption(
                        option,
                        i,
                        <>
                          <SquareChevronRight size={16} aria-hidden className="palette-icon" />
                          <span className="palette-option-main">
                            <span className="palette-option-title">{option.action.label}</span>
                          </span>
                          {option.action.shortcut ? <kbd className="palette-shortcut">{option.action.shortcut}</kbd> : null}
                        </>,
                        'palette-action',
                      )
                    : null,
                )}
              </div>
            ) : null
          ) : (
            shownResults?.groups.map((group, g) => {
              const Icon = KIND_ICONS[group.kind];
              // Options are numbered across groups, in the order of `options`.
              const first = shownResults.groups.slice(0, g).reduce((n, earlier) => n + earlier.hits.length + (earlier.total > earlier.hits.length ? 1 : 0), 0);
              return (
                <div key={group.kind} role="group" aria-label={groupLabel[group.kind]} className="palette-group">
                  <div className="palette-group-label" aria-hidden="true">
                    {groupLabel[group.kind]} <span className="palette-count">{f.number(group.total)}</span>
                  </div>
                  {group.hits.map((hit, h) => renderOption({ type: 'hit', hit }, first + h, <HitContent hit={hit} icon={<Icon size={16} aria-hidden />} t={t} f={f} />, `palette-hit kind-${hit.kind}`))}
                  {group.total > group.hits.length
                    ? renderOption(
                        { type: 'more', kind: group.kind, shown: group.hits.length, total: group.total },
                        first + group.hits.length,
                        <>
                          <ChevronsDown size={16} aria-hidden className="palette-icon" />
                          <span className="palette-option-main">
                            {t('search.showMore', { count: Math.min(MORE_RESULTS, group.total - group.hits.length), shown: f.number(group.hits.length), total: f.number(group.total) })}
                          </span>
                        </>,
                        'palette-more',
                      )
                    : null}
                </div>
              );
            })
          )}
        </div>
        <p className="palette-hints" id={hintId}>
          <span>
            <kbd>↑</kbd>
            <kbd>↓</kbd> {t('search.hint.move')}
          </span>
          <span>
            <kbd>
              <CornerDownLeft size={12} aria-label="Enter" />
            </kbd>{' '}
            {t('search.hint.open')}
          </span>
          <span>
            <kbd>Esc</kbd> {t('search.hint.close')}
          </span>
          <span>
            <kbd>&gt;</kbd> {t('search.hint.actions')}
          </span>
        </p>
      </div>
    </dialog>
  );
}

function Marked({ segments }: { segments: readonly TextSegment[] }) {
  return (
    <>
      {segments.map((segment, i) => (segment.match ? <mark key={i}>{segment.text}</mark> : segment.text))}
    </>
  );
}

/** One result. Translation and formatters come from the palette: made once, not once per result. */
function HitContent({ hit, icon, t, f }: { hit: SearchHitView; icon: ReactNode; t: TFunction; f: Formatters }) {
  const hasExcerpt = hit.excerpt.some((s) => s.text.trim() !== '');
  const correction =
    hit.correction === 'withdrawn' ? t('timeline.state.withdrawn') : hit.correction === 'corrected' ? t('timeline.state.corrected') : null;
  if (hit.kind === 'logEntry') {
    return (
      <>
        <span className="palette-icon">{icon}</span>
        <span className="palette-option-main">
          <span className={`palette-option-title entry-text${hit.correction === 'withdrawn' ? ' withdrawn' : ''}`}>
            <Marked segments={hit.excerpt} />
          </span>
          <span className="palette-option-meta">
            <Marked segments={hit.title} />
            {hit.occurredAt ? ` · ${f.dateTime(hit.occurredAt)}` : ''}
            {hit.context ? ` · ${hit.context}` : ''}
          </span>
        </span>
        {correction ? <span className={`palette-badge ${hit.correction}`}>{correction}</span> : null}
      </>
    );
  }
  const meta = hit.kind === 'channel' && hit.channelType ? `${t(`channel.${hit.channelType}`)} · ${hit.context}` : hit.context;
  return (
    <>
      <span className="palette-icon">{icon}</span>
      <span className="palette-option-main">
        <span className="palette-option-title">
          <Marked segments={hit.title} />
        </span>
        {hasExcerpt ? (
          <span className="palette-option-excerpt">
            <Marked segments={hit.excerpt} />
          </span>
        ) : null}
        {meta ? <span className="palette-option-meta">{meta}</span> : null}
      </span>
    </>
  );
}
