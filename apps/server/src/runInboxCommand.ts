import type { Engine, Store } from '@hourglass/engine';
import { ApiError } from './apiError.ts';
import { applyImportEntry, newContact } from './contactImportPlan.ts';
import { salesFeedbackData, type HandoffRepository } from './handoffRepository.ts';
import type { InboxCommand } from './inboxEntry.ts';

/** A verdict of sales, as the inbox carries it. */
export type FeedbackCommand = Extract<InboxCommand, { kind: 'feedback' }>;

/** What a command of the inbox changes: the contact's store in its transaction, the engine over it. */
export interface CommandTargets {
  store: Pick<Store, 'transaction' | 'getContact' | 'putContact' | 'getEnrolment'>;
  engine: Engine;
  /** Records sales' verdict on a handoff and sends it into the flows (its answer is the request's). */
  feedback(command: FeedbackCommand, at: number): unknown;
}

/**
 * Runs one command of the inbox at `at`, in the transaction that applies it — SQLite's slice
 * (`Runtime.processInbox`) or a PostgreSQL worker's batch (batchInputs.ts) — so both stores run
 * them alike; its outcome is the answer to the request that sent it.
 */
export function runInboxCommand(command: InboxCommand, at: number, { store, engine, feedback }: CommandTargets): unknown {
  switch (command.kind) {
    case 'contactUpdate': {
      const { contactId: id, changes } = command;
      if (store.getContact(id)) return { contact: engine.updateContact(id, changes, at), created: false };
      const contact = newContact(id, changes);
      store.putContact(contact);
      return { contact, created: true };
    }
    case 'contactImport':
      return applyImportEntry(command, {
        getContact: (id) => store.getContact(id),
        putContact: (contact) => store.putContact(contact),
        updateContact: (id, changes) => engine.updateContact(id, changes, at),
      });
    case 'enrol':
      return engine.enrol(command.flowId, command.contactId, at);
    case 'feedback':
      return feedback(command, at);
    case 'move': {
      const e = store.getEnrolment(command.enrolmentId);
      if (!e || e.flowId !== command.flowId || e.status !== 'active') throw new ApiError(409, 'This contact is no longer in the flow; nothing was moved.');
      store.transaction(() => engine.migrate(e, command.version ?? e.version, command.node, at));
      return undefined;
    }
  }
}

/** SQLite's verdicts: the handoff's row and the `sales_feedback` event written in the command's transaction. */
export function recordFeedback(handoffs: HandoffRepository, engine: Engine): CommandTargets['feedback'] {
  return ({ handoffId, verdict, note }, at) => {
    const entry = handoffs.get(handoffId);
    if (!entry) return undefined;
    if (!handoffs.setFeedback(handoffId, verdict, note ?? null, at)) return false;
    engine.ingest({ contactId: entry.record.contactId, at, type: 'sales_feedback', data: salesFeedbackData(handoffId, verdict, note) });
    return handoffs.get(handoffId)!;
  };
}
