/**
 * UI state of the procedure screens: whether procedures open as a chart or as an outline. Null
 * until the user chooses: then the screen size decides (outline on small screens).
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type ProcedureView = 'chart' | 'outline';

interface ProcedureViewState {
  view: ProcedureView | null;
  setView: (view: ProcedureView) => void;
}

export const useProcedureViewStore = create<ProcedureViewState>()(
  persist((set) => ({ view: null, setView: (view) => set({ view }) }), {
    name: 'crisis-workbook-procedure-view',
    version: 1,
    storage: createJSONStorage(() => localStorage),
  }),
);
