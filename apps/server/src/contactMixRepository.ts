import type { Database, Statement } from 'better-sqlite3';
import type { ContactMix, PropertyValues } from '@hourglass/api';
import { STAGES, type Stage } from '@hourglass/documents';

/** The most common values listed for a text property. */
export const TOP_VALUES = 20;

/**
 * How the contacts spread over stages and property values (`GET /api/contact-mix`), counted in
 * SQLite over the stored JSON so that nothing but the counts leaves the database.
 */
export class ContactMixRepository {
  private readonly countStmt: Statement;
  private readonly stagesStmt: Statement;
  private readonly kindsStmt: Statement;
  private readonly topStmt: Statement;

  constructor(db: Database) {
    this.countStmt = db.prepare('SELECT count(*) AS n FROM contacts');
    this.stagesStmt = db.prepare('SELECT stage, count(*) AS n FROM contacts GROUP BY stage');
    // Per property: how many contacts hold a number or a text, the numbers' range and whether
    // all are whole, and how many different texts there are.
    this.kindsStmt = db.prepare(`SELECT j.key AS key,
        sum(j.type IN ('integer', 'real')) AS numbers, min(CASE WHEN j.type IN ('integer', 'real') THEN j.value END) AS lo,
        max(CASE WHEN j.type IN ('integer', 'real') THEN j.value END) AS hi, sum(j.type = 'real') AS reals,
        sum(j.type = 'text') AS texts, count(DISTINCT CASE WHEN j.type = 'text' THEN j.value END) AS distinct_texts
      FROM contacts c, json_each(c.properties) j GROUP BY j.key`);
    this.topStmt = db.prepare(`SELECT key, value, n FROM (
        SELECT j.key AS key, j.value AS value, count(*) AS n, row_number() OVER (PARTITION BY j.key ORDER BY count(*) DESC, j.value) AS r
        FROM contacts c, json_each(c.properties) j WHERE j.type = 'text' GROUP BY j.key, j.value)
      WHERE r <= ${TOP_VALUES} ORDER BY key, n DESC, value`);
  }

  mix(): ContactMix {
    return contactMixOf({
      contacts: (this.countStmt.get() as { n: number }).n,
      stages: this.stagesStmt.all() as StageCount[],
      kinds: this.kindsStmt.all() as PropertyKinds[],
      top: this.topStmt.all() as TopValue[],
    });
  }
}

/** Contacts per stage. */
export type StageCount = { stage: string; n: number };
/** Per property: how many contacts hold a number or a text, the numbers' range, how many are not whole, how many different texts. */
export type PropertyKinds = { key: string; numbers: number; lo: number | null; hi: number | null; reals: number; texts: number; distinct_texts: number };
/** One of a text property's most common values (`TOP_VALUES` per property). */
export type TopValue = { key: string; value: string; n: number };

/** The mix from the counts a store made (the same for every store). */
export function contactMixOf(counts: { contacts: number; stages: StageCount[]; kinds: PropertyKinds[]; top: TopValue[] }): ContactMix {
  const stages: ContactMix['stages'] = {};
  for (const r of counts.stages) {
    if ((STAGES as readonly string[]).includes(r.stage)) stages[r.stage as Stage] = r.n;
  }
  const top = new Map<string, Record<string, number>>();
  for (const r of counts.top) {
    const values = top.get(r.key) ?? {};
    values[r.value] = r.n;
    top.set(r.key, values);
  }
  const properties: Record<string, PropertyValues> = {};
  for (const r of counts.kinds) {
    if (r.numbers > 0 && r.numbers >= r.texts && r.lo !== null && r.hi !== null) {
      properties[r.key] = { kind: 'number', contacts: r.numbers, min: r.lo, max: r.hi, integer: r.reals === 0 };
    } else if (r.texts > 0 && !nearlyAllDifferent(r.distinct_texts, r.texts)) {
      properties[r.key] = { kind: 'text', contacts: r.texts, values: top.get(r.key) ?? {}, distinct: r.distinct_texts };
    }
  }
  return { contacts: counts.contacts, stages, properties };
}

/** Names, email addresses, phone numbers: values that hardly repeat describe people, not a cohort. */
function nearlyAllDifferent(distinct: number, contacts: number): boolean {
  return distinct > TOP_VALUES && distinct > contacts / 2;
}
