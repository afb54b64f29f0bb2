import type { Stage } from '@hourglass/documents';
import { StageSelect } from '../inspector/fields/StageSelect.tsx';
import type { CohortDraft } from './cohortDraft.ts';

interface CohortEditorProps {
  cohort: CohortDraft;
  onChange: (cohort: CohortDraft) => void;
}

/**
 * The synthetic contacts of a forecast: their stage mix and the values of their properties
 * (company size, industry, country…), which conditions and fit rules read.
 */
export function CohortEditor({ cohort, onChange }: CohortEditorProps) {
  const stage = (i: number, change: Partial<CohortDraft['stages'][number]>) =>
    onChange({ ...cohort, stages: cohort.stages.map((s, k) => (k === i ? { ...s, ...change } : s)) });
  const property = (i: number, change: Partial<CohortDraft['properties'][number]>) =>
    onChange({ ...cohort, properties: cohort.properties.map((p, k) => (k === i ? { ...p, ...change } : p)) });
  return (
    <fieldset className="hg-kv hg-cohort" data-testid="forecast-cohort">
      <legend>Synthetic contacts</legend>
      <p className="hg-hint" data-testid="forecast-cohort-source">
        {cohort.source}
      </p>
      <h4>Stages</h4>
      {cohort.stages.map((s, i) => (
        <div className="hg-kv__row" key={i}>
          <StageSelect value={s.stage} label={`Stage ${i + 1}`} onChange={(v) => stage(i, { stage: (v ?? 'lead') as Stage })} />
          <input
            className="hg-input hg-cohort__share"
            inputMode="decimal"
            aria-label={`Share of stage ${i + 1} (%)`}
            value={s.share}
            onChange={(e) => stage(i, { share: e.target.value })}
          />
          <span aria-hidden="true">%</span>
          <button
            type="button"
            className="hg-link-button"
            aria-label={`Remove stage ${i + 1}`}
            onClick={() => onChange({ ...cohort, stages: cohort.stages.filter((_, k) => k !== i) })}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="hg-link-button" onClick={() => onChange({ ...cohort, stages: [...cohort.stages, { stage: 'lead', share: '10' }] })}>
        + Add a stage
      </button>
      <h4>Properties</h4>
      {cohort.properties.map((p, i) => (
        <div className="hg-kv__row hg-cohort__property" key={i}>
          <input
            className="hg-input"
            aria-label={`Property ${i + 1} name`}
            placeholder="name, e.g. industry"
            value={p.name}
            onChange={(e) => property(i, { name: e.target.value })}
          />
          <input
            className="hg-input"
            aria-label={`Property ${i + 1} values`}
            placeholder="software 60%, retail 40%"
            value={p.values}
            onChange={(e) => property(i, { values: e.target.value })}
          />
          <button
            type="button"
            className="hg-link-button"
            aria-label={`Remove property ${i + 1}`}
            onClick={() => onChange({ ...cohort, properties: cohort.properties.filter((_, k) => k !== i) })}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="hg-link-button" onClick={() => onChange({ ...cohort, properties: [...cohort.properties, { name: '', values: '' }] })}>
        + Add a property
      </button>
      <p className="hg-hint">Values with shares (“software 60%, retail 40%”), a range of numbers (“10–500”) or one value (“DE”).</p>
    </fieldset>
  );
}
