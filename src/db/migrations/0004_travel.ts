import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A passenger-data message, stored raw (exact bytes) before anything else happens to it: nothing is ever lost.
  await db.schema
    .createTable('messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('owner_country', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('raw', 'bytea', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('received', 'parsed', 'screened', 'failed')`))
    .addColumn('error', 'jsonb')
    .addColumn('warnings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('flight_id', 'uuid')
    .addColumn('travellers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bookings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('alerts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_at', 'timestamptz')
    .addUniqueConstraint('messages_content_key', ['owner_country', 'content_hash'])
    .execute();
  await db.schema.createIndex('messages_status_idx').on('messages').columns(['status', 'received_at']).execute();

  await db.schema
    .createTable('flights')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_country', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('flight_number', 'text', (c) => c.notNull())
    .addColumn('departure_date', 'date', (c) => c.notNull())
    .addColumn('origin', 'text')
    .addColumn('destination', 'text')
    .addColumn('scheduled_departure', 'text')
    .addColumn('scheduled_arrival', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'closed', 'cancelled')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('flights_key', ['owner_country', 'carrier', 'flight_number', 'departure_date'])
    .execute();
  await db.schema
    .createIndex('flights_date_idx')
    .on('flights')
    .columns(['departure_date', 'origin', 'destination'])
    .execute();

  await db.schema
    .createTable('travellers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('flight_id', 'uuid', (c) => c.notNull().references('flights.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('api', 'pnr')`))
    .addColumn('traveller_key', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('surname', 'text', (c) => c.notNull())
    .addColumn('given_names', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('gender', 'text')
    .addColumn('nationality', 'text')
    .addColumn('documents', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('in_transit', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('embarkation', 'text')
    .addColumn('debarkation', 'text')
    .addColumn('seat', 'text')
    .addColumn('record_locator', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('message_id', 'uuid', (c) => c.notNull())
    .addColumn('removed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('travellers_key', ['flight_id', 'source', 'traveller_key'])
    .execute();
  await sql`create index travellers_identity_idx on travellers (surname, birth_date)`.execute(db);

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('flight_id', 'uuid', (c) => c.notNull().references('flights.id').onDelete('cascade'))
    .addColumn('record_locator', 'text', (c) => c.notNull())
    .addColumn('booked_at', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('message_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('bookings_key', ['flight_id', 'record_locator'])
    .execute();

  // An alert: a screening hit or a rule hit, with the flight, the traveller and the message it came from.
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_country', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'document', 'rule')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('flight_id', 'uuid', (c) => c.references('flights.id').onDelete('cascade'))
    .addColumn('traveller_id', 'uuid', (c) => c.references('travellers.id').onDelete('cascade'))
    .addColumn('booking_id', 'uuid', (c) => c.references('bookings.id').onDelete('cascade'))
    .addColumn('message_id', 'uuid')
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('list_id', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('entry_key', 'bigint')
    .addColumn('score', 'real')
    .addColumn('matcher', 'text')
    .addColumn('rule_id', 'text')
    .addColumn('rule_version', 'integer')
    .addColumn('explanation', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // One alert per subject and cause: reprocessing a message does not raise it twice.
    .addUniqueConstraint('alerts_subject_key', ['kind', 'subject_key'])
    .execute();
  await db.schema.createIndex('alerts_flight_idx').on('alerts').columns(['flight_id', 'created_at']).execute();
  await db.schema
    .createIndex('alerts_status_idx')
    .on('alerts')
    .columns(['owner_country', 'status', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['alerts', 'bookings', 'travellers', 'flights', 'messages'])
    await db.schema.dropTable(table).execute();
}
