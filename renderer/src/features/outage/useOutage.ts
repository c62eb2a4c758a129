import { useLiveQuery } from 'dexie-react-hooks';
import type { Infrastructure, OutageState } from '../../../../shared/model/outage';
import { useSession } from '../../app/session';
import { currentOutage } from '../../db/outage';
import { useUiStore } from '../../stores/useUiStore';

const NOTHING: readonly Infrastructure[] = [];

/** The outage declared for the workspace on screen: `state` is undefined while loading. */
export function useOutage(): { readonly state: OutageState | null | undefined; readonly down: readonly Infrastructure[] } {
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const state = useLiveQuery(() => currentOutage(db, workspace), [db, workspace]);
  return { state, down: state?.down ?? NOTHING };
}
