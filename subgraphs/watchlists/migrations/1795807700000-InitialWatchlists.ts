import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('watchlists');

  await s
    .createTable('faces')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('full_name', 'varchar(128)')
    .addColumn('sex', 'varchar(1)', (c) => c.check(sql`sex in ('m', 'f')`))
    .addColumn('birth_date', 'date')
    .addColumn('document_number', 'varchar(128)')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s.createIndex('faces_organization_idx').on('faces').columns(['organization_id', 'id']).execute();

  // An upload is the image of one face at most: upload_id is unique. Uploads live in the media part.
  await s
    .createTable('face_images')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('face_id', 'integer', (c) => c.notNull().references('watchlists.faces.id').onDelete('cascade'))
    .addColumn('upload_id', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s.createIndex('face_images_face_idx').on('face_images').columns(['face_id', 'id']).execute();

  await s
    .createTable('face_lists')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(2048)')
    .addColumn('priority', 'varchar(6)', (c) => c.check(sql`priority in ('low', 'medium', 'high')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('face_lists_organization_name_key', ['organization_id', 'name'])
    .execute();

  // A list with faces cannot be deleted (the service refuses; the foreign key backs it up).
  await s
    .createTable('face_list_faces')
    .addColumn('face_list_id', 'integer', (c) => c.notNull().references('watchlists.face_lists.id'))
    .addColumn('face_id', 'integer', (c) => c.notNull().references('watchlists.faces.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('face_list_faces_pkey', ['face_list_id', 'face_id'])
    .execute();
  await s.createIndex('face_list_faces_face_idx').on('face_list_faces').columns(['face_id']).execute();

  // number as entered; number_normalized (upper-case, no spaces or dashes) is what matching and uniqueness use.
  await s
    .createTable('plates')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('number', 'varchar(32)', (c) => c.notNull())
    .addColumn('number_normalized', 'varchar(32)', (c) => c.notNull())
    .addColumn('owner_full_name', 'varchar(128)')
    .addColumn('owner_document_number', 'varchar(128)')
    .addColumn('owner_birth_date', 'date')
    .addColumn('vehicle_manufacturer', 'varchar(32)')
    .addColumn('vehicle_model', 'varchar(32)')
    .addColumn('vehicle_type', 'varchar(32)')
    .addColumn('vehicle_manufacture_date', 'date')
    .addColumn('vehicle_color', 'varchar(32)')
    .addColumn('vehicle_image_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('plates_organization_number_key', ['organization_id', 'number_normalized'])
    .execute();

  await s
    .createTable('plate_lists')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(2048)')
    .addColumn('priority', 'varchar(6)', (c) => c.check(sql`priority in ('low', 'medium', 'high')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('plate_lists_organization_name_key', ['organization_id', 'name'])
    .execute();

  await s
    .createTable('plate_list_plates')
    .addColumn('plate_list_id', 'integer', (c) => c.notNull().references('watchlists.plate_lists.id'))
    .addColumn('plate_id', 'integer', (c) => c.notNull().references('watchlists.plates.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('plate_list_plates_pkey', ['plate_list_id', 'plate_id'])
    .execute();
  await s.createIndex('plate_list_plates_plate_idx').on('plate_list_plates').columns(['plate_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'plate_list_plates',
    'plate_lists',
    'plates',
    'face_list_faces',
    'face_lists',
    'face_images',
    'faces',
  ]) {
    await db.schema.withSchema('watchlists').dropTable(table).ifExists().execute();
  }
}
