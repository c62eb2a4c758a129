/**
 * A new national procedure is written in the procedure editor, starting from a start and an end
 * step in one lane; saved, it becomes version 1 and opens on the procedures screen.
 */
import { navigate } from '../../app/router';
import { useUiStore } from '../../stores/useUiStore';
import { ProcedureEditor } from './editor/ProcedureEditor';

export function NewProcedureDialog() {
  const close = useUiStore((s) => s.closeDialog);
  return <ProcedureEditor procedure={null} onClose={close} onSaved={(p) => navigate('procedures', p.id)} />;
}
