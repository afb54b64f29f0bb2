import { useState } from 'react';
import { readScoring, SCORING_FORMAT, type BehaviourRule, type FitRule, type Problem, type ScoringModel } from '@hourglass/documents';
import { ApiError, errorMessage } from '../../api/apiClient.ts';
import { useSaveScoring } from '../../api/useSaveScoring.ts';
import { useScoring } from '../../api/useScoring.ts';
import { ProblemList } from '../../components/ProblemList.tsx';
import { ConditionEditor } from '../../inspector/fields/ConditionEditor.tsx';
import { DurationField } from '../../inspector/fields/DurationField.tsx';
import { FieldMessages } from '../../inspector/fields/FieldMessages.tsx';
import { MatchEditor } from '../../inspector/fields/MatchEditor.tsx';
import { messagesAt } from '../../inspector/fields/messagesAt.ts';
import { NumberInput } from '../../inspector/fields/NumberInput.tsx';
import { ScoringFeedback } from './ScoringFeedback.tsx';

/** /scoring — the lead score: fit rules on who the contact is, behaviour rules on what they do. */
export function ScoringPage() {
  const scoring = useScoring();
  if (scoring.isPending)
    return (
      <div className="hg-page">
        <p>Loading the scoring model…</p>
      </div>
    );
  if (scoring.isError)
    return (
      <div className="hg-page">
        <p className="hg-error-text" role="alert">
          The scoring model cannot be shown: {errorMessage(scoring.error)}
        </p>
      </div>
    );
  return <ScoringEditor key={JSON.stringify(scoring.data)} saved={scoring.data} />;
}

