// The enrolment fixture of store tests (test-only).
import type { EnrolmentRecord, TimerRecord } from './records.ts';

/** An active enrolment of contact `c` in flow `f`, waiting on `w`: the fixture of store tests. */
export const testEnrolment = (id: string, timers: TimerRecord[] = [], more: Partial<EnrolmentRecord> = {}): EnrolmentRecord => ({
  id,
  flowId: 'f',
  version: 1,
  contactId: 'c',
  status: 'active',
  enteredAt: 0,
  endedAt: null,
  position: 'w',
  snapshot: { status: 'active', value: 'w', context: { since: 0 } },
  timers,
  ...more,
});
