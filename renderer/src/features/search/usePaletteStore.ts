/**
 * Whether the command palette is open, and what its input starts with. UI state only: the
 * results come from the search worker, the records from the database.
 */
import { create } from 'zustand';

export interface PaletteState {
  open: boolean;
  /** The text the input opens with: '' for search, '>' for actions. */
  initialText: string;
  openPalette: (initialText?: string) => void;
  closePalette: () => void;
}

export const usePaletteStore = create<PaletteState>()((set) => ({
  open: false,
  initialText: '',
  openPalette: (initialText = '') => set({ open: true, initialText }),
  closePalette: () => set({ open: false }),
}));
