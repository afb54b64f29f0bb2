import { useFlowEnrolments } from '../../api/useFlowEnrolments.ts';

/** How many contacts are in the flow now, whatever their version (0 until known; asked only while `enabled`). */
export function useContactsInFlow(flowId: string, enabled: boolean): number {
  const enrolments = useFlowEnrolments(flowId, enabled);
  return Object.values(enrolments.data?.versions ?? {}).reduce((sum, n) => sum + n, 0);
}
