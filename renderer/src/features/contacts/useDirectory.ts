import { useLiveQuery } from 'dexie-react-hooks';
import type { Contact } from '../../../../shared/model/records';
import { useSession } from '../../app/session';
import { listContacts } from '../../db/queries';
import { useUiStore } from '../../stores/useUiStore';

/** Every live contact of the workspace on screen; undefined while loading. */
export function useDirectory(): Contact[] | undefined {
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  return useLiveQuery(() => listContacts(db, workspace), [db, workspace]);
}

/** The stale period of this installation, in months. */
export function useStaleAfterMonths(): number {
  return useSession().profile.staleAfterMonths;
}
