import type { FlowReport } from '@hourglass/api';
import type { Problem, TriggerOverlap } from '@hourglass/documents';
import type { EditorSlice } from './editorState.ts';

export type Severity = Problem['severity'];

/** What the editor shows on top of the document: validation problems and live counts. Not undoable. */
export interface AnnotationsSlice {
  problems: Problem[];
  /** The worst problem of each node, for its marker on the canvas. */
  severityByNode: Record<string, Severity>;
  /** Triggers of the saved draft that let in contacts another live flow lets in too (from the server). */
  triggerOverlaps: TriggerOverlap[];
  setTriggerOverlaps: (overlaps: TriggerOverlap[]) => void;
  /** Contacts waiting on each node of the published flow now; null when not known. */
  liveCounts: Record<string, number> | null;
  /** What the canvas counts show: contacts waiting now, or contacts that entered each node ever. */
  countMode: 'now' | 'all';
  setCountMode: (mode: 'now' | 'all') => void;
  /** In the "all time" mode, the flow report behind the canvas's rates and shares (src/report); else null. */
  report: FlowReport | null;
  /** The days of entry the "all time" mode counts, '' for open ends (the last day included). */
  countRange: { from: string; until: string };
  setReport: (report: FlowReport | null) => void;
  setCountRange: (range: { from: string; until: string }) => void;
  setProblems: (problems: Problem[]) => void;
  setLiveCounts: (counts: Record<string, number> | null) => void;
}

export const createAnnotationsSlice: EditorSlice<AnnotationsSlice> = (set) => ({
  problems: [],
  severityByNode: {},
  triggerOverlaps: [],
  setTriggerOverlaps: (triggerOverlaps) => set({ triggerOverlaps }),
  liveCounts: null,
  countMode: 'now',
  setCountMode: (countMode) => set({ countMode }),
  report: null,
  countRange: { from: '', until: '' },
  setReport: (report) => set({ report }),
  setCountRange: (countRange) => set({ countRange }),
  setProblems: (problems) => {
    const severityByNode: Record<string, Severity> = {};
    for (const p of problems) {
      if (p.nodeId !== undefined && severityByNode[p.nodeId] !== 'error') severityByNode[p.nodeId] = p.severity;
    }
    set({ problems, severityByNode });
  },
  setLiveCounts: (liveCounts) => set({ liveCounts }),
});
