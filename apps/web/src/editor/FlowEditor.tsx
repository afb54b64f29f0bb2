import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { Flow } from '@hourglass/documents';
import { errorMessage } from '../api/apiClient.ts';
import type { FlowDraft } from '../api/apiTypes.ts';
import { usePublishFlow } from '../api/usePublishFlow.ts';
import { useSaveFlow } from '../api/useSaveFlow.ts';
import { autoLayout } from '../canvas/autoLayout.ts';
import { canvasToFlow } from '../canvas/canvasToFlow.ts';
import { prepareDraft } from '../canvas/prepareDraft.ts';
import { downloadJson } from '../files/downloadJson.ts';
import { Inspector } from '../inspector/Inspector.tsx';
import { Palette } from '../palette/Palette.tsx';
import { ProblemsPanel } from '../problems/ProblemsPanel.tsx';
import { CanvasReportBar } from '../report/CanvasReportBar.tsx';
import { FailedEmailsNotice } from '../components/FailedEmailsNotice.tsx';
import { ForecastPanel } from '../forecast/ForecastPanel.tsx';
import { SimulatePanel } from '../simulate/SimulatePanel.tsx';
import { VersionHistoryDialog } from '../versions/VersionHistoryDialog.tsx';
import { DraftStateBadge } from './DraftStateBadge.tsx';
import { FlowCanvas } from './FlowCanvas.tsx';
import { PauseButton } from './pause/PauseButton.tsx';
import { PausedBanner } from './pause/PausedBanner.tsx';
import { PublishDialog } from './PublishDialog.tsx';
import { SaveIndicator } from './SaveIndicator.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { createEditorStore, type EditorStore } from './store/createEditorStore.ts';
import { EditorStoreContext, useEditorStore } from './store/EditorStoreContext.tsx';
import { useAutosave } from './useAutosave.ts';
import { useDraftDiff } from './useDraftDiff.ts';
import { useEditorShortcuts } from './useEditorShortcuts.ts';
import { useInitialLayout } from './useInitialLayout.ts';
import { useLiveCounts } from './useLiveCounts.ts';
import { useLiveValidation } from './useLiveValidation.ts';
import { useKnownProperties } from '../api/useKnownProperties.ts';
import { useTriggerOverlaps } from './useTriggerOverlaps.ts';

/** The editor of one flow: palette, canvas, inspector, problems, saving and publishing. */
export function FlowEditor({ draft }: { draft: FlowDraft }) {
  const [{ store, dropped }] = useState(() => {
    const prepared = prepareDraft(draft.flow);
    return { store: createEditorStore(prepared.flow), dropped: prepared.dropped };
  });
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <EditorLayout store={store} initialVersion={draft.publishedVersion} dropped={dropped} />
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}

type Open = 'publish' | 'history' | 'shortcuts' | null;

