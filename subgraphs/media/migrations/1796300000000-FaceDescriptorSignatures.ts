import { sql, type Kysely } from 'kysely';

/**
 * Where descriptors are `real[]` (no pgvector): `descriptor_bits`, the sign signature of each face
 * descriptor (bit i set when value i is > 0). Face search first keeps the rows whose signature is
 * within a Hamming distance of the query's (the fraction of differing bits estimates angle/π) and
 * compares only those exactly. Rows stored before this migration get theirs here. Nothing changes
 * where descriptors are `vector(512)` with the HNSW index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ type: string }>`
    select format_type(atttypid, atttypmod) as type from pg_attribute
    where attrelid = 'media.events'::regclass and attname = 'descriptor'`.execute(db);
  if (rows[0]?.type !== 'real[]') return;
  await sql`alter table media.events add column descriptor_bits bit(512)`.execute(db);
  await sql`
    update media.events set descriptor_bits = (
      select string_agg(case when d.v > 0 then '1' else '0' end, '' order by d.i)
      from unnest(descriptor) with ordinality as d(v, i))::bit(512)
    where descriptor is not null and cardinality(descriptor) = 512`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table media.events drop column if exists descriptor_bits`.execute(db);
}
