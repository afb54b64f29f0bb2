import type { Condition, EventCondition, NumberCmp, PropertyCondition, StageCmp } from '@hourglass/documents';
import { CmpEditor } from './CmpEditor.tsx';
import { DurationField } from './DurationField.tsx';
import { FieldMessages } from './FieldMessages.tsx';
import { MatchEditor } from './MatchEditor.tsx';
import type { MessagesAt } from './messagesAt.ts';

const KINDS = ['score', 'stage', 'property', 'event', 'all', 'any', 'not'] as const;
type Kind = (typeof KINDS)[number];

const KIND_LABELS: Record<Kind, string> = {
  score: 'Score',
  stage: 'Lifecycle stage',
  property: 'Contact property',
  event: 'Event',
  all: 'All of these',
  any: 'Any of these',
  not: 'Not this',
};

const DEFAULTS: Record<Kind, () => Condition> = {
  score: () => ({ score: { gte: 40 } }),
  stage: () => ({ stage: { gte: 'mql' } }),
  property: () => ({ property: { name: '', eq: '' } }),
  event: () => ({ event: { type: '' } }),
  all: () => ({ all: [{ score: { gte: 40 } }] }),
  any: () => ({ any: [{ score: { gte: 40 } }] }),
  not: () => ({ not: { score: { gte: 40 } } }),
};

/** The kind of a condition: its one key (the first one, for an unfinished draft). */
export function conditionKind(c: Condition | undefined): Kind | undefined {
  return KINDS.find((k) => c && (c as Record<string, unknown>)[k] !== undefined);
}

interface ConditionEditorProps {
  value: Condition | undefined;
  onChange: (c: Condition) => void;
  /** Problems of the document, looked up by pointer. */
  messagesAt: MessagesAt;
  /** Where this condition is in the document (relative to what `messagesAt` expects). */
  pointer: string;
  onRemove?: () => void;
  /** "within" does not apply inside a wait-for (spec §4.5). */
  inWaitFor?: boolean;
  depth?: number;
}

/** Builds a condition (spec §1): score, stage, property or event, nested in all / any / not. */
export function ConditionEditor({ value, onChange, messagesAt, pointer, onRemove, inWaitFor = false, depth = 0 }: ConditionEditorProps) {
  const kind = conditionKind(value);
  const c = (value ?? {}) as Condition;
  return (
    <div className={`hg-condition hg-condition--depth-${Math.min(depth, 3)}`} data-testid="condition" data-kind={kind ?? 'none'}>
      <div className="hg-row">
        <select
          className="hg-input hg-condition__kind"
          aria-label="Condition type"
          value={kind ?? ''}
          onChange={(e) => onChange(DEFAULTS[e.target.value as Kind]())}
        >
          {kind === undefined && <option value="">Choose…</option>}
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        {onRemove && (
          <button type="button" className="hg-icon-button" aria-label="Remove this condition" onClick={onRemove}>
            ×
          </button>
        )}
      </div>
      <FieldMessages messages={messagesAt(pointer, true)} />
      {kind === 'score' && (
        <CmpEditor kind="number" value={c.score} onChange={(score) => onChange({ score: score as NumberCmp })} messages={messagesAt(`${pointer}/score`)} />
      )}
      {kind === 'stage' && (
        <CmpEditor kind="stage" value={c.stage} onChange={(stage) => onChange({ stage: stage as StageCmp })} messages={messagesAt(`${pointer}/stage`)} />
      )}
      {kind === 'property' && (
        <PropertyEditor value={c.property!} onChange={(property) => onChange({ property })} messagesAt={messagesAt} pointer={`${pointer}/property`} />
      )}
      {kind === 'event' && (
        <EventEditor value={c.event!} onChange={(event) => onChange({ event })} messagesAt={messagesAt} pointer={`${pointer}/event`} inWaitFor={inWaitFor} />
      )}
      {(kind === 'all' || kind === 'any') && (
        <div className="hg-condition__children">
          {(c[kind] ?? []).map((child, i) => (
            <ConditionEditor
              key={i}
              value={child}
              depth={depth + 1}
              messagesAt={messagesAt}
              pointer={`${pointer}/${kind}/${i}`}
              inWaitFor={inWaitFor}
              onChange={(next) => onChange({ [kind]: c[kind]!.with(i, next) } as Condition)}
              onRemove={() => onChange({ [kind]: c[kind]!.filter((_, j) => j !== i) } as Condition)}
            />
          ))}
          <button type="button" className="hg-link-button" onClick={() => onChange({ [kind]: [...(c[kind] ?? []), DEFAULTS.score()] } as Condition)}>
            + Add a condition
          </button>
        </div>
      )}
      {kind === 'not' && (
        <div className="hg-condition__children">
          <ConditionEditor
            value={c.not}
            depth={depth + 1}
            messagesAt={messagesAt}
            pointer={`${pointer}/not`}
            inWaitFor={inWaitFor}
            onChange={(not) => onChange({ not })}
          />
        </div>
      )}
    </div>
  );
}

