// The envelopes of docs/api.md, inferred from the server's own schemas (type-only imports: no
// server code reaches the browser). Documents inside them are the types of @hourglass/documents.
export type {
  ContactDetail, ContactEvent, ContactSummary, Enrolment, FlowDraft, FlowEnrolments, FlowSummary, FlowVersion,
  EmailSettings, Handoff, OutboxEmail, PublishedVersion, SavedFlow, SavedScenario, ScenarioBody, ScenarioList, ScoreSplit,
} from '@hourglass/server';
import type { Handoff, OutboxEmail } from '@hourglass/server';

export type HandoffStatus = Handoff['status'];
export type OutboxStatus = OutboxEmail['status'];
