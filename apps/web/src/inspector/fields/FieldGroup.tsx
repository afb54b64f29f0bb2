import { useId, type ReactNode } from 'react';
import { FieldMessages } from './FieldMessages.tsx';

/** A labelled group of controls (a condition, a list of rows): a caption rather than a <label>. */
export function FieldGroup({ label, hint, messages = [], children }: { label: string; hint?: string; messages?: readonly string[]; children: ReactNode }) {
  const id = useId();
  return (
    <div className="hg-field" role="group" aria-labelledby={id}>
      <div className="hg-field__label" id={id}>
        {label}
      </div>
      {children}
      {hint && <div className="hg-field__hint">{hint}</div>}
      <FieldMessages messages={messages} />
    </div>
  );
}
