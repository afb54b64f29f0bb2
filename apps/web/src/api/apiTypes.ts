// The envelopes of docs/api.md, inferred from the schemas of @hourglass/api (the contract the
// server validates with). Documents inside them are the types of @hourglass/documents.
export type {
  ContactDetail,
  ContactEvent,
  ContactSummary,
  Enrolment,
  FlowDraft,
  FlowEnrolments,
  FlowSummary,
  FlowVersion,
  EmailSettings,
  Handoff,
  OutboxEmail,
  PublishCheck,
  PublishedVersion,
  SavedFlow,
  SavedScenario,
  ScenarioBody,
  ScenarioList,
  ScoreSplit,
} from '@hourglass/api';
import type { Handoff, OutboxEmail } from '@hourglass/api';

export type HandoffStatus = Handoff['status'];
export type OutboxStatus = OutboxEmail['status'];
