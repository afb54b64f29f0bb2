import type { Scalar } from '@hourglass/documents';
import { eventText } from './eventText.ts';
import { FlowName, StepName } from './StepName.tsx';

/**
 * An event's data in words (`eventText`); an engagement event that names its email and flow
 * (`{email, flow}`, campaign spec §3) names them by their labels, ids on hover.
 */
export function EventSummary({ type, data }: { type: string; data: Record<string, Scalar> | undefined }) {
  const { email, flow, ...rest } = data ?? {};
  if (typeof email !== 'string' || typeof flow !== 'string') return <>{eventText(type, data)}</>;
  const more = eventText(type, rest);
  return (
    <>
      “<StepName flowId={flow} node={email} />” of <FlowName flowId={flow} />
      {more && `, ${more}`}
    </>
  );
}
