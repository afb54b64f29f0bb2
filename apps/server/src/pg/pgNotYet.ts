/** What the PostgreSQL store says when asked to move contacts between versions or pause a flow, which it does not do yet. */
export const NOT_YET = 'Moving contacts between versions and pausing flows are not available on PostgreSQL yet; use the SQLite store for them.';

/** No flow is paused on PostgreSQL (pausing is not available there yet). */
export const NONE_HELD: ReadonlyMap<string, number> = new Map();
