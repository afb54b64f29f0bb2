import pg from 'pg';

/**
 * How column values are parsed: bigint (int8) columns hold epoch milliseconds and sequence
 * numbers, all below 2^53, so they are numbers, not the strings `pg` gives by default. Passed
 * to each pool (not set globally), so nothing else in the process is affected.
 */
export const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