function PropertyEditor({
  value,
  onChange,
  messagesAt,
  pointer,
}: {
  value: PropertyCondition;
  onChange: (p: PropertyCondition) => void;
  messagesAt: MessagesAt;
  pointer: string;
}) {
  const { name, ...cmp } = value;
  return (
    <>
      <input
        className="hg-input"
        aria-label="Property name"
        placeholder="property, e.g. country"
        value={name}
        onChange={(e) => onChange({ ...cmp, name: e.target.value } as PropertyCondition)}
      />
      <FieldMessages messages={messagesAt(`${pointer}/name`)} />
      <CmpEditor kind="scalar" value={cmp} onChange={(next) => onChange({ name, ...next } as PropertyCondition)} messages={messagesAt(pointer, true)} />
    </>
  );
}

function EventEditor({
  value,
  onChange,
  messagesAt,
  pointer,
  inWaitFor,
}: {
  value: EventCondition;
  onChange: (e: EventCondition) => void;
  messagesAt: MessagesAt;
  pointer: string;
  inWaitFor: boolean;
}) {
  const without = <K extends keyof EventCondition>(key: K): EventCondition => {
    const { [key]: _gone, ...rest } = value;
    return rest as EventCondition;
  };
  return (
    <>
      <input
        className="hg-input"
        aria-label="Event type"
        placeholder="event, e.g. email_clicked"
        value={value.type}
        onChange={(e) => onChange({ ...value, type: e.target.value })}
      />
      <FieldMessages messages={messagesAt(`${pointer}/type`)} />
      <MatchEditor
        value={value.where}
        addLabel="Only events whose data…"
        messages={messagesAt(`${pointer}/where`)}
        onChange={(where) => onChange(where ? { ...value, where } : without('where'))}
      />
      {!inWaitFor && (
        <label className="hg-check">
          <input
            type="checkbox"
            checked={value.within !== undefined}
            onChange={(e) => onChange(e.target.checked ? { ...value, within: 'P30D' } : without('within'))}
          />
          Only recent events
        </label>
      )}
      {!inWaitFor && value.within !== undefined && (
        <DurationField
          label="In the last"
          value={value.within}
          onChange={(within) => onChange({ ...value, within })}
          messages={messagesAt(`${pointer}/within`)}
        />
      )}
      <label className="hg-check">
        <input
          type="checkbox"
          checked={value.count !== undefined}
          onChange={(e) => onChange(e.target.checked ? { ...value, count: { gte: 2 } } : without('count'))}
        />
        Count how many times
      </label>
      {value.count !== undefined && (
        <CmpEditor
          kind="number"
          value={value.count}
          onChange={(count) => onChange({ ...value, count: count as NumberCmp })}
          messages={messagesAt(`${pointer}/count`)}
        />
      )}
    </>
  );
}
