import type { Pool } from 'pg';
import type { ContactExport } from '@hourglass/api';
import type { ScoreSplit } from '@hourglass/engine';
import type { ConsentRecord } from '../consentRepository.ts';
import type { ContactEventRow } from '../contactRepository.ts';
import { exportDocument } from '../contactExport.ts';
import type { EnrolmentSummary } from '../enrolmentRepository.ts';
import { toHandoffEntry, type HandoffRow } from '../handoffRepository.ts';
import { toOutboxEntry, type OutboxRow } from '../outboxRepository.ts';
import { CONSENT } from './pgFormRepositories.ts';
import { toContact, toStep, type ContactRow, type StepRow, type StoredTimer } from '../sqliteRows.ts';

/**
 * A contact's export on PostgreSQL (right of access, portability): everything stored about it
 * read in one snapshot, shaped by the same `exportDocument` as on SQLite.
 */
export async function pgContactExport(
  pool: Pool,
  contactId: string,
  now: number,
  scoreOf: (contactId: string) => Promise<ScoreSplit | undefined>,
): Promise<ContactExport | undefined> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const rows = async <T extends object>(text: string) => (await client.query<T>(text, [contactId])).rows;
    const [contact] = await rows<ContactRow>('SELECT id, email, stage, owner, properties, adjustments FROM contacts WHERE id = $1');
    if (!contact) return undefined;
    const events = await rows<{ seq: number; at: number; type: string; data: string; external_id: string | null }>(
      `SELECT e.seq, e.at, e.type, e.data, i.id AS external_id FROM events e
       LEFT JOIN event_ids i ON i.contact_id = e.contact_id AND i.seq = e.seq WHERE e.contact_id = $1 ORDER BY e.seq`,
    );
    const queued = await rows<{ at: number; event: string }>("SELECT at, event FROM inbox WHERE contact_id = $1 AND kind = 'event' ORDER BY n");
    const enrolments = await rows<{
      id: string;
      flow_id: string;
      contact_id: string;
      version: number;
      status: EnrolmentSummary['status'];
      entered_at: number;
      ended_at: number | null;
      position: string | null;
      timers: string;
    }>('SELECT id, flow_id, contact_id, version, status, entered_at, ended_at, position, timers FROM enrolments WHERE contact_id = $1 ORDER BY n');
    const steps = await rows<StepRow>(
      'SELECT s.enrolment_id, s.at, s.node, s.type, s.port FROM steps s JOIN enrolments e ON e.id = s.enrolment_id WHERE e.contact_id = $1 ORDER BY s.n',
    );
    const emails = await rows<OutboxRow>('SELECT * FROM emails WHERE contact_id = $1 ORDER BY n');
    const consents = await rows<ConsentRecord>(`SELECT ${CONSENT} FROM consents WHERE contact_id = $1 ORDER BY n`);
    const handoffs = await rows<HandoffRow>('SELECT record, status, note, feedback_at FROM handoffs WHERE contact_id = $1 ORDER BY n');
    const score = (await scoreOf(contactId))!;
    return exportDocument(
      {
        contact: toContact(contact),
        score,
        events: events.map((r): ContactEventRow => ({ id: r.external_id ?? `seq-${r.seq}`, seq: r.seq, at: r.at, type: r.type, data: JSON.parse(r.data) })),
        queued: queued.map((q) => ({ at: q.at, event: JSON.parse(q.event) })),
        enrolments: enrolments.map((e) => ({
          enrolment: {
            id: e.id,
            flowId: e.flow_id,
            contactId: e.contact_id,
            version: e.version,
            status: e.status,
            enteredAt: e.entered_at,
            endedAt: e.ended_at,
            position: e.position,
          },
          steps: steps.filter((s) => s.enrolment_id === e.id).map(toStep),
          timers: (JSON.parse(e.timers) as StoredTimer[]).map((t) => ({ id: t.id, event: t.event, wakeAt: t.wakeAt })),
        })),
        emails: emails.map(toOutboxEntry),
        handoffs: handoffs.map(toHandoffEntry),
        consents,
      },
      now,
    );
  } finally {
    await client.query('COMMIT').catch(() => {});
    client.release();
  }
}
