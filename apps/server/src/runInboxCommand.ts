import type { Engine } from '@hourglass/engine';
import { ApiError } from './apiError.ts';
import { applyImportEntry, newContact } from './contactImportPlan.ts';
import { salesFeedbackData, type HandoffRepository } from './handoffRepository.ts';
import type { InboxCommand } from './inboxEntry.ts';
import type { SqliteStore } from './sqliteStore.ts';

/** What a command of SQLite's inbox changes. */
export interface CommandTargets {
  store: SqliteStore;
  engine: Engine;
  handoffs: HandoffRepository;
}

/**
 * Runs one command of SQLite's inbox at `at`, inside the transaction of its slice (`Runtime.processInbox`);
 * its outcome is the answer to the request that sent it.
 */
export function runInboxCommand(command: InboxCommand, at: number, { store, engine, handoffs }: CommandTargets): unknown {
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
    case 'feedback': {
      const { handoffId, verdict, note } = command;
      const entry = handoffs.get(handoffId);
      if (!entry) return undefined;
      if (!handoffs.setFeedback(handoffId, verdict, note ?? null, at)) return false;
      engine.ingest({
        contactId: entry.record.contactId,
        at,
        type: 'sales_feedback',
        data: salesFeedbackData(handoffId, verdict, note),
      });
      return handoffs.get(handoffId)!;
    }
    case 'move': {
      const e = store.getEnrolment(command.enrolmentId);
      if (!e || e.flowId !== command.flowId || e.status !== 'active') throw new ApiError(409, 'This contact is no longer in the flow; nothing was moved.');
      engine.migrate(e, command.version ?? e.version, command.node, at);
      return undefined;
    }
  }
}
