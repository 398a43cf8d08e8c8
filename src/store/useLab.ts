import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LabState, LabStore } from './lab-store.ts';

export const LabStoreContext = createContext<LabStore | null>(null);

/** Reads the lab store through a selector; components re-render only when the selected value changes. */
export function useLab<T>(selector: (state: LabState) => T): T {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLab must be used inside <LabStoreContext.Provider>.');
  return useStore(store, selector);
}

/** The store itself, for event handlers that read state without subscribing. */
export function useLabStoreApi(): LabStore {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLabStoreApi must be used inside <LabStoreContext.Provider>.');
  return store;
}