function ScoringEditor({ saved }: { saved: ScoringModel }) {
  const [model, setModel] = useState<ScoringModel>(() => ({ format: SCORING_FORMAT, fit: saved.fit ?? [], behaviour: saved.behaviour ?? [] }));
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const save = useSaveScoring();
  const local = readScoring(model);
  const problems = local.ok ? serverProblems : local.problems;
  const at = messagesAt(problems, (p) => p.pointer);
  const dirty = JSON.stringify(model) !== JSON.stringify({ format: SCORING_FORMAT, fit: saved.fit ?? [], behaviour: saved.behaviour ?? [] });
  const setFit = (fit: FitRule[]) => setModel({ ...model, fit });
  const setBehaviour = (behaviour: BehaviourRule[]) => setModel({ ...model, behaviour });

  return (
    <div className="hg-page">
      <header className="hg-page__header">
        <h1>Lead scoring</h1>
        <div className="hg-page__actions">
          {dirty && <span className="hg-save">Unsaved changes</span>}
          <button
            type="button"
            className="hg-button"
            disabled={!dirty}
            onClick={() => setModel({ format: SCORING_FORMAT, fit: saved.fit ?? [], behaviour: saved.behaviour ?? [] })}
          >
            Discard changes
          </button>
          <button
            type="button"
            className="hg-button hg-button--primary"
            disabled={!dirty || !local.ok || save.isPending}
            onClick={async () => {
              setMessage(null);
              try {
                await save.mutateAsync(model);
                setServerProblems([]);
                setMessage('Saved. Scores are now computed with these rules.');
              } catch (e) {
                setServerProblems(e instanceof ApiError ? e.problems : []);
                setMessage(`Not saved: ${errorMessage(e)}`);
              }
            }}
          >
            {save.isPending ? 'Saving…' : 'Save scoring'}
          </button>
        </div>
      </header>
      <p className="hg-hint">
        A contact's score is the points of every fit rule that holds now, plus the points of their recent events, plus points added by flows.
      </p>
      {message && (
        <div className="hg-notice" role="status">
          {message}
        </div>
      )}
      {problems.length > 0 && <ProblemList problems={problems} />}
      <ScoringFeedback />

      <section className="hg-card">
        <h2>Fit: who the contact is</h2>
        {model.fit.length === 0 && <p className="hg-hint">No fit rules yet.</p>}
        {model.fit.map((rule, i) => (
          <fieldset className="hg-rule" key={i}>
            <legend>Fit rule {i + 1}</legend>
            <div className="hg-row">
              <input
                className="hg-input"
                aria-label="Rule name"
                placeholder="e.g. Company of 50+ people"
                value={rule.label ?? ''}
                onChange={(e) => setFit(model.fit.with(i, withLabel(rule, e.target.value)))}
              />
              <NumberInput label="Points" integer value={rule.points} onChange={(points) => setFit(model.fit.with(i, { ...rule, points }))} />
              <span>points</span>
              <button
                type="button"
                className="hg-icon-button"
                aria-label={`Remove fit rule ${i + 1}`}
                onClick={() => setFit(model.fit.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </div>
            <FieldMessages messages={at(`/fit/${i}/points`)} />
            <ConditionEditor value={rule.if} pointer={`/fit/${i}/if`} messagesAt={at} onChange={(c) => setFit(model.fit.with(i, { ...rule, if: c }))} />
          </fieldset>
        ))}
        <button
          type="button"
          className="hg-link-button"
          onClick={() => setFit([...model.fit, { if: { property: { name: 'employees', gte: 50 } }, points: 10 }])}
        >
          + Add a fit rule
        </button>
      </section>

      <section className="hg-card">
        <h2>Behaviour: what the contact does</h2>
        {model.behaviour.length === 0 && <p className="hg-hint">No behaviour rules yet.</p>}
        {model.behaviour.map((rule, i) => (
          <fieldset className="hg-rule" key={i}>
            <legend>Behaviour rule {i + 1}</legend>
            <div className="hg-row">
              <input
                className="hg-input"
                aria-label="Event"
                placeholder="email_clicked"
                value={rule.event}
                onChange={(e) => setBehaviour(model.behaviour.with(i, { ...rule, event: e.target.value }))}
              />
              <NumberInput label="Points" integer value={rule.points} onChange={(points) => setBehaviour(model.behaviour.with(i, { ...rule, points }))} />
              <span>points each</span>
              <button
                type="button"
                className="hg-icon-button"
                aria-label={`Remove behaviour rule ${i + 1}`}
                onClick={() => setBehaviour(model.behaviour.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </div>
            <FieldMessages messages={[...at(`/behaviour/${i}/event`), ...at(`/behaviour/${i}/points`)]} />
            <MatchEditor
              value={rule.where}
              addLabel="Only events whose data…"
              messages={at(`/behaviour/${i}/where`)}
              onChange={(where) => setBehaviour(model.behaviour.with(i, optional(rule, 'where', where)))}
            />
            <label className="hg-check">
              <input
                type="checkbox"
                checked={rule.max !== undefined}
                onChange={(e) => setBehaviour(model.behaviour.with(i, optional(rule, 'max', e.target.checked ? 30 : undefined)))}
              />
              At most
            </label>
            {rule.max !== undefined && (
              <NumberInput label="Maximum points" integer value={rule.max} onChange={(max) => setBehaviour(model.behaviour.with(i, { ...rule, max }))} />
            )}
            <label className="hg-check">
              <input
                type="checkbox"
                checked={rule.expires !== undefined}
                onChange={(e) => setBehaviour(model.behaviour.with(i, optional(rule, 'expires', e.target.checked ? 'P90D' : undefined)))}
              />
              Points expire
            </label>
            {rule.expires !== undefined && (
              <DurationField
                label="After"
                value={rule.expires}
                messages={at(`/behaviour/${i}/expires`)}
                onChange={(expires) => setBehaviour(model.behaviour.with(i, { ...rule, expires }))}
              />
            )}
          </fieldset>
        ))}
        <button type="button" className="hg-link-button" onClick={() => setBehaviour([...model.behaviour, { event: 'email_clicked', points: 5 }])}>
          + Add a behaviour rule
        </button>
      </section>
    </div>
  );
}

function withLabel(rule: FitRule, label: string): FitRule {
  const { label: _l, ...rest } = rule;
  return label ? { ...rest, label } : rest;
}

function optional<T extends object, K extends keyof T>(o: T, key: K, value: T[K] | undefined): T {
  const { [key]: _gone, ...rest } = o;
  return (value === undefined ? rest : { ...rest, [key]: value }) as T;
}
