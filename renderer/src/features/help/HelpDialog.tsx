/**
 * Help: a guide for each kind of user and the list of keyboard shortcuts, in one dialog with a
 * tab per topic (WAI-ARIA tabs: arrow keys move between tabs). F1 or "?" (outside a text field)
 * opens it anywhere; "?" opens it on the shortcuts. Everything is built in: it works offline.
 */
import { useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { Dialog } from '../../components/Dialog';
import { useUiStore, type HelpTopic } from '../../stores/useUiStore';
import { GUIDE_IDS, GUIDES, guideKey, type GuideId } from './guides';
import { contextKey, keyParts, SHORTCUT_GROUPS, type Shortcut } from './shortcuts';

const TOPICS: readonly HelpTopic[] = [...GUIDE_IDS, 'shortcuts'];

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function HelpDialog() {
  const { t } = useTranslation();
  const topic = useUiStore((s) => s.helpTopic);
  const setTopic = useUiStore((s) => s.openHelp);
  const close = useUiStore((s) => s.closeHelp);
  const base = useId();
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  if (topic === null) return null;

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = TOPICS.indexOf(topic);
    const to = event.key === 'ArrowRight' ? at + 1 : event.key === 'ArrowLeft' ? at - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? TOPICS.length - 1 : null;
    if (to === null) return;
    event.preventDefault();
    const next = (to + TOPICS.length) % TOPICS.length;
    setTopic(TOPICS[next] ?? 'shortcuts');
    tabs.current[next]?.focus();
  };

  return (
    <Dialog title={t('help.title')} onClose={close} wide>
      <div className="help" data-testid="help-dialog">
        <div role="tablist" aria-label={t('help.tabs')} className="help-tabs" onKeyDown={onTabKey}>
          {TOPICS.map((id, i) => (
            <button
              key={id}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${id}`}
              aria-selected={topic === id}
              aria-controls={`${base}-panel`}
              tabIndex={topic === id ? 0 : -1}
              className={topic === id ? 'current' : undefined}
              onClick={() => setTopic(id)}
            >
              {id === 'shortcuts' ? t('shortcuts.title') : t(guideKey(id, 'title'))}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${topic}`} className="help-panel" tabIndex={0}>
          {topic === 'shortcuts' ? <ShortcutList /> : <Guide id={topic} onGo={close} />}
        </div>
      </div>
    </Dialog>
  );
}

function Guide({ id, onGo }: { id: GuideId; onGo: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="help-who">{t(guideKey(id, 'who'))}</p>
      <ol className="help-steps">
        {GUIDES[id].map((step) => (
          <li key={step.id}>
            <h3>{t(guideKey(id, step.id, 'title'))}</h3>
            <p>{t(guideKey(id, step.id, 'text'))}</p>
            {step.screen ? (
              <button
                type="button"
                className="button ghost small"
                onClick={() => {
                  onGo();
                  navigate(step.screen ?? 'dashboard');
                }}
              >
                {t('help.goThere', { screen: t(`nav.${step.screen}`) })}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}

function ShortcutList() {
  const { t } = useTranslation();
  const mac = isMac();
  const label = (s: Shortcut) => {
    const values: Record<string, string> = { ...s.values };
    for (const [name, key] of Object.entries(s.translatedValues ?? {})) values[name] = t(key);
    return t(s.label, values);
  };
  return (
    <div className="shortcut-groups">
      {SHORTCUT_GROUPS.map((group) => (
        <table key={group.context} className="data-table shortcut-table">
          <caption>{t(contextKey(group.context))}</caption>
          <thead>
            <tr>
              <th scope="col">{t('shortcuts.keys')}</th>
              <th scope="col">{t('shortcuts.action')}</th>
            </tr>
          </thead>
          <tbody>
            {group.shortcuts.map((s) => (
              <tr key={`${s.keys.join(' ')}-${label(s)}`}>
                <td>
                  {s.keys.map((keys, i) => (
                    <span key={keys}>
                      {i > 0 ? <span className="muted"> {t('shortcuts.or')} </span> : null}
                      <kbd aria-label={keys}>
                        {keyParts(keys, mac).map((part, j) => (
                          <kbd key={`${part}-${j}`}>{part}</kbd>
                        ))}
                      </kbd>
                    </span>
                  ))}
                </td>
                <td>{label(s)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
