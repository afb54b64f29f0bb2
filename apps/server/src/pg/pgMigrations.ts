import type { Migration } from '../db/migrations.ts';

/**
 * The PostgreSQL schema, oldest first: its own list, because SQLite's SQL (AUTOINCREMENT,
 * WITHOUT ROWID, triggers) does not run on PostgreSQL. A released migration is never edited: a
 * change is a new entry. The tables keep SQLite's names and columns, so a repository's queries
 * port with few changes; instants are epoch milliseconds (bigint), documents and records JSON text.
 */
export const pgMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'the runtime: flows, contacts, events, enrolments with their timers, steps, outbox, handoffs, inbox',
    sql: `
      CREATE TABLE settings (
        key text PRIMARY KEY,
        value text NOT NULL
      );

      CREATE TABLE flows (
        id text PRIMARY KEY,
        draft text NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL
      );

      -- Published versions are immutable; every worker reads them from here (PgWorkspace).
      CREATE TABLE flow_versions (
        flow_id text NOT NULL,
        version integer NOT NULL,
        flow text NOT NULL,
        published_at bigint NOT NULL,
        note text,
        PRIMARY KEY (flow_id, version)
      );

      CREATE TABLE contacts (
        id text PRIMARY KEY,
        email text,
        stage text NOT NULL,
        owner text,
        properties text NOT NULL,
        adjustments double precision NOT NULL DEFAULT 0,
        updated_at bigint NOT NULL
      );

      -- Event and timer numbers: each worker takes a block of 1024 at a time (SeqBlocks), and a
      -- contact's numbers only grow whichever worker processes it.
      CREATE SEQUENCE hg_seq INCREMENT BY 1024 MINVALUE 1 START 1;

      CREATE TABLE events (
        seq bigint PRIMARY KEY,
        contact_id text NOT NULL,
        at bigint NOT NULL,
        type text NOT NULL,
        data text NOT NULL
      );
      CREATE INDEX events_by_contact ON events (contact_id, seq);
      CREATE INDEX events_by_contact_type ON events (contact_id, type, at);

      CREATE TABLE event_counts (
        contact_id text NOT NULL,
        type text NOT NULL,
        data text NOT NULL,
        count integer NOT NULL,
        last_at bigint NOT NULL,
        PRIMARY KEY (contact_id, type, data)
      );

      -- The ids clients give events: a repeated id is a retry and is ignored.
      CREATE TABLE event_ids (
        id text PRIMARY KEY,
        contact_id text NOT NULL,
        seq bigint NOT NULL
      );
      CREATE INDEX event_ids_by_contact ON event_ids (contact_id);

      -- An enrolment's pending timers as JSON ([{id, event, wakeAt, seq}]) and its earliest one's
      -- instant and seq, indexed: due timers are the enrolments at the front of that index,
      -- claimed with FOR UPDATE SKIP LOCKED. n orders a contact's enrolments oldest first.
      CREATE TABLE enrolments (
        n bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        flow_id text NOT NULL,
        version integer NOT NULL,
        contact_id text NOT NULL,
        status text NOT NULL,
        entered_at bigint NOT NULL,
        ended_at bigint,
        position text,
        snapshot text NOT NULL,
        timers text NOT NULL DEFAULT '[]',
        wake_at bigint,
        wake_seq bigint
      );
      CREATE INDEX enrolments_by_flow_contact ON enrolments (flow_id, contact_id, n);
      CREATE INDEX enrolments_by_contact ON enrolments (contact_id, n);
      CREATE INDEX enrolments_by_flow_status ON enrolments (flow_id, status, position);
      CREATE INDEX enrolments_by_wake ON enrolments (wake_at, wake_seq) WHERE wake_at IS NOT NULL;

      CREATE TABLE steps (
        n bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        enrolment_id text NOT NULL,
        at bigint NOT NULL,
        node text NOT NULL,
        type text NOT NULL,
        port text
      );
      CREATE INDEX steps_by_enrolment ON steps (enrolment_id, node, n);

      -- The outbox, written in the step's transaction and delivered after commit by whichever
      -- worker claims the row (FOR UPDATE SKIP LOCKED). status: pending, sending, sent,
      -- suppressed, failed; claimed_by and claimed_at say which worker is sending it since when.
      CREATE TABLE emails (
        n bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        kind text NOT NULL,
        enrolment_id text NOT NULL,
        flow_id text NOT NULL,
        contact_id text NOT NULL,
        node text NOT NULL,
        at bigint NOT NULL,
        to_address text,
        from_address text,
        subject text NOT NULL,
        body text NOT NULL,
        suppressed text,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at bigint,
        error text,
        sent_at bigint,
        html text,
        headers text,
        claimed_by text,
        claimed_at bigint
      );
      CREATE INDEX emails_to_deliver ON emails (n) WHERE status IN ('pending', 'sending');
      CREATE INDEX emails_by_contact ON emails (contact_id, n);

      CREATE TABLE handoffs (
        n bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        enrolment_id text NOT NULL,
        flow_id text NOT NULL,
        contact_id text NOT NULL,
        node text NOT NULL,
        at bigint NOT NULL,
        owner text,
        record text NOT NULL,
        status text NOT NULL DEFAULT 'open',
        note text,
        feedback_at bigint
      );
      CREATE INDEX handoffs_by_contact ON handoffs (contact_id, n);

      CREATE TABLE round_robin (
        flow_id text NOT NULL,
        version integer NOT NULL,
        node text NOT NULL,
        next integer NOT NULL,
        PRIMARY KEY (flow_id, version, node)
      );

      -- Every input that changes a contact, in one line per contact: applied in n order by the
      -- one worker holding the contact's lock, and deleted in the transaction that applies it.
      -- kind and entry as in SQLite's inbox (inboxEntry.ts); at is the instant it was accepted.
      CREATE TABLE inbox (
        n bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind text NOT NULL,
        contact_id text NOT NULL,
        event_id text,
        at bigint NOT NULL,
        event text NOT NULL
      );
      CREATE INDEX inbox_by_contact ON inbox (contact_id, n);

      CREATE TABLE failed_events (
        n bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id text NOT NULL,
        contact_id text NOT NULL,
        at bigint NOT NULL,
        failed_at bigint NOT NULL,
        event text NOT NULL,
        error text NOT NULL
      );
      CREATE INDEX failed_events_by_contact ON failed_events (contact_id);

      -- The workers alive: each writes its heartbeat every second (GET /api/health lists them).
      CREATE TABLE workers (
        id text PRIMARY KEY,
        host text NOT NULL,
        pid integer NOT NULL,
        started_at bigint NOT NULL,
        heartbeat_at bigint NOT NULL,
        applied bigint NOT NULL DEFAULT 0
      );
    `,
  },
  {
    version: 2,
    description: 'moving contacts between versions and pausing flows',
    sql: `
      -- The version and node a step's contact was moved from (JSON {version, node}), as on SQLite.
      ALTER TABLE steps ADD COLUMN migrated_from text;

      -- The flows paused, from when: their enrolments keep their timers and wake_seq but no
      -- wake_at, so no worker sees them due; resumed, wake_at is set again (unitCommit.ts).
      CREATE TABLE paused_flows (
        flow_id text PRIMARY KEY,
        since bigint NOT NULL
      );

      -- A migration reads a version's active enrolments in slices by id (byte order, as JavaScript compares).
      CREATE INDEX enrolments_active_by_id ON enrolments (flow_id, version, id COLLATE "C") WHERE status = 'active';
    `,
  },
  {
    version: 3,
    description: 'counters of the flow reports',
    sql: `
      -- What a flow's report adds up, as on SQLite (its migrations 12 and 14 say what each kind
      -- counts), kept in the transaction of every write it counts: the engine's writes by the
      -- worker's commit (pgReportCounts.ts), deliveries, removals and sales' verdicts by the
      -- triggers below. Keyed by the flow, version and UTC day (epoch days) the enrolment entered.
      CREATE TABLE report_counts (
        flow_id text NOT NULL,
        version integer NOT NULL,
        day integer NOT NULL,
        kind text NOT NULL,
        node text NOT NULL,
        port text NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (flow_id, version, day, kind, node, port)
      );
      CREATE INDEX report_counts_by_band ON report_counts (kind, port) WHERE kind IN ('band_open', 'band_accepted', 'band_rejected');

      CREATE FUNCTION report_count(f text, v integer, d integer, k text, n text, p text, c integer) RETURNS void LANGUAGE sql AS $$
        INSERT INTO report_counts VALUES (f, v, d, k, n, p, c)
        ON CONFLICT (flow_id, version, day, kind, node, port) DO UPDATE SET count = report_counts.count + excluded.count
      $$;

      CREATE FUNCTION report_enrolment_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM report_count(old.flow_id, old.version, (old.entered_at / 86400000)::int, 'status', '', old.status, -1);
        PERFORM report_count(old.flow_id, old.version, (old.entered_at / 86400000)::int, 'status', '', 'removed', 1);
        IF old.status = 'active' AND old.position IS NOT NULL THEN
          PERFORM report_count(old.flow_id, old.version, (old.entered_at / 86400000)::int, 'waiting', old.position, '', -1);
        END IF;
        RETURN old;
      END $$;
      CREATE TRIGGER report_enrolment_removed AFTER DELETE ON enrolments FOR EACH ROW EXECUTE FUNCTION report_enrolment_removed();

      -- A marketing email delivered (sent), or refused for good by the mail server (undelivered).
      CREATE FUNCTION report_email_outcome() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF new.kind = 'marketing' AND ((new.status = 'sent' AND old.status IS DISTINCT FROM 'sent')
            OR (new.status = 'failed' AND old.status IN ('pending', 'sending'))) THEN
          PERFORM report_count(e.flow_id, e.version, (e.entered_at / 86400000)::int, CASE new.status WHEN 'sent' THEN 'sent' ELSE 'undelivered' END, new.node, '', 1)
            FROM enrolments AS e WHERE e.id = new.enrolment_id;
        END IF;
        RETURN new;
      END $$;
      CREATE TRIGGER report_email_outcome AFTER UPDATE OF status ON emails FOR EACH ROW EXECUTE FUNCTION report_email_outcome();

      -- Sales' verdict moves a handoff from open to accepted or rejected, by route and score band (bands of 10 points).
      CREATE FUNCTION report_handoff_verdict() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        s integer := (new.record::jsonb #>> '{score,score}')::numeric::integer;
        route text := coalesce(new.record::jsonb ->> 'route', 'unknown');
      BEGIN
        IF old.status = 'open' AND new.status IN ('accepted', 'rejected') THEN
          PERFORM report_count(e.flow_id, e.version, (e.entered_at / 86400000)::int, k || v, new.node, CASE k WHEN 'handoff_' THEN route ELSE (s - ((s % 10) + 10) % 10)::text END, d)
            FROM enrolments AS e, (VALUES ('handoff_'), ('band_')) AS kinds(k), (VALUES ('open', -1), (new.status, 1)) AS moves(v, d)
            WHERE e.id = new.enrolment_id;
        END IF;
        RETURN new;
      END $$;
      CREATE TRIGGER report_handoff_verdict AFTER UPDATE OF status ON handoffs FOR EACH ROW EXECUTE FUNCTION report_handoff_verdict();
    `,
  },
  {
    version: 4,
    description: 'the editor and sign-in: scenarios, canvas notes, sessions, sign-in codes; the answers of commands',
    sql: `
      CREATE TABLE scenarios (
        flow_id text NOT NULL,
        name text NOT NULL,
        scenario text NOT NULL,
        expected text,
        updated_at bigint NOT NULL,
        PRIMARY KEY (flow_id, name)
      );

      CREATE TABLE flow_notes (
        flow_id text PRIMARY KEY,
        notes text NOT NULL,
        updated_at bigint NOT NULL
      );

      -- Sign-in sessions and one-time sign-in codes, stored as SHA-256 only (as on SQLite).
      CREATE TABLE sessions (
        id_sha256 bytea PRIMARY KEY,
        token_sha256 bytea NOT NULL,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        last_used_at bigint NOT NULL
      );
      CREATE TABLE sign_in_codes (
        code_sha256 bytea PRIMARY KEY,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL
      );

      -- The outcome of each command (contact update, enrolment) by its inbox row, written in the
      -- transaction that applies it, so the request that queued it is answered whichever worker
      -- applied it (PgCommands); the waiting request deletes it.
      CREATE TABLE command_answers (
        n bigint PRIMARY KEY,
        answer text NOT NULL,
        at bigint NOT NULL
      );
    `,
  },
  {
    version: 5,
    description: 'forms and the consents given through them; contacts by email',
    sql: `
      -- As on SQLite (its migration 11): a form's definition, the body of PUT /api/forms/:id as JSON.
      CREATE TABLE forms (
        id text PRIMARY KEY,
        definition text NOT NULL,
        updated_at bigint NOT NULL
      );
      -- The proof of each consent, erased with the contact and kept when the form is deleted. email
      -- (lower case) finds the contact a post for that email is creating while its inbox rows wait
      -- (pgFormInputs.ts); it is the contact's own address, erased with it.
      CREATE TABLE consents (
        n bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        contact_id text NOT NULL,
        form_id text NOT NULL,
        text text NOT NULL,
        at bigint NOT NULL,
        ip text NOT NULL,
        user_agent text NOT NULL,
        double_opt_in boolean NOT NULL,
        confirmed_at bigint,
        email text NOT NULL
      );
      CREATE INDEX consents_by_contact ON consents (contact_id, n);
      CREATE INDEX consents_by_email ON consents (email, n);
      -- A form post and a contact import find contacts by email, whatever its case. With the id: a
      -- lookup's "ORDER BY id LIMIT 2" reads two entries of the index, never the table in id order.
      CREATE INDEX contacts_by_email ON contacts (lower(email), id);
    `,
  },
  {
    version: 6,
    description: 'migrations of flows run by every worker through the inbox; emails skipped after a resume',
    sql: `
      -- A migration of a flow's contacts (as on SQLite); its enrolments are queued in the inbox, one
      -- row each, in slices ('after_id': the last one queued; 'queued_all': every one is), and
      -- applied by whichever worker holds the contact (pgMigrationRunner.ts).
      CREATE TABLE migrations (
        n bigint GENERATED ALWAYS AS IDENTITY,
        id text PRIMARY KEY,
        flow_id text NOT NULL,
        from_version integer NOT NULL,
        to_version integer NOT NULL,
        map text NOT NULL,
        unmapped text NOT NULL,
        status text NOT NULL DEFAULT 'running',
        after_id text,
        queued bigint NOT NULL DEFAULT 0,
        queued_all boolean NOT NULL DEFAULT false,
        error text,
        started_at bigint NOT NULL,
        finished_at bigint
      );
      CREATE INDEX migrations_of_flow ON migrations (flow_id, n);
      -- One running migration per flow, however many workers are asked at once.
      CREATE UNIQUE INDEX migrations_running ON migrations (flow_id) WHERE status = 'running';

      -- What the workers' batches did with a migration's rows: one row per batch and migration,
      -- summed when read, so batches of many workers never wait for one another's counter.
      CREATE TABLE migration_counts (
        migration_id text NOT NULL,
        applied integer NOT NULL,
        moved integer NOT NULL,
        goal integer NOT NULL,
        stayed integer NOT NULL,
        exited integer NOT NULL,
        error text
      );
      CREATE INDEX migration_counts_of ON migration_counts (migration_id);

      -- A flow resumed with skipPastEmails: the emails its timers due before this instant lead
      -- to are recorded as not sent, by whichever worker fires them.
      CREATE TABLE skipped_emails (
        flow_id text PRIMARY KEY,
        before bigint NOT NULL
      );
    `,
  },
];
