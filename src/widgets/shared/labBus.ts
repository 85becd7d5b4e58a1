/**
 * The page-level bus through which the narration player drives labs without reaching
 * into their internals (see "Narration ↔ labs contract" in docs/ARCHITECTURE.md).
 * Every lab built with `useMechanismLab` registers itself here automatically on mount.
 */

/** One narration instruction for one lab, parsed from a `Visual:` cue. */
export interface LabCue {
  /** Scenario id to (re)load from scratch. */
  scenario: string;
  /** Applied in order after loading, e.g. `{ name: 'partition', args: ['A,B|C'] }`. */
  commands: { name: string; args: string[] }[];
  /** Optional virtual time to seek to afterwards. */
  at?: number;
  /** Start playing after applying. */
  play?: boolean;
  /** Playback speed while narration drives this cue (one of the lab's speeds); 1× when absent. */
  speed?: number;
  /** Stop playing at this virtual time (ms) and hold the picture there until the next cue. */
  hold?: number;
}

/** What a mounted lab exposes to the narration player. */
export interface LabHandle {
  /** Instance id on the page (the `id` prop, defaulting to the scenario id). */
  id: string;
  /** MDX tag, e.g. 'PartitionLab'. */
  widget: string;
  /** The lab's root element, to scroll into view. */
  element(): HTMLElement | null;
  /** Deterministic: the same cue always produces the same state, so seeking back restores it. */
  applyCue(cue: LabCue): void;
  /** The reader took over; narration stops driving this lab. */
  release(): void;
}

/** The bus API (one instance per page, see `labBus`). */
export interface LabBus {
  /** Register a handle; returns the function that unregisters it. */
  register(h: LabHandle): () => void;
  /** The handle registered under an instance id, if any. */
  get(id: string): LabHandle | undefined;
  /** Every registered handle, in registration order. */
  list(): LabHandle[];
  /** Subscribe to "the reader used lab `id`'s controls"; returns unsubscribe. */
  onReaderTakeover(cb: (id: string) => void): () => void;
  /** Called by a lab when the reader uses its controls. */
  notifyReaderTakeover(id: string): void;
}

/** Create an independent bus (tests use this; the page uses the shared `labBus`). */
export function createLabBus(): LabBus {
  const handles = new Map<string, LabHandle>();
  const listeners = new Set<(id: string) => void>();
  return {
    register(h) {
      // A later registration with the same id wins (remounts in StrictMode, hot reload);
      // unregistering must then only remove the handle it registered, not the newer one.
      handles.set(h.id, h);
      return () => {
        if (handles.get(h.id) === h) handles.delete(h.id);
      };
    },
    get: (id) => handles.get(id),
    list: () => [...handles.values()],
    onReaderTakeover(cb) {
      listeners.add(cb);
      return () => {
        listeners.delete(cb);
      };
    },
    notifyReaderTakeover(id) {
      for (const cb of [...listeners]) cb(id);
    },
  };
}

/** The page-level bus shared by every lab and the narration player. */
export const labBus: LabBus = createLabBus();
