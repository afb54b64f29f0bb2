/** One step of the database schema: applied once, in order, inside a transaction. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/**
 * The schema, oldest first. A released migration is never edited: a change is a new entry.
 * Instants are epoch milliseconds (INTEGER); documents and records are JSON text.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'flows, contacts, events, enrolments, timers, steps, outbox, handoffs',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- The draft is whatever the editor saved (it may be unfinished), kept as JSON text.
      CREATE TABLE flows (
        id TEXT PRIMARY KEY,
        draft TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      -- Published versions are immutable; running enrolments name the version they entered.
      CREATE TABLE flow_versions (
        flow_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        flow TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        note TEXT,
        PRIMARY KEY (flow_id, version)
      );

      CREATE TABLE contacts (
        id TEXT PRIMARY KEY,
        email TEXT,
        stage TEXT NOT NULL,
        owner TEXT,
        properties TEXT NOT NULL,
        adjustments INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
      );

      -- seq orders a contact's events; AUTOINCREMENT never reuses a number, which a waitFor's
      -- "events after entry" relies on even after a contact is erased.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        contact_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX events_by_contact ON events (contact_id, seq);

      -- The ids clients give events: a repeated id is a retry and is ignored.
      CREATE TABLE event_ids (
        id TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL,
        seq INTEGER NOT NULL
      );
      CREATE INDEX event_ids_by_contact ON event_ids (contact_id);
      CREATE INDEX event_ids_by_seq ON event_ids (seq);

      CREATE TABLE enrolments (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        flow_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        contact_id TEXT NOT NULL,
        status TEXT NOT NULL,
        entered_at INTEGER NOT NULL,
        ended_at INTEGER,
        position TEXT,
        snapshot TEXT NOT NULL
      );
      CREATE INDEX enrolments_by_flow_contact ON enrolments (flow_id, contact_id, n);
      CREATE INDEX enrolments_by_contact_status ON enrolments (contact_id, status, n);
      CREATE INDEX enrolments_by_flow_status ON enrolments (flow_id, status, position);

      -- n keeps timers due at the same instant in the order they were set.
      CREATE TABLE timers (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        enrolment_id TEXT NOT NULL,
        timer_id TEXT NOT NULL,
        event TEXT NOT NULL,
        wake_at INTEGER NOT NULL,
        UNIQUE (enrolment_id, timer_id)
      );
      CREATE INDEX timers_by_wake_at ON timers (wake_at, n);

      CREATE TABLE steps (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        enrolment_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        node TEXT NOT NULL,
        type TEXT NOT NULL,
        port TEXT
      );
      CREATE INDEX steps_by_enrolment ON steps (enrolment_id, node, n);

      -- The outbox: every email of every step, written in the step's transaction and delivered
      -- after commit. status: pending, sending, sent, suppressed, failed.
      CREATE TABLE emails (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        enrolment_id TEXT NOT NULL,
        flow_id TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        node TEXT NOT NULL,
        at INTEGER NOT NULL,
        to_address TEXT,
        from_address TEXT,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        suppressed TEXT,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        error TEXT,
        sent_at INTEGER
      );
      CREATE INDEX emails_by_status ON emails (status, n);
      CREATE INDEX emails_by_contact ON emails (contact_id, n);
      CREATE INDEX emails_by_flow ON emails (flow_id, n);

      CREATE TABLE handoffs (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        enrolment_id TEXT NOT NULL,
        flow_id TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        node TEXT NOT NULL,
        at INTEGER NOT NULL,
        owner TEXT,
        record TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open',
        note TEXT,
        feedback_at INTEGER
      );
      CREATE INDEX handoffs_by_contact ON handoffs (contact_id, n);
      CREATE INDEX handoffs_by_status ON handoffs (status, n);

      CREATE TABLE round_robin (
        flow_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        node TEXT NOT NULL,
        next INTEGER NOT NULL,
        PRIMARY KEY (flow_id, version, node)
      );
    `,
  },
  {
    version: 2,
    description: 'scenarios saved with their flow',
    sql: `
      -- A flow's test scenarios (hourglass.scenario/1) and, when kept, the trace each is expected
      -- to give (hourglass.trace/1); both JSON text. Removed with the flow.
      CREATE TABLE scenarios (
        flow_id TEXT NOT NULL,
        name TEXT NOT NULL,
        scenario TEXT NOT NULL,
        expected TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (flow_id, name)
      );
    `,
  },
  {
    version: 3,
    description: 'the inbox of accepted events not processed yet',
    sql: `
      -- Accepted events, processed in n order, each removed in the transaction that processes it.
      -- event is the event as the client sent it (JSON); at is the server's instant on arrival.
      -- No index on the event id: ids are random, and keeping them unique here cost four times
      -- the rest of accepting; a repeated id is recognised when processed (event_ids) instead.
      CREATE TABLE inbox (
        n INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        event TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    description: 'timers kept in their enrolment row; no index on the outbox by flow',
    sql: `
      -- An enrolment's pending timers as JSON ([{id, event, wakeAt, seq}]), and its earliest one's
      -- instant and seq, indexed: saving an enrolment is one row whatever its timers do, and the
      -- due timers are the enrolments at the front of the index. seq orders timers due at the
      -- same instant in the order they were set; counters holds the last one given.
      ALTER TABLE enrolments ADD COLUMN timers TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE enrolments ADD COLUMN wake_at INTEGER;
      ALTER TABLE enrolments ADD COLUMN wake_seq INTEGER;
      UPDATE enrolments SET timers = (
        SELECT json_group_array(json_object('id', t.timer_id, 'event', t.event, 'wakeAt', t.wake_at, 'seq', t.n))
        FROM (SELECT * FROM timers WHERE enrolment_id = enrolments.id ORDER BY n) AS t
      ) WHERE id IN (SELECT enrolment_id FROM timers);
      UPDATE enrolments SET (wake_at, wake_seq) = (
        SELECT wake_at, n FROM timers WHERE enrolment_id = enrolments.id ORDER BY wake_at, n LIMIT 1
      ) WHERE id IN (SELECT enrolment_id FROM timers);
      CREATE INDEX enrolments_by_wake ON enrolments (wake_at, wake_seq) WHERE wake_at IS NOT NULL;
      CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      );
      INSERT INTO counters (name, value) VALUES ('timer_seq', coalesce((SELECT max(n) FROM timers), 0));
      DROP TABLE timers;
      -- No query reads the outbox by flow through this index; every email paid for it.
      DROP INDEX emails_by_flow;
    `,
  },
  {
    version: 5,
    description: 'accepted events that could not be processed, kept with the error',
    sql: `
      -- An accepted event whose processing threw is moved here from the inbox, in the same
      -- transaction, instead of being lost; GET /api/events/failed lists them. event is the
      -- event as the client sent it, at the instant it was accepted.
      CREATE TABLE failed_events (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        failed_at INTEGER NOT NULL,
        event TEXT NOT NULL,
        error TEXT NOT NULL
      );
      CREATE INDEX failed_events_by_contact ON failed_events (contact_id);
    `,
  },
  {
    version: 6,
    description: 'sign-in sessions and one-time sign-in codes',
    sql: `
      -- A browser's sign-in: the cookie holds a random id, only its SHA-256 is kept here. token_sha256
      -- is the API token's hash when the session began: changing the token ends every session.
      CREATE TABLE sessions (
        id_sha256 BLOB PRIMARY KEY,
        token_sha256 BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      -- One-time codes of sign-in links made on demand (npm run sign-in-link); hashed, short-lived,
      -- deleted when used.
      CREATE TABLE sign_in_codes (
        code_sha256 BLOB PRIMARY KEY,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 7,
    description: 'contacts found by email (CSV import)',
    sql: `
      -- An import matches each row to a contact by its email, whatever its case.
      CREATE INDEX contacts_by_email ON contacts (lower(email)) WHERE email IS NOT NULL;
    `,
  },
  {
    version: 8,
    description: 'events by type and instant, and counters of identical events',
    sql: `
      -- What scores and conditions ask of a long history: the events of one type inside a window
      -- (newest first), and, for rules without a window, per contact, type and identical data,
      -- how many events and the latest instant (kept by every event insert). Erased with the contact.
      CREATE INDEX events_by_contact_type ON events (contact_id, type, at);
      CREATE TABLE event_counts (
        contact_id TEXT NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        count INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        PRIMARY KEY (contact_id, type, data)
      ) WITHOUT ROWID;
      INSERT INTO event_counts (contact_id, type, data, count, last_at)
        SELECT contact_id, type, data, count(*), max(at) FROM events GROUP BY contact_id, type, data;
    `,
  },
  {
    version: 9,
    description: 'the HTML part and extra headers of an email as sent',
    sql: `
      -- Built when the email leaves (layout, tracked links, unsubscribe headers), kept so the
      -- outbox shows what the contact received; NULL until then, and for emails sent before.
      ALTER TABLE emails ADD COLUMN html TEXT;
      ALTER TABLE emails ADD COLUMN headers TEXT;
    `,
  },
  {
    version: 10,
    description: 'inbox entries of several kinds',
    sql: `
      -- The inbox holds every input that changes a contact, in one line: client events (kind
      -- 'event', event is the event as sent) and contact updates, manual enrolments and sales
      -- verdicts (event is the whole entry, see inboxEntry.ts). Each has its contact at $.contactId.
      ALTER TABLE inbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'event';
    `,
  },
  {
    version: 11,
    description: 'forms and the consents given through them',
    sql: `
      -- A form's definition (the body of PUT /api/forms/:id, as JSON).
      CREATE TABLE forms (
        id TEXT PRIMARY KEY,
        definition TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- The proof of each consent: the text as shown, when, from where. With double opt-in it is
      -- pending until the link is followed (confirmed_at). Erased with the contact; kept when
      -- the form is deleted (the proof must outlive it).
      CREATE TABLE consents (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        contact_id TEXT NOT NULL,
        form_id TEXT NOT NULL,
        text TEXT NOT NULL,
        at INTEGER NOT NULL,
        ip TEXT NOT NULL,
        user_agent TEXT NOT NULL,
        double_opt_in INTEGER NOT NULL,
        confirmed_at INTEGER
      );
      CREATE INDEX consents_by_contact ON consents (contact_id, n);
    `,
  },
  {
    version: 12,
    description: 'counters of the flow reports',
    sql: `
      -- What GET /api/flows/:id/report adds up, kept in the same transaction as every write it
      -- counts (the engine's writes, engagement events included, by ReportCounter, summed per
      -- transaction; removals and deliveries by the triggers below), so a report reads a few
      -- hundred rows whatever the traffic. Keyed by the flow, version and UTC day (epoch days) the ENROLMENT
      -- entered, so a date range selects enrolments by the day they entered. kind: enrolled; status (port = active, completed,
      -- goal, removed); waiting (node = position of active enrolments); entered, left (port) per
      -- node; branch_goal / branch_completed (node = split, port = branch, counted when the
      -- enrolment ends); sent, suppressed (port = reason), failed per email node; email_opened,
      -- email_clicked, unsubscribed and unique_email_opened / unique_email_clicked per node.
      CREATE TABLE report_counts (
        flow_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        day INTEGER NOT NULL,
        kind TEXT NOT NULL,
        node TEXT NOT NULL,
        port TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (flow_id, version, day, kind, node, port)
      ) WITHOUT ROWID;

      CREATE TRIGGER report_enrolment_removed AFTER DELETE ON enrolments BEGIN
        INSERT INTO report_counts SELECT old.flow_id, old.version, old.entered_at / 86400000, k, n, p, d
          FROM (SELECT 'status' AS k, '' AS n, old.status AS p, -1 AS d UNION ALL SELECT 'status', '', 'removed', 1
                UNION ALL SELECT 'waiting', old.position, '', -1 WHERE old.status = 'active' AND old.position IS NOT NULL)
          WHERE true ON CONFLICT DO UPDATE SET count = count + excluded.count;
      END;

      CREATE TRIGGER report_email_sent AFTER UPDATE OF status ON emails
        WHEN new.kind = 'marketing' AND new.status = 'sent' AND old.status IS NOT 'sent' BEGIN
        INSERT INTO report_counts SELECT e.flow_id, e.version, e.entered_at / 86400000, 'sent', new.node, '', 1
          FROM enrolments e WHERE e.id = new.enrolment_id ON CONFLICT DO UPDATE SET count = count + 1;
      END;

      -- What happened before this migration, counted once.
      INSERT INTO report_counts SELECT flow_id, version, entered_at / 86400000, 'enrolled', '', '', count(*) FROM enrolments GROUP BY 1, 2, 3;
      INSERT INTO report_counts SELECT flow_id, version, entered_at / 86400000, 'status', '', status, count(*) FROM enrolments GROUP BY 1, 2, 3, 6;
      INSERT INTO report_counts SELECT flow_id, version, entered_at / 86400000, 'waiting', position, '', count(*) FROM enrolments
        WHERE status = 'active' AND position IS NOT NULL GROUP BY 1, 2, 3, 5;
      INSERT INTO report_counts SELECT e.flow_id, e.version, e.entered_at / 86400000, 'entered', s.node, '', count(*)
        FROM steps s JOIN enrolments e ON e.id = s.enrolment_id GROUP BY 1, 2, 3, 5;
      INSERT INTO report_counts SELECT e.flow_id, e.version, e.entered_at / 86400000, 'left', s.node, s.port, count(*)
        FROM steps s JOIN enrolments e ON e.id = s.enrolment_id WHERE s.port IS NOT NULL GROUP BY 1, 2, 3, 5, 6;
      INSERT INTO report_counts SELECT e.flow_id, e.version, e.entered_at / 86400000, 'branch_' || e.status, s.node, s.port, count(*)
        FROM steps s JOIN enrolments e ON e.id = s.enrolment_id
        WHERE s.type = 'split' AND s.port IS NOT NULL AND e.status IN ('goal', 'completed') GROUP BY 1, 2, 3, 4, 5, 6;
      INSERT INTO report_counts SELECT e.flow_id, e.version, e.entered_at / 86400000, m.status, m.node, coalesce(m.suppressed, ''), count(*)
        FROM emails m JOIN enrolments e ON e.id = m.enrolment_id
        WHERE m.kind = 'marketing' AND m.status IN ('suppressed', 'failed') GROUP BY 1, 2, 3, 4, 5, 6;
      INSERT INTO report_counts SELECT e.flow_id, e.version, e.entered_at / 86400000, 'sent', m.node, '', count(*)
        FROM emails m JOIN enrolments e ON e.id = m.enrolment_id WHERE m.kind = 'marketing' AND m.status = 'sent' GROUP BY 1, 2, 3, 5;
    `,
  },
  {
    version: 13,
    description: 'notes on the canvas of a flow',
    sql: `
      -- The notes a marketer leaves on a flow's canvas (the body of PUT /api/flows/:id/notes, as
      -- JSON). Not part of the flow document, which has no place for them; removed with the flow.
      CREATE TABLE flow_notes (
        flow_id TEXT PRIMARY KEY,
        notes TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 14,
    description: "handoffs and sales' verdicts, and emails not delivered, in the flow reports",
    sql: `
      -- More counters of report_counts (migration 12), same keys. Each handoff counts as open,
      -- once per way its owner was chosen (kind handoff_open, node = the handoff node, port = its
      -- route: owner, rule-N, round-robin, fallback, none; unknown before routes were kept) and
      -- once per score band (kind band_open, port = the band's lowest score, bands of 10 points:
      -- packages/api scoreBand.ts; scores are whole numbers). ReportCounter counts new handoffs;
      -- sales' verdict moves them to handoff_accepted / band_accepted (or _rejected) here.
      -- undelivered: marketing emails the mail server refused for good (or cut off by a restart).
      CREATE TRIGGER report_handoff_verdict AFTER UPDATE OF status ON handoffs
        WHEN old.status = 'open' AND new.status IN ('accepted', 'rejected') BEGIN
        INSERT INTO report_counts SELECT e.flow_id, e.version, e.entered_at / 86400000, k || v, new.node,
            CASE k WHEN 'handoff_' THEN coalesce(json_extract(new.record, '$.route'), 'unknown') ELSE CAST(s - ((s % 10) + 10) % 10 AS TEXT) END, d
          FROM enrolments e,
            (SELECT CAST(json_extract(new.record, '$.score.score') AS INTEGER) AS s),
            (SELECT 'handoff_' AS k UNION ALL SELECT 'band_'),
            (SELECT 'open' AS v, -1 AS d UNION ALL SELECT new.status, 1)
          WHERE e.id = new.enrolment_id ON CONFLICT DO UPDATE SET count = count + excluded.count;
      END;

      CREATE TRIGGER report_email_undelivered AFTER UPDATE OF status ON emails
        WHEN new.kind = 'marketing' AND new.status = 'failed' AND old.status IN ('pending', 'sending') BEGIN
        INSERT INTO report_counts SELECT e.flow_id, e.version, e.entered_at / 86400000, 'undelivered', new.node, '', 1
          FROM enrolments e WHERE e.id = new.enrolment_id ON CONFLICT DO UPDATE SET count = count + 1;
      END;

      -- The scoring page adds up the bands of every flow: only their rows, through this index.
      CREATE INDEX report_counts_by_band ON report_counts (kind, port) WHERE kind IN ('band_open', 'band_accepted', 'band_rejected');

      -- What happened before this migration, counted once.
      INSERT INTO report_counts SELECT e.flow_id, e.version, e.entered_at / 86400000, 'handoff_' || h.status, h.node,
          coalesce(json_extract(h.record, '$.route'), 'unknown'), count(*)
        FROM handoffs h JOIN enrolments e ON e.id = h.enrolment_id GROUP BY 1, 2, 3, 4, 5, 6;
      INSERT INTO report_counts SELECT e.flow_id, e.version, e.entered_at / 86400000, 'band_' || h.status, h.node,
          CAST(h.s - ((h.s % 10) + 10) % 10 AS TEXT), count(*)
        FROM (SELECT enrolment_id, node, status, CAST(json_extract(record, '$.score.score') AS INTEGER) AS s FROM handoffs) h
        JOIN enrolments e ON e.id = h.enrolment_id GROUP BY 1, 2, 3, 4, 5, 6;
      INSERT INTO report_counts SELECT e.flow_id, e.version, e.entered_at / 86400000, 'undelivered', m.node, '', count(*)
        FROM emails m JOIN enrolments e ON e.id = m.enrolment_id
        WHERE m.kind = 'marketing' AND m.status = 'failed' AND m.suppressed IS NULL GROUP BY 1, 2, 3, 5;
    `,
  },
  {
    version: 15,
    description: 'migrations of running contacts between versions, and paused flows',
    sql: `
      -- A migration moves a flow's active enrolments from one version to another by a node map
      -- (docs/semantics.md, "Migrations"), in slices of enrolments ordered by id: after_id is the
      -- last id a committed slice moved, so a migration resumed after a crash goes on after it.
      -- map is the complete node map (JSON {node: node or null}); status: running, done, failed.
      CREATE TABLE migrations (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        flow_id TEXT NOT NULL,
        from_version INTEGER NOT NULL,
        to_version INTEGER NOT NULL,
        map TEXT NOT NULL,
        unmapped TEXT NOT NULL,
        status TEXT NOT NULL,
        after_id TEXT,
        moved INTEGER NOT NULL DEFAULT 0,
        goal INTEGER NOT NULL DEFAULT 0,
        stayed INTEGER NOT NULL DEFAULT 0,
        exited INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        started_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE INDEX migrations_by_flow ON migrations (flow_id, n);
      -- The enrolments of one version of a flow by id, for the slices. Only an insert or a
      -- migration touches it: the hot UPDATE of an enrolment changes none of its columns.
      CREATE INDEX enrolments_by_flow_version ON enrolments (flow_id, version, id);
      -- Where a migration moved the contact from onto this step's node: {"version", "node"}.
      ALTER TABLE steps ADD COLUMN migrated_from TEXT;
      -- A paused flow enrols nobody and fires no timers; its enrolments' wake_at is NULL meanwhile
      -- (their timers stay in the row) and is set again from the timers when it resumes.
      ALTER TABLE flows ADD COLUMN paused_at INTEGER;
    `,
  },
];