function EditorLayout({ store, initialVersion, dropped }: { store: EditorStore; initialVersion: number | null; dropped: string[] }) {
  const meta = useEditorStore((s) => s.meta);
  const canUndo = useEditorStore((s) => s.past.length > 0);
  const canRedo = useEditorStore((s) => s.future.length > 0);
  const errorCount = useEditorStore((s) => s.problems.filter((p) => p.severity === 'error').length);
  const [publishedVersion, setPublishedVersion] = useState(initialVersion);
  const [open, setOpen] = useState<Open>(null);
  // The right-hand column: the inspector, or the simulate or forecast panel in its place.
  const [side, setSide] = useState<'inspect' | 'simulate' | 'forecast'>('inspect');
  const toggleSide = (panel: 'simulate' | 'forecast') => setSide((s) => (s === panel ? 'inspect' : panel));
  const [notice, setNotice] = useState<string | null>(
    dropped.length ? `Some steps of this draft could not be shown and were left out: ${dropped.join(', ')}.` : null,
  );
  const { fitView } = useReactFlow();

  const save = useSaveFlow();
  const publishMutation = usePublishFlow(meta.id);
  const autosave = useAutosave(store, save.mutateAsync);
  const knownProperties = useKnownProperties();
  useLiveValidation(store, knownProperties.data);
  useTriggerOverlaps(store, meta.id);
  const changes = useDraftDiff(store, meta.id, publishedVersion);
  const countMode = useEditorStore((s) => s.countMode);
  const live = useLiveCounts(store, meta.id, publishedVersion !== null, countMode);

  const layout = useCallback(async () => {
    const { nodes, edges } = store.getState();
    try {
      store.getState().setPositions(await autoLayout(nodes, edges));
      requestAnimationFrame(() => void fitView({ padding: 0.2, duration: 300 }));
    } catch (e) {
      setNotice(`The layout could not be computed: ${errorMessage(e)}`);
    }
  }, [store, fitView]);
  const actions = useMemo(
    () => ({
      fitView: () => void fitView({ padding: 0.2, duration: 300 }),
      fitSelection: () => {
        const nodes = store.getState().selectedNodeIds.map((id) => ({ id }));
        if (nodes.length) void fitView({ nodes, padding: 0.4, maxZoom: 1, duration: 300 });
      },
      layout: () => void layout(),
      showHelp: () => setOpen('shortcuts'),
    }),
    [fitView, layout, store],
  );
  useEditorShortcuts(store, actions);
  useInitialLayout(store, layout);

  const publish = async (note: string) => {
    if (!(await autosave.flush())) throw new Error('The draft could not be saved, so it was not published. Try again in a moment.');
    const result = await publishMutation.mutateAsync(note);
    setPublishedVersion(result.version);
    setNotice(`Published version ${result.version}. New contacts now follow it.`);
    return result.version;
  };
  const draftNow = useCallback((): Flow => canvasToFlow(store.getState()), [store]);

  return (
    <div className="hg-editor">
      <header className="hg-toolbar" aria-label="Flow toolbar">
        <Link to="/" className="hg-toolbar__back" aria-label="Back to all flows">
          ← Flows
        </Link>
        <h1 className="hg-toolbar__title" title={meta.name}>
          {meta.name || meta.id}
        </h1>
        <DraftStateBadge liveVersion={publishedVersion} changes={changes} showChanges={() => setOpen('history')} />
        {live.isError && <span className="hg-hint">Live counts unavailable</span>}
        <SaveIndicator status={autosave.status} retry={() => void autosave.flush()} />
        <div className="hg-toolbar__group" role="group" aria-label="Edit">
          <button type="button" className="hg-button" onClick={() => store.getState().undo()} disabled={!canUndo} aria-label="Undo (Ctrl+Z)">
            ↶ Undo
          </button>
          <button type="button" className="hg-button" onClick={() => store.getState().redo()} disabled={!canRedo} aria-label="Redo (Ctrl+Shift+Z)">
            ↷ Redo
          </button>
          <button type="button" className="hg-button" onClick={() => void layout()} aria-label="Tidy up: arrange the steps automatically (Shift+L)">
            Tidy up
          </button>
          <button type="button" className="hg-button" onClick={actions.fitView} aria-label="Zoom to fit (Shift+1)">
            Fit
          </button>
          <button type="button" className="hg-button" onClick={() => setOpen('shortcuts')} aria-label="Keyboard shortcuts (?)">
            ⌨
          </button>
        </div>
        <div className="hg-toolbar__group" role="group" aria-label="Flow">
          <button type="button" className="hg-button" onClick={() => downloadJson(`${meta.id}.flow.json`, draftNow())}>
            Export JSON
          </button>
          <button
            type="button"
            className={`hg-button${side === 'simulate' ? ' is-on' : ''}`}
            aria-pressed={side === 'simulate'}
            data-testid="simulate-toggle"
            onClick={() => toggleSide('simulate')}
          >
            Simulate
          </button>
          <button
            type="button"
            className={`hg-button${side === 'forecast' ? ' is-on' : ''}`}
            aria-pressed={side === 'forecast'}
            data-testid="forecast-toggle"
            onClick={() => toggleSide('forecast')}
          >
            Forecast
          </button>
          <button type="button" className="hg-button" onClick={() => setOpen('history')}>
            History
          </button>
          {publishedVersion !== null && (
            <button
              type="button"
              className={`hg-button${countMode === 'all' ? ' is-on' : ''}`}
              aria-pressed={countMode === 'all'}
              data-testid="count-mode-toggle"
              title="Counts on the steps: contacts here now, or contacts that entered each step (all time or a range of days) with the rates of emails, splits and edges"
              onClick={() => store.getState().setCountMode(countMode === 'all' ? 'now' : 'all')}
            >
              {countMode === 'all' ? 'Counts: all time' : 'Counts: now'}
            </button>
          )}
          {publishedVersion !== null && <PauseButton flowId={meta.id} />}
          {publishedVersion !== null && (
            <Link className="hg-button" to={`/flows/${meta.id}/report`} data-testid="report-link">
              Report
            </Link>
          )}
          <button
            type="button"
            className="hg-button hg-button--primary"
            onClick={() => setOpen('publish')}
            disabled={errorCount > 0}
            title={errorCount > 0 ? `Fix the ${errorCount} error${errorCount === 1 ? '' : 's'} in the problems panel to publish.` : 'Publish this draft'}
          >
            Publish…
          </button>
        </div>
      </header>
      {notice && (
        <div className="hg-notice" role="status" data-testid="notice">
          {notice}{' '}
          <button type="button" className="hg-link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {publishedVersion !== null && <FailedEmailsNotice flow={meta.id} />}
      {publishedVersion !== null && countMode === 'all' && <CanvasReportBar flowId={meta.id} />}
      {publishedVersion !== null && <PausedBanner flowId={meta.id} />}
      <div className="hg-editor__main">
        <Palette />
        <div className="hg-editor__center">
          <FlowCanvas />
          <ProblemsPanel />
        </div>
        {side === 'simulate' ? (
          <SimulatePanel onClose={() => setSide('inspect')} />
        ) : side === 'forecast' ? (
          <ForecastPanel onClose={() => setSide('inspect')} />
        ) : (
          <Inspector />
        )}
      </div>
      <PublishDialog
        open={open === 'publish'}
        onClose={() => setOpen(null)}
        publish={publish}
        errorCount={errorCount}
        flowId={meta.id}
        liveVersion={publishedVersion}
        changes={changes}
      />
      <VersionHistoryDialog
        open={open === 'history'}
        onClose={() => setOpen(null)}
        flowId={meta.id}
        draft={draftNow}
        restore={(flow) => store.getState().replaceDocument(flow)}
      />
      <ShortcutsDialog open={open === 'shortcuts'} onClose={() => setOpen(null)} />
    </div>
  );
}
