import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * The few column types that differ between the databases, chosen openly here:
 * PostgreSQL gets timestamptz and jsonb; SQLite stores ISO-8601 text (which sorts as time) and JSON text.
 * Both return strings (see create-db.ts), so the code above reads them the same way.
 */
export function columnTypes(db: Kysely<any>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    postgres,
    timestamp: postgres ? ('timestamptz' as const) : ('text' as const),
    json: postgres ? ('jsonb' as const) : ('text' as const),
    double: postgres ? ('double precision' as const) : ('real' as const),
  };
}
