/**
 * Versioned schema. Each migration moves a database from version N-1 to N; opening an older
 * file runs the missing ones, opening a file from a newer Rebond refuses and changes nothing.
 * Append new migrations at the end; never edit one that has shipped.
 */
import { AGGREGATE_TABLES_SQL } from './hourly-tables';

export interface Migration {
  version: number;
  description: string;
  sql: string[];
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'imports, events, releases, imported lists, settings',
    sql: [
      `CREATE SEQUENCE IF NOT EXISTS import_ids START 1`,
      `CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        path VARCHAR NOT NULL,
        display_name VARCHAR NOT NULL,
        format VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL,
        imported_at TIMESTAMPTZ NOT NULL,
        stored BIGINT NOT NULL,
        duplicates BIGINT NOT NULL,
        rejected BIGINT NOT NULL,
        skipped BIGINT NOT NULL,
        first_event TIMESTAMPTZ,
        last_event TIMESTAMPTZ,
        errors VARCHAR
      )`,
      // No primary key: uniqueness is enforced by the import pipeline's anti-join on `key`,
      // which is much faster than an index on bulk loads.
      `CREATE TABLE events (
        key UBIGINT NOT NULL,
        time TIMESTAMPTZ NOT NULL,
        address VARCHAR NOT NULL,
        domain VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        category VARCHAR,
        severity VARCHAR,
        actor VARCHAR,
        counts_against BOOLEAN NOT NULL DEFAULT false,
        rule VARCHAR,
        smtp_code INTEGER,
        enhanced_code VARCHAR,
        diagnostic VARCHAR,
        message_id VARCHAR,
        campaign VARCHAR,
        sender VARCHAR,
        relay VARCHAR,
        delay_s DOUBLE,
        hint VARCHAR,
        import_id INTEGER NOT NULL,
        line BIGINT NOT NULL
      )`,
      `CREATE TABLE releases (
        address VARCHAR NOT NULL,
        time TIMESTAMPTZ NOT NULL,
        released_by VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        status VARCHAR NOT NULL
      )`,
      `CREATE TABLE imported_list (
        address VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        since TIMESTAMPTZ NOT NULL,
        import_id INTEGER NOT NULL,
        line BIGINT NOT NULL
      )`,
      `CREATE TABLE settings (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
    ],
  },
  {
    // filled from the events when the workspace opens (store/recovery.ts → repairAggregates)
    version: 2,
    description: 'hourly, campaign and delay counts the charts and incidents read',
    sql: AGGREGATE_TABLES_SQL,
  },
  {
    version: 3,
    description: "events: the address's 64-bit hash, the order each import is stored in",
    // DuckDB keeps only the first 8 bytes of a text's min/max per segment: sorted by address,
    // "camille.…" spanned dozens of row groups at 10,000,000 events and every lookup read them
    // all. A number's min/max is exact, so events are stored by this key (staging.ts) and a
    // lookup reads about one row group per import (events.ts). The address decides; the key
    // only finds the rows.
    sql: [`ALTER TABLE events ADD COLUMN address_key UBIGINT`, `UPDATE events SET address_key = hash(address)`],
  },
  {
    version: 4,
    description: "events: the message's subject, where the source has it",
    // empty for the events stored before: their files are not read again (re-importing one
    // stores nothing twice, and the subject is not part of an event's identity)
    sql: [`ALTER TABLE events ADD COLUMN subject VARCHAR`],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
