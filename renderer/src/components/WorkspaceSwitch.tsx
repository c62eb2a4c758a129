import { useTranslation } from 'react-i18next';
import { WORKSPACES } from '../../../shared/model/workspace';
import { useUiStore } from '../stores/useUiStore';

/** Two-way switch between the real and the exercise workspace. */
export function WorkspaceSwitch() {
  const { t } = useTranslation();
  const workspace = useUiStore((s) => s.workspace);
  const setWorkspace = useUiStore((s) => s.setWorkspace);
  return (
    <div className="workspace-switch" role="group" aria-label={t('workspace.switchLabel')}>
      {WORKSPACES.map((w) => (
        <button
          key={w}
          type="button"
          className={`workspace-option ${w}`}
          aria-pressed={workspace === w}
          onClick={() => setWorkspace(w)}
        >
          {t(`workspace.${w}`)}
        </button>
      ))}
    </div>
  );
}
