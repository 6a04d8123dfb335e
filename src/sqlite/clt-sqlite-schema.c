/* clt-sqlite-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sqlite-schema"

#include "config.h"

#include "clt-sqlite-store-private.h"

/* Version 1: the schema for the whole mission, so that later issues add
 * code, not tables.
 *
 * Conventions: every table has an INTEGER primary key or a natural text
 * key; text columns are NOT NULL DEFAULT '' (the objects read unset text as
 * ""); timestamps are INTEGER microseconds since the Unix epoch (UTC), NULL
 * when unset; booleans are 0/1. Customers are referenced by their rowid
 * ("pk"), never by their custom id, so that ids can change without cascades.
 *
 * The *_key columns hold clt_fold_text () of the column they shadow (case
 * and accents folded): the table sorts by them, 1–2 character searches use
 * them as prefix ranges, and they feed the search index. The store writes
 * them with every insert or update of the text they shadow.
 *
 * zip_code, city and country of a customer copy the default billing address
 * (else the first address): the table shows and sorts them without a join.
 * The store refreshes them after every address change.
 *
 * customers_fts is an external-content FTS5 table over the virtual column
 * search_text (folded names, email, company, number, zip and city joined by
 * spaces), kept in step by triggers; the text is folded by clt_fold_text ()
 * so that the index and the queries agree on case and accents. It uses the
 * unicode61 word tokenizer and the store asks for word prefixes ("mül"
 * finds Müller, "7kz3" the number CUST-7KZ3…, "example.org" the email):
 * the trigram tokenizer would also find text inside words, but costs four
 * times as much to build (≈ 28 s of CPU for 1,000,000 customers here
 * against ≈ 8 s, or ≈ 15 s with the prefix indexes below). External content (rather than contentless) lets the
 * triggers delete old entries. SQLite 3.40 has no FTS5 'secure-delete': a
 * deleted entry only leaves the index when the segments holding it are
 * merged, so anonymization runs 'optimize' (with PRAGMA secure_delete,
 * which zeroes the freed pages) after its triggers replaced the entry. */
static const char schema_v1[] =
  "CREATE TABLE clt_meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL DEFAULT ''"
  ") WITHOUT ROWID;"

  "CREATE TABLE shop_preferences ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL DEFAULT ''"
  ") WITHOUT ROWID;"

  "CREATE TABLE sites ("
  "  code TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  storefront_url TEXT NOT NULL DEFAULT '',"
  "  default_currency TEXT NOT NULL DEFAULT '',"
  "  default_locale TEXT NOT NULL DEFAULT '',"
  "  active INTEGER NOT NULL DEFAULT 1,"
  "  assisted_buying INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"

  "CREATE TABLE groups ("
  "  code TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT ''"
  ") WITHOUT ROWID;"

  "CREATE TABLE companies ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  name_key TEXT NOT NULL DEFAULT ''"
  ") WITHOUT ROWID;"
  "CREATE INDEX companies_by_name ON companies (name_key);"

  "CREATE TABLE company_business_units ("
  "  company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE ON UPDATE CASCADE,"
  "  name TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (company_id, name)"
  ") WITHOUT ROWID;"

  "CREATE TABLE company_roles ("
  "  company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE ON UPDATE CASCADE,"
  "  name TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (company_id, name)"
  ") WITHOUT ROWID;"

  "CREATE TABLE custom_fields ("
  "  key TEXT PRIMARY KEY,"
  "  label TEXT NOT NULL DEFAULT '',"
  "  type INTEGER NOT NULL DEFAULT 0,"
  "  show_as_column INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"

  "CREATE TABLE customers ("
  "  pk INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL,"
  "  number TEXT NOT NULL,"
  "  email TEXT NOT NULL,"
  "  salutation TEXT NOT NULL DEFAULT '',"
  "  title TEXT NOT NULL DEFAULT '',"
  "  first_name TEXT NOT NULL DEFAULT '',"
  "  middle_name TEXT NOT NULL DEFAULT '',"
  "  last_name TEXT NOT NULL DEFAULT '',"
  "  gender INTEGER NOT NULL DEFAULT 0,"
  "  date_of_birth TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  company TEXT NOT NULL DEFAULT '',"
  "  locale TEXT NOT NULL DEFAULT '',"
  "  currency TEXT NOT NULL DEFAULT '',"
  "  preferred_site TEXT NOT NULL DEFAULT '',"
  "  restriction TEXT NOT NULL DEFAULT '',"
  "  active INTEGER NOT NULL DEFAULT 1,"
  "  on_hold INTEGER NOT NULL DEFAULT 0,"
  "  verified INTEGER NOT NULL DEFAULT 0,"
  "  registered INTEGER,"
  "  updated INTEGER,"
  "  last_login INTEGER,"
  "  anonymized_at INTEGER,"
  "  default_billing_address TEXT NOT NULL DEFAULT '',"
  "  default_shipping_address TEXT NOT NULL DEFAULT '',"
  "  zip_code TEXT NOT NULL DEFAULT '',"
  "  city TEXT NOT NULL DEFAULT '',"
  "  country TEXT NOT NULL DEFAULT '',"
  "  company_id TEXT REFERENCES companies (id) ON DELETE SET NULL ON UPDATE CASCADE,"
  "  business_unit TEXT NOT NULL DEFAULT '',"
  "  roles TEXT NOT NULL DEFAULT '',"              /* newline-separated */
  "  password_hash TEXT NOT NULL DEFAULT '',"      /* crypt(3), yescrypt */
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  number_key TEXT NOT NULL DEFAULT '',"
  "  email_key TEXT NOT NULL DEFAULT '',"
  "  first_name_key TEXT NOT NULL DEFAULT '',"
  "  last_name_key TEXT NOT NULL DEFAULT '',"
  "  company_key TEXT NOT NULL DEFAULT '',"
  "  zip_key TEXT NOT NULL DEFAULT '',"
  "  city_key TEXT NOT NULL DEFAULT '',"
  /* The table's Status column: active < on hold < inactive (on hold wins
   * over inactive, as CltCustomerStatus), verified before unverified. */
  "  status_rank INTEGER GENERATED ALWAYS AS"
  "    ((CASE WHEN on_hold THEN 2 WHEN active THEN 0 ELSE 4 END) + (verified = 0)) STORED,"
  /* Anonymized (deleted) customers leave the table but keep their row for
   * the orders that refer to them. */
  "  listed INTEGER GENERATED ALWAYS AS (anonymized_at IS NULL) STORED,"
  "  search_text TEXT GENERATED ALWAYS AS"
  "    (first_name_key || ' ' || last_name_key || ' ' || email_key || ' ' || company_key"
  "     || ' ' || number_key || ' ' || zip_key || ' ' || city_key) VIRTUAL"
  ");"
  "CREATE UNIQUE INDEX customers_id ON customers (id);"
  "CREATE UNIQUE INDEX customers_email ON customers (email COLLATE NOCASE);"
  "CREATE UNIQUE INDEX customers_number ON customers (number_key);"
  /* One index per sortable column (CltSortKey), led by "listed" so that
   * the table's WHERE listed = 1 ORDER BY key, pk walks one index (SQLite
   * appends the rowid) and counts and deep OFFSETs never touch the rows. */
  "CREATE INDEX customers_by_number ON customers (listed, number_key);"
  "CREATE INDEX customers_by_registered ON customers (listed, registered);"
  "CREATE INDEX customers_by_email ON customers (listed, email_key);"
  "CREATE INDEX customers_by_last_name ON customers (listed, last_name_key);"
  "CREATE INDEX customers_by_first_name ON customers (listed, first_name_key);"
  "CREATE INDEX customers_by_company ON customers (listed, company_key);"
  "CREATE INDEX customers_by_zip ON customers (listed, zip_key);"
  "CREATE INDEX customers_by_city ON customers (listed, city_key);"
  "CREATE INDEX customers_by_country ON customers (listed, country);"
  "CREATE INDEX customers_by_status ON customers (listed, status_rank);"
  "CREATE INDEX customers_by_site ON customers (listed, preferred_site);"
  "CREATE INDEX customers_anonymized ON customers (anonymized_at) WHERE anonymized_at IS NOT NULL;"
  "CREATE INDEX customers_by_company_id ON customers (company_id) WHERE company_id IS NOT NULL;"

  "CREATE VIRTUAL TABLE customers_fts USING fts5 ("
  "  search_text,"
  "  content = 'customers', content_rowid = 'pk',"
  "  tokenize = 'unicode61',"
  /* Prefix indexes: "de jo" or "cust-7" expand one- to three-letter word
   * prefixes without merging the lists of thousands of words. */
  "  prefix = '1 2 3'"
  ");"
  "CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN"
  "  INSERT INTO customers_fts (rowid, search_text) VALUES (new.pk, new.search_text);"
  "END;"
  "CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN"
  "  INSERT INTO customers_fts (customers_fts, rowid, search_text)"
  "    VALUES ('delete', old.pk, old.search_text);"
  "END;"
  "CREATE TRIGGER customers_fts_update"
  "  AFTER UPDATE OF first_name_key, last_name_key, email_key, company_key, number_key,"
  "                  zip_key, city_key ON customers BEGIN"
  "  INSERT INTO customers_fts (customers_fts, rowid, search_text)"
  "    VALUES ('delete', old.pk, old.search_text);"
  "  INSERT INTO customers_fts (rowid, search_text) VALUES (new.pk, new.search_text);"
  "END;"

  /* The 1- and 2-character prefixes of each listed customer's folded last
   * name, first name and email, once per customer: what a search of one or
   * two typed characters matches (a word prefix that short would merge the
   * lists of hundreds of words in the full-text index), counted with a
   * single index range instead of a union over three indexes. */
  "CREATE TABLE customer_prefixes ("
  "  prefix TEXT NOT NULL,"
  "  customer_pk INTEGER NOT NULL,"
  "  PRIMARY KEY (prefix, customer_pk)"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER customer_prefixes_insert AFTER INSERT ON customers WHEN new.listed BEGIN"
  "  INSERT OR IGNORE INTO customer_prefixes (prefix, customer_pk)"
  "    SELECT p, new.pk FROM (SELECT substr (new.last_name_key, 1, 1) AS p"
  "      UNION SELECT substr (new.last_name_key, 1, 2)"
  "      UNION SELECT substr (new.first_name_key, 1, 1)"
  "      UNION SELECT substr (new.first_name_key, 1, 2)"
  "      UNION SELECT substr (new.email_key, 1, 1)"
  "      UNION SELECT substr (new.email_key, 1, 2)) WHERE p <> '';"
  "END;"
  "CREATE TRIGGER customer_prefixes_update"
  "  AFTER UPDATE OF last_name_key, first_name_key, email_key, anonymized_at ON customers BEGIN"
  /* By key, not a scan: the table has no index on customer_pk alone. */
  "  DELETE FROM customer_prefixes WHERE customer_pk = old.pk AND prefix IN "
  "    (SELECT substr (old.last_name_key, 1, 1)"
  "      UNION SELECT substr (old.last_name_key, 1, 2)"
  "      UNION SELECT substr (old.first_name_key, 1, 1)"
  "      UNION SELECT substr (old.first_name_key, 1, 2)"
  "      UNION SELECT substr (old.email_key, 1, 1)"
  "      UNION SELECT substr (old.email_key, 1, 2));"
  "  INSERT OR IGNORE INTO customer_prefixes (prefix, customer_pk)"
  "    SELECT p, new.pk FROM (SELECT substr (new.last_name_key, 1, 1) AS p"
  "      UNION SELECT substr (new.last_name_key, 1, 2)"
  "      UNION SELECT substr (new.first_name_key, 1, 1)"
  "      UNION SELECT substr (new.first_name_key, 1, 2)"
  "      UNION SELECT substr (new.email_key, 1, 1)"
  "      UNION SELECT substr (new.email_key, 1, 2)) WHERE p <> '' AND new.listed;"
  "END;"
  "CREATE TRIGGER customer_prefixes_delete AFTER DELETE ON customers BEGIN"
  "  DELETE FROM customer_prefixes WHERE customer_pk = old.pk AND prefix IN "
  "    (SELECT substr (old.last_name_key, 1, 1)"
  "      UNION SELECT substr (old.last_name_key, 1, 2)"
  "      UNION SELECT substr (old.first_name_key, 1, 1)"
  "      UNION SELECT substr (old.first_name_key, 1, 2)"
  "      UNION SELECT substr (old.email_key, 1, 1)"
  "      UNION SELECT substr (old.email_key, 1, 2));"
  "END;"

  "CREATE TABLE customer_groups ("
  "  customer_pk INTEGER NOT NULL REFERENCES customers (pk) ON DELETE CASCADE,"
  "  group_code TEXT NOT NULL REFERENCES groups (code) ON DELETE CASCADE ON UPDATE CASCADE,"
  "  PRIMARY KEY (customer_pk, group_code)"
  ") WITHOUT ROWID;"
  "CREATE INDEX customer_groups_by_group ON customer_groups (group_code, customer_pk);"

  /* Custom field ("mixin") values, typed by their definition: text as is,
   * numbers as REAL, booleans as 0/1, dates as "YYYY-MM-DD". */
  "CREATE TABLE customer_field_values ("
  "  customer_pk INTEGER NOT NULL REFERENCES customers (pk) ON DELETE CASCADE,"
  "  field_key TEXT NOT NULL REFERENCES custom_fields (key) ON DELETE CASCADE ON UPDATE CASCADE,"
  "  value ANY,"
  "  PRIMARY KEY (customer_pk, field_key)"
  ") WITHOUT ROWID;"
  "CREATE INDEX customer_field_values_by_field ON customer_field_values (field_key, value);"

  "CREATE TABLE addresses ("
  "  pk INTEGER PRIMARY KEY,"
  "  customer_pk INTEGER NOT NULL REFERENCES customers (pk) ON DELETE CASCADE,"
  "  id TEXT NOT NULL,"
  "  salutation TEXT NOT NULL DEFAULT '',"
  "  first_name TEXT NOT NULL DEFAULT '',"
  "  last_name TEXT NOT NULL DEFAULT '',"
  "  address1 TEXT NOT NULL DEFAULT '',"
  "  address2 TEXT NOT NULL DEFAULT '',"
  "  address3 TEXT NOT NULL DEFAULT '',"
  "  zip_code TEXT NOT NULL DEFAULT '',"
  "  city TEXT NOT NULL DEFAULT '',"
  "  region TEXT NOT NULL DEFAULT '',"
  "  country TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  company TEXT NOT NULL DEFAULT '',"
  "  comment TEXT NOT NULL DEFAULT '',"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  UNIQUE (customer_pk, id)"
  ");"

  "CREATE TABLE orders ("
  "  pk INTEGER PRIMARY KEY,"
  "  reference TEXT NOT NULL,"
  /* Orders outlive the customer's personal data (delete = anonymize). */
  "  customer_pk INTEGER NOT NULL REFERENCES customers (pk),"
  "  created INTEGER,"
  "  status TEXT NOT NULL DEFAULT 'new',"
  "  total INTEGER NOT NULL DEFAULT 0,"   /* minor units */
  "  currency TEXT NOT NULL DEFAULT '',"
  "  site TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE UNIQUE INDEX orders_reference ON orders (reference);"
  "CREATE INDEX orders_by_customer ON orders (customer_pk, created);"

  "CREATE TABLE notes ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_pk INTEGER NOT NULL REFERENCES customers (pk) ON DELETE CASCADE,"
  "  author TEXT NOT NULL DEFAULT '',"
  "  message TEXT NOT NULL DEFAULT '',"
  "  created INTEGER"
  ");"
  "CREATE INDEX notes_by_customer ON notes (customer_pk, created);"

  "CREATE TABLE email_outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_pk INTEGER REFERENCES customers (pk) ON DELETE CASCADE,"
  "  recipient TEXT NOT NULL DEFAULT '',"
  "  subject TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT '',"
  "  state INTEGER NOT NULL DEFAULT 0,"    /* CltEmailState */
  "  created INTEGER,"
  "  sent_at INTEGER,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX email_outbox_by_customer ON email_outbox (customer_pk, id);"
  "CREATE INDEX email_outbox_queued ON email_outbox (id) WHERE state = 0;"

  /* Verification and password links sent by email: only a hash of the
   * token is kept. */
  "CREATE TABLE customer_tokens ("
  "  token_hash TEXT PRIMARY KEY,"
  "  customer_pk INTEGER NOT NULL REFERENCES customers (pk) ON DELETE CASCADE,"
  "  purpose TEXT NOT NULL,"               /* 'verification', 'password' */
  "  created INTEGER,"
  "  expires INTEGER,"
  "  used_at INTEGER"
  ") WITHOUT ROWID;"
  "CREATE INDEX customer_tokens_by_customer ON customer_tokens (customer_pk);"

  /* The REST server's back-office accounts and bearer tokens (hashed). */
  "CREATE TABLE backoffice_users ("
  "  username TEXT PRIMARY KEY,"
  "  display_name TEXT NOT NULL DEFAULT '',"
  "  roles TEXT NOT NULL DEFAULT '',"      /* newline-separated: admin, support, viewer */
  "  password_hash TEXT NOT NULL DEFAULT '',"
  "  disabled INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER"
  ") WITHOUT ROWID;"
  "CREATE TABLE api_tokens ("
  "  token_hash TEXT PRIMARY KEY,"
  "  username TEXT NOT NULL REFERENCES backoffice_users (username)"
  "    ON DELETE CASCADE ON UPDATE CASCADE,"
  "  label TEXT NOT NULL DEFAULT '',"
  "  created INTEGER,"
  "  expires INTEGER,"
  "  last_used INTEGER"
  ") WITHOUT ROWID;"
  "CREATE INDEX api_tokens_by_user ON api_tokens (username);"

  /* Idempotency-Key replay cache of the REST server. */
  "CREATE TABLE idempotency_keys ("
  "  username TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  request_hash TEXT NOT NULL DEFAULT '',"
  "  status INTEGER NOT NULL DEFAULT 0,"
  "  response TEXT NOT NULL DEFAULT '',"
  "  created INTEGER,"
  "  PRIMARY KEY (username, key)"
  ") WITHOUT ROWID;"
  "CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created);"

  "PRAGMA application_id = 1131181157;";

G_STATIC_ASSERT (CLT_SQLITE_APPLICATION_ID == 1131181157);

/* Version 2: the store contract of both back ends, and a schema that runs
 * with trusted_schema = OFF.
 *
 * - The search index is kept in step by the store's writes themselves
 *   (search_index_remove () / _add ()), not by triggers: with
 *   trusted_schema off SQLite refuses a virtual table (FTS5) inside any
 *   trigger, so that a planted one cannot reach it either.
 * - Notes and outbox messages get string ids (public_id) for the
 *   interface; their rowids stay internal. The outbox keeps a redacted
 *   copy of each body, which replaces it once the mail is handed off.
 * - change_log: one row per change (sequence number, kind, id), read by
 *   other windows on the same file and by the server's change feed.
 * - pending_deletions: deletions confirmed by a user and waiting out the
 *   Undo period; a store that finds one past its time finishes it.
 * - request_ids: the result of each create by its caller-chosen request
 *   id, so that a retried create returns the first result.
 * - Versions for sites, groups, companies and custom fields, and who made
 *   each customer's last change. */
static const char schema_v2[] =
  "DROP TRIGGER customers_fts_insert;"
  "DROP TRIGGER customers_fts_delete;"
  "DROP TRIGGER customers_fts_update;"
  /* Anonymized customers leave the index (version 1 kept their number). */
  "INSERT INTO customers_fts (customers_fts, rowid, search_text)"
  "  SELECT 'delete', pk, search_text FROM customers WHERE NOT listed;"

  "ALTER TABLE notes ADD COLUMN public_id TEXT;"
  "UPDATE notes SET public_id = lower (hex (randomblob (8)));"
  "CREATE UNIQUE INDEX notes_public_id ON notes (public_id);"
  "ALTER TABLE email_outbox ADD COLUMN public_id TEXT;"
  "UPDATE email_outbox SET public_id = lower (hex (randomblob (8)));"
  "CREATE UNIQUE INDEX email_outbox_public_id ON email_outbox (public_id);"
  /* The body without its password or link, which replaces the body once
   * the mail is handed off; mails of version 1 that were handed off
   * already lose their text (it held the secret). */
  "ALTER TABLE email_outbox ADD COLUMN redacted_body TEXT NOT NULL DEFAULT '';"
  "UPDATE email_outbox SET body = '' WHERE state IN (1, 2) AND kind IN"
  "  ('verification', 'password-token', 'initial-password', 'account-prepared',"
  "   'password-reset');"
  "UPDATE email_outbox SET redacted_body = body WHERE state IN (1, 2, 3);"

  "ALTER TABLE customers ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE sites ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE groups ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE companies ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE custom_fields ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"

  "CREATE TABLE change_log ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  kind INTEGER NOT NULL,"                /* CltChangeKind */
  "  object_id TEXT NOT NULL DEFAULT '',"
  "  customer_id TEXT NOT NULL DEFAULT '',"
  "  author TEXT NOT NULL DEFAULT '',"
  "  at INTEGER NOT NULL"
  ");"

  "CREATE TABLE pending_deletions ("
  "  customer_pk INTEGER PRIMARY KEY REFERENCES customers (pk) ON DELETE CASCADE,"
  "  requested_at INTEGER NOT NULL,"
  "  due_at INTEGER NOT NULL,"
  "  author TEXT NOT NULL DEFAULT ''"
  ");"

  "CREATE TABLE request_ids ("
  "  author TEXT NOT NULL,"
  "  request_id TEXT NOT NULL,"
  "  kind INTEGER NOT NULL,"                /* CltChangeKind of what was created */
  "  object_id TEXT NOT NULL,"
  "  customer_id TEXT NOT NULL DEFAULT '',"
  "  created INTEGER NOT NULL,"
  "  PRIMARY KEY (author, request_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX request_ids_by_age ON request_ids (created);";

/* Version 3: delivery of the outbox by clientele-server (--smtp).
 * next_attempt is when the mail is due for sending (NULL: it is not): set
 * when a mail is queued, moved on by each claim and each failed attempt
 * (backoff), cleared once it is sent, fails for good or was handed to a
 * mail app. Mails queued under version 2 are due at once. */
static const char schema_v3[] =
  "ALTER TABLE email_outbox ADD COLUMN next_attempt INTEGER;"
  "UPDATE email_outbox SET next_attempt = coalesce (created, 0) WHERE state = 0;"
  "CREATE INDEX email_outbox_due ON email_outbox (next_attempt, id)"
  "  WHERE next_attempt IS NOT NULL;";


/* Version 4: Assisted Buying. Each site gets the template of its Assisted
 * Buying address; assisted_buying_sessions is both the one-time tokens
 * (only a SHA-256 of each is kept, with when it expires and when it was
 * used) and each customer's log of who shopped as them, where and when.
 * The author's display name is kept as it was then. */
static const char schema_v4[] =
  "ALTER TABLE sites ADD COLUMN assisted_buying_url TEXT NOT NULL DEFAULT '';"
  "CREATE TABLE assisted_buying_sessions ("
  "  pk INTEGER PRIMARY KEY,"
  "  token_hash TEXT NOT NULL UNIQUE,"
  "  customer_pk INTEGER NOT NULL REFERENCES customers (pk) ON DELETE CASCADE,"
  "  site TEXT NOT NULL DEFAULT '',"
  "  author TEXT NOT NULL DEFAULT '',"
  "  author_name TEXT NOT NULL DEFAULT '',"
  "  started INTEGER NOT NULL,"
  "  expires INTEGER NOT NULL,"
  "  redeemed INTEGER"
  ");"
  "CREATE INDEX assisted_buying_sessions_by_customer"
  "  ON assisted_buying_sessions (customer_pk, started);";

/* Version 5: custom fields for the table.
 * - custom_fields.choices: a choice list's choices, one per line.
 * - customer_field_values loses the NUMERIC affinity its "ANY" column had
 *   (text "00123" was stored as the number 123): values are kept as they
 *   are given. sort_key is what sorting and filtering compare: folded text
 *   (case and accents, as the search folds them), numbers, 0/1, dates as
 *   text; indexed by (field_key, sort_key), the rowid tiebreak (the
 *   primary key) riding along in the index. Rows of earlier versions get lower ()
 *   as their fold; every write after stores the real one. */
static const char schema_v5[] =
  "ALTER TABLE custom_fields ADD COLUMN choices TEXT NOT NULL DEFAULT '';"
  "CREATE TABLE customer_field_values_v5 ("
  "  customer_pk INTEGER NOT NULL REFERENCES customers (pk) ON DELETE CASCADE,"
  "  field_key TEXT NOT NULL REFERENCES custom_fields (key) ON DELETE CASCADE ON UPDATE CASCADE,"
  "  value,"
  "  sort_key,"
  "  PRIMARY KEY (customer_pk, field_key)"
  ") WITHOUT ROWID;"
  "INSERT INTO customer_field_values_v5 (customer_pk, field_key, value, sort_key)"
  "  SELECT v.customer_pk, v.field_key,"
  "         CASE WHEN f.type IN (0, 3) THEN CAST (v.value AS TEXT) ELSE v.value END,"
  "         CASE WHEN f.type IN (0, 3) THEN lower (CAST (v.value AS TEXT)) ELSE v.value END"
  "  FROM customer_field_values v JOIN custom_fields f ON f.key = v.field_key;"
  "DROP TABLE customer_field_values;"
  "ALTER TABLE customer_field_values_v5 RENAME TO customer_field_values;"
  "CREATE INDEX customer_field_values_by_key ON customer_field_values (field_key, sort_key);";

/* Version 6: what the shop's marketing knows of each customer
 * (CltMarketingRecord), written by imports and shown on the customer
 * page: kind (CltMarketingKind), code, name, detail, dated (microseconds,
 * NULL: none) and state (CltMarketingState); pk keeps the order they were
 * imported in. */
static const char schema_v6[] =
  "CREATE TABLE customer_marketing ("
  "  pk INTEGER PRIMARY KEY,"
  "  customer_pk INTEGER NOT NULL REFERENCES customers (pk) ON DELETE CASCADE,"
  "  kind INTEGER NOT NULL,"
  "  code TEXT NOT NULL DEFAULT '',"
  "  name TEXT NOT NULL DEFAULT '',"
  "  detail TEXT NOT NULL DEFAULT '',"
  "  dated INTEGER,"
  "  state INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX customer_marketing_by_customer ON customer_marketing (customer_pk, kind, pk);";

/* Version 7: maintained counts for the table's filters. At a million
 * customers, counting the customers of one group (a quarter of them) or
 * with one custom field value (half of them, "yes") walked that many index
 * entries, 20–45 ms each time a filter was chosen. customer_field_counts
 * holds how many customers have each (field, sort key) (a range sums the
 * counts of the distinct values in it); customer_group_counts the members
 * of each group. Triggers keep both exact through every write, cascades
 * included (a deleted field or group, a renamed key, a customer's values
 * rewritten on edit, dropped on anonymization); the store writes values
 * with an upsert, as REPLACE would delete without firing them. A count
 * reaching 0 leaves the table. The pending deletions are in the counts:
 * a reader that hides them counts the rows instead. */
static const char schema_v7[] =
  "CREATE TABLE customer_field_counts ("
  "  field_key TEXT NOT NULL,"
  "  sort_key NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (field_key, sort_key)"
  ") WITHOUT ROWID;"
  "INSERT INTO customer_field_counts (field_key, sort_key, n)"
  "  SELECT field_key, sort_key, count(*) FROM customer_field_values"
  "  WHERE sort_key IS NOT NULL GROUP BY field_key, sort_key;"
  "CREATE TRIGGER customer_field_counts_insert AFTER INSERT ON customer_field_values"
  "  WHEN new.sort_key IS NOT NULL BEGIN"
  "  INSERT INTO customer_field_counts (field_key, sort_key, n)"
  "    VALUES (new.field_key, new.sort_key, 1)"
  "    ON CONFLICT (field_key, sort_key) DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER customer_field_counts_delete AFTER DELETE ON customer_field_values"
  "  WHEN old.sort_key IS NOT NULL BEGIN"
  "  DELETE FROM customer_field_counts"
  "    WHERE field_key = old.field_key AND sort_key = old.sort_key AND n <= 1;"
  "  UPDATE customer_field_counts SET n = n - 1"
  "    WHERE field_key = old.field_key AND sort_key = old.sort_key;"
  "END;"
  "CREATE TRIGGER customer_field_counts_update"
  "  AFTER UPDATE OF field_key, sort_key ON customer_field_values"
  "  WHEN old.field_key IS NOT new.field_key OR old.sort_key IS NOT new.sort_key BEGIN"
  "  DELETE FROM customer_field_counts"
  "    WHERE field_key = old.field_key AND sort_key = old.sort_key AND n <= 1;"
  "  UPDATE customer_field_counts SET n = n - 1"
  "    WHERE field_key = old.field_key AND sort_key = old.sort_key;"
  "  INSERT INTO customer_field_counts (field_key, sort_key, n)"
  "    SELECT new.field_key, new.sort_key, 1 WHERE new.sort_key IS NOT NULL"
  "    ON CONFLICT (field_key, sort_key) DO UPDATE SET n = n + 1;"
  "END;"

  "CREATE TABLE customer_group_counts ("
  "  group_code TEXT PRIMARY KEY,"
  "  n INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO customer_group_counts (group_code, n)"
  "  SELECT group_code, count(*) FROM customer_groups GROUP BY group_code;"
  "CREATE TRIGGER customer_group_counts_insert AFTER INSERT ON customer_groups BEGIN"
  "  INSERT INTO customer_group_counts (group_code, n) VALUES (new.group_code, 1)"
  "    ON CONFLICT (group_code) DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER customer_group_counts_delete AFTER DELETE ON customer_groups BEGIN"
  "  DELETE FROM customer_group_counts WHERE group_code = old.group_code AND n <= 1;"
  "  UPDATE customer_group_counts SET n = n - 1 WHERE group_code = old.group_code;"
  "END;"
  "CREATE TRIGGER customer_group_counts_update AFTER UPDATE OF group_code ON customer_groups"
  "  WHEN old.group_code IS NOT new.group_code BEGIN"
  "  DELETE FROM customer_group_counts WHERE group_code = old.group_code AND n <= 1;"
  "  UPDATE customer_group_counts SET n = n - 1 WHERE group_code = old.group_code;"
  "  INSERT INTO customer_group_counts (group_code, n) VALUES (new.group_code, 1)"
  "    ON CONFLICT (group_code) DO UPDATE SET n = n + 1;"
  "END;";

/* Version 8: cheaper searches at a million customers.
 * - customer_prefix_counts: how many customers each 1–2 character prefix
 *   of customer_prefixes holds, kept by triggers on that table (through
 *   every write: its own triggers fill and empty it). A search of one
 *   letter counted ~200,000 index entries (~20 ms); it reads one row now.
 *   A count reaching 0 leaves the table.
 * - The search index gets a prefix index of 4 characters: "fran" merged
 *   the lists of ~230 words (~60,000 entries with their positions), 3–4
 *   times the cost of reading one list. It is made again from the listed
 *   customers (FTS5 cannot add a prefix index to an existing table); that
 *   also drops what erased customers left in unmerged segments. */
static const char schema_v8[] =
  "CREATE TABLE customer_prefix_counts ("
  "  prefix TEXT PRIMARY KEY,"
  "  n INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO customer_prefix_counts (prefix, n)"
  "  SELECT prefix, count(*) FROM customer_prefixes GROUP BY prefix;"
  "CREATE TRIGGER customer_prefix_counts_insert AFTER INSERT ON customer_prefixes BEGIN"
  "  INSERT INTO customer_prefix_counts (prefix, n) VALUES (new.prefix, 1)"
  "    ON CONFLICT (prefix) DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER customer_prefix_counts_delete AFTER DELETE ON customer_prefixes BEGIN"
  "  DELETE FROM customer_prefix_counts WHERE prefix = old.prefix AND n <= 1;"
  "  UPDATE customer_prefix_counts SET n = n - 1 WHERE prefix = old.prefix;"
  "END;"

  "DROP TABLE customers_fts;"
  "CREATE VIRTUAL TABLE customers_fts USING fts5 ("
  "  search_text,"
  "  content = 'customers', content_rowid = 'pk',"
  "  tokenize = 'unicode61',"
  "  prefix = '1 2 3 4'"
  ");"
  "INSERT INTO customers_fts (rowid, search_text)"
  "  SELECT pk, search_text FROM customers WHERE listed;";

/* Version 9: counts of a group and a custom field value together. At a
 * million customers, "Newsletter" (250,000 members) and a yes/no field
 * at "yes" (500,000) read both lists in full to count the 125,000 that
 * have both, 190–240 ms each time the filter was chosen.
 * customer_group_field_counts holds how many members of each group have
 * each (field, sort key), for the fields of few values: yes/no (type 2)
 * and choice lists (type 4), so that it stays as small as groups × fields
 * × choices. Triggers keep it exact through every write as those of
 * version 7 do: a membership added or removed counts the member's values,
 * a value written or dropped counts the customer's groups, so each
 * (membership, value) pair is counted once whichever of the two comes or
 * goes first (a cascade from the customer, a group or a field drops
 * both). Only adding looks at the field's type (dropping needs no type:
 * a field of other types has no entry), and a field whose type changes
 * (the store refuses that while it has values) is counted again. A count
 * reaching 0 leaves the table; pending deletions are in the counts, as in
 * the others. A membership's triggers decrement first and then drop the
 * group's counts that reached 0 (a group holds fields × choices of them):
 * the member's values are listed once, not twice (deleting 25,000
 * memberships at 100,000 customers: 1.2 s → 0.8 s). */
static const char schema_v9[] =
  "CREATE TABLE customer_group_field_counts ("
  "  group_code TEXT NOT NULL,"
  "  field_key TEXT NOT NULL,"
  "  sort_key NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (group_code, field_key, sort_key)"
  ") WITHOUT ROWID;"
  "INSERT INTO customer_group_field_counts (group_code, field_key, sort_key, n)"
  "  SELECT g.group_code, v.field_key, v.sort_key, count(*)"
  "  FROM custom_fields f"
  "  CROSS JOIN customer_field_values v ON v.field_key = f.key"
  "  CROSS JOIN customer_groups g ON g.customer_pk = v.customer_pk"
  "  WHERE f.type IN (2, 4) AND v.sort_key IS NOT NULL"
  "  GROUP BY g.group_code, v.field_key, v.sort_key;"

  "CREATE TRIGGER customer_group_field_counts_join AFTER INSERT ON customer_groups BEGIN"
  "  INSERT INTO customer_group_field_counts (group_code, field_key, sort_key, n)"
  "    SELECT new.group_code, v.field_key, v.sort_key, 1"
  "    FROM customer_field_values v JOIN custom_fields f ON f.key = v.field_key"
  "    WHERE v.customer_pk = new.customer_pk AND v.sort_key IS NOT NULL AND f.type IN (2, 4)"
  "    ON CONFLICT (group_code, field_key, sort_key) DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER customer_group_field_counts_leave AFTER DELETE ON customer_groups BEGIN"
  "  UPDATE customer_group_field_counts SET n = n - 1"
  "    WHERE group_code = old.group_code AND (field_key, sort_key) IN"
  "      (SELECT field_key, sort_key FROM customer_field_values WHERE customer_pk = old.customer_pk);"
  "  DELETE FROM customer_group_field_counts WHERE group_code = old.group_code AND n <= 0;"
  "END;"
  "CREATE TRIGGER customer_group_field_counts_move AFTER UPDATE OF group_code, customer_pk"
  "  ON customer_groups"
  "  WHEN old.group_code IS NOT new.group_code OR old.customer_pk IS NOT new.customer_pk BEGIN"
  "  UPDATE customer_group_field_counts SET n = n - 1"
  "    WHERE group_code = old.group_code AND (field_key, sort_key) IN"
  "      (SELECT field_key, sort_key FROM customer_field_values WHERE customer_pk = old.customer_pk);"
  "  DELETE FROM customer_group_field_counts WHERE group_code = old.group_code AND n <= 0;"
  "  INSERT INTO customer_group_field_counts (group_code, field_key, sort_key, n)"
  "    SELECT new.group_code, v.field_key, v.sort_key, 1"
  "    FROM customer_field_values v JOIN custom_fields f ON f.key = v.field_key"
  "    WHERE v.customer_pk = new.customer_pk AND v.sort_key IS NOT NULL AND f.type IN (2, 4)"
  "    ON CONFLICT (group_code, field_key, sort_key) DO UPDATE SET n = n + 1;"
  "END;"

  "CREATE TRIGGER customer_group_field_counts_insert AFTER INSERT ON customer_field_values"
  "  WHEN new.sort_key IS NOT NULL BEGIN"
  "  INSERT INTO customer_group_field_counts (group_code, field_key, sort_key, n)"
  "    SELECT g.group_code, new.field_key, new.sort_key, 1 FROM customer_groups g"
  "    WHERE g.customer_pk = new.customer_pk"
  "      AND (SELECT type FROM custom_fields WHERE key = new.field_key) IN (2, 4)"
  "    ON CONFLICT (group_code, field_key, sort_key) DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER customer_group_field_counts_delete AFTER DELETE ON customer_field_values"
  "  WHEN old.sort_key IS NOT NULL BEGIN"
  "  DELETE FROM customer_group_field_counts"
  "    WHERE field_key = old.field_key AND sort_key = old.sort_key AND n <= 1 AND group_code IN"
  "      (SELECT group_code FROM customer_groups WHERE customer_pk = old.customer_pk);"
  "  UPDATE customer_group_field_counts SET n = n - 1"
  "    WHERE field_key = old.field_key AND sort_key = old.sort_key AND group_code IN"
  "      (SELECT group_code FROM customer_groups WHERE customer_pk = old.customer_pk);"
  "END;"
  "CREATE TRIGGER customer_group_field_counts_update"
  "  AFTER UPDATE OF customer_pk, field_key, sort_key ON customer_field_values"
  "  WHEN old.customer_pk IS NOT new.customer_pk OR old.field_key IS NOT new.field_key"
  "    OR old.sort_key IS NOT new.sort_key BEGIN"
  "  DELETE FROM customer_group_field_counts"
  "    WHERE field_key = old.field_key AND sort_key = old.sort_key AND n <= 1 AND group_code IN"
  "      (SELECT group_code FROM customer_groups WHERE customer_pk = old.customer_pk);"
  "  UPDATE customer_group_field_counts SET n = n - 1"
  "    WHERE field_key = old.field_key AND sort_key = old.sort_key AND group_code IN"
  "      (SELECT group_code FROM customer_groups WHERE customer_pk = old.customer_pk);"
  "  INSERT INTO customer_group_field_counts (group_code, field_key, sort_key, n)"
  "    SELECT g.group_code, new.field_key, new.sort_key, 1 FROM customer_groups g"
  "    WHERE g.customer_pk = new.customer_pk AND new.sort_key IS NOT NULL"
  "      AND (SELECT type FROM custom_fields WHERE key = new.field_key) IN (2, 4)"
  "    ON CONFLICT (group_code, field_key, sort_key) DO UPDATE SET n = n + 1;"
  "END;"

  "CREATE TRIGGER customer_group_field_counts_retype AFTER UPDATE OF type ON custom_fields"
  "  WHEN old.type IS NOT new.type BEGIN"
  "  DELETE FROM customer_group_field_counts WHERE field_key = new.key;"
  "  INSERT INTO customer_group_field_counts (group_code, field_key, sort_key, n)"
  "    SELECT g.group_code, v.field_key, v.sort_key, count(*)"
  "    FROM customer_field_values v CROSS JOIN customer_groups g ON g.customer_pk = v.customer_pk"
  "    WHERE v.field_key = new.key AND v.sort_key IS NOT NULL AND new.type IN (2, 4)"
  "    GROUP BY g.group_code, v.field_key, v.sort_key;"
  "END;";

/* Version 10: each group's members as a bitmap of 64-bit words, the
 * bits of the customers (pk >> 6, bit pk & 63) a word covers. A group
 * with a custom field condition (or a search) intersects its members
 * with the other conditions' matches: at a million customers that read
 * all of "Newsletter" (250,000 entries of customer_groups_by_group),
 * ~200 M instructions, where its ~15,600 words are a sixteenth of the
 * steps. Triggers keep the words exact through every write, cascades
 * included (a deleted or renamed group, a deleted customer); a word
 * reaching 0 leaves the table. The words of a word's members are
 * distinct bits, so their sum is their OR (and no partial sum
 * overflows: only bit 63 is negative). */
static const char schema_v10[] =
  "CREATE TABLE customer_group_words ("
  "  group_code TEXT NOT NULL,"
  "  word INTEGER NOT NULL,"
  "  bits INTEGER NOT NULL,"
  "  PRIMARY KEY (group_code, word)"
  ") WITHOUT ROWID;"
  "INSERT INTO customer_group_words (group_code, word, bits)"
  "  SELECT group_code, customer_pk >> 6, sum (1 << (customer_pk & 63)) FROM customer_groups"
  "  GROUP BY group_code, customer_pk >> 6;"
  "CREATE TRIGGER customer_group_words_insert AFTER INSERT ON customer_groups BEGIN"
  "  INSERT INTO customer_group_words (group_code, word, bits)"
  "    VALUES (new.group_code, new.customer_pk >> 6, 1 << (new.customer_pk & 63))"
  "    ON CONFLICT (group_code, word) DO UPDATE SET bits = bits | excluded.bits;"
  "END;"
  "CREATE TRIGGER customer_group_words_delete AFTER DELETE ON customer_groups BEGIN"
  "  UPDATE customer_group_words SET bits = bits & ~(1 << (old.customer_pk & 63))"
  "    WHERE group_code = old.group_code AND word = old.customer_pk >> 6;"
  "  DELETE FROM customer_group_words"
  "    WHERE group_code = old.group_code AND word = old.customer_pk >> 6 AND bits = 0;"
  "END;"
  "CREATE TRIGGER customer_group_words_update AFTER UPDATE OF group_code, customer_pk"
  "  ON customer_groups"
  "  WHEN old.group_code IS NOT new.group_code OR old.customer_pk IS NOT new.customer_pk BEGIN"
  "  UPDATE customer_group_words SET bits = bits & ~(1 << (old.customer_pk & 63))"
  "    WHERE group_code = old.group_code AND word = old.customer_pk >> 6;"
  "  DELETE FROM customer_group_words"
  "    WHERE group_code = old.group_code AND word = old.customer_pk >> 6 AND bits = 0;"
  "  INSERT INTO customer_group_words (group_code, word, bits)"
  "    VALUES (new.group_code, new.customer_pk >> 6, 1 << (new.customer_pk & 63))"
  "    ON CONFLICT (group_code, word) DO UPDATE SET bits = bits | excluded.bits;"
  "END;";

/* Version 11: customer_field_counts summed by bucket of sort keys, so a
 * range of many distinct values is counted from few entries. At a million
 * customers f03 "Member 0" summed 100,000 counts (~78 M instructions),
 * a number field >= 5000 50,000 (~34 M). A sort key's bucket is its
 * integer part (numbers) or its first 10 characters (text; dates are whole
 * then): a function that never decreases as the key grows, so the keys of
 * the buckets strictly between those of a range's two ends lie inside the
 * range, and only the values of the two end buckets are read one by one
 * (clt-sqlite-store-counts.c). Kept by triggers on customer_field_counts,
 * which its own triggers keep through every write; a bucket reaching 0
 * leaves the table. */
static const char schema_v11[] =
  "CREATE TABLE customer_field_buckets ("
  "  field_key TEXT NOT NULL,"
  "  bucket NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (field_key, bucket)"
  ") WITHOUT ROWID;"
  "INSERT INTO customer_field_buckets (field_key, bucket, n)"
  "  SELECT field_key, CASE WHEN typeof (sort_key) IN ('integer', 'real') THEN CAST (sort_key AS INTEGER) ELSE substr (sort_key, 1, 10) END, sum (n) FROM customer_field_counts"
  "  GROUP BY 1, 2;"
  "CREATE TRIGGER customer_field_buckets_insert AFTER INSERT ON customer_field_counts BEGIN"
  "  INSERT INTO customer_field_buckets (field_key, bucket, n)"
  "    VALUES (new.field_key, CASE WHEN typeof (new.sort_key) IN ('integer', 'real') THEN CAST (new.sort_key AS INTEGER) ELSE substr (new.sort_key, 1, 10) END, new.n)"
  "    ON CONFLICT (field_key, bucket) DO UPDATE SET n = n + excluded.n;"
  "END;"
  "CREATE TRIGGER customer_field_buckets_delete AFTER DELETE ON customer_field_counts BEGIN"
  "  UPDATE customer_field_buckets SET n = n - old.n"
  "    WHERE field_key = old.field_key AND bucket = CASE WHEN typeof (old.sort_key) IN ('integer', 'real') THEN CAST (old.sort_key AS INTEGER) ELSE substr (old.sort_key, 1, 10) END;"
  "  DELETE FROM customer_field_buckets"
  "    WHERE field_key = old.field_key AND bucket = CASE WHEN typeof (old.sort_key) IN ('integer', 'real') THEN CAST (old.sort_key AS INTEGER) ELSE substr (old.sort_key, 1, 10) END AND n <= 0;"
  "END;"
  "CREATE TRIGGER customer_field_buckets_update AFTER UPDATE ON customer_field_counts BEGIN"
  "  UPDATE customer_field_buckets SET n = n - old.n"
  "    WHERE field_key = old.field_key AND bucket = CASE WHEN typeof (old.sort_key) IN ('integer', 'real') THEN CAST (old.sort_key AS INTEGER) ELSE substr (old.sort_key, 1, 10) END;"
  "  DELETE FROM customer_field_buckets"
  "    WHERE field_key = old.field_key AND bucket = CASE WHEN typeof (old.sort_key) IN ('integer', 'real') THEN CAST (old.sort_key AS INTEGER) ELSE substr (old.sort_key, 1, 10) END AND n <= 0;"
  "  INSERT INTO customer_field_buckets (field_key, bucket, n)"
  "    VALUES (new.field_key, CASE WHEN typeof (new.sort_key) IN ('integer', 'real') THEN CAST (new.sort_key AS INTEGER) ELSE substr (new.sort_key, 1, 10) END, new.n)"
  "    ON CONFLICT (field_key, bucket) DO UPDATE SET n = n + excluded.n;"
  "END;";

/* Version 12: deleting a custom field marks it (purging = 1) in a short
 * transaction; the upkeep then deletes its values in small batches, each
 * a transaction of its own, and the field's row last
 * (clt-sql-store-purge.c). At a million customers the single delete held
 * the write lock for ~40 s. A field being purged is left out of every
 * read, and its key cannot be taken again until the purge is done. */
static const char schema_v12[] =
  "ALTER TABLE custom_fields ADD COLUMN purging INTEGER NOT NULL DEFAULT 0;";

/* Version 13: each group's members' custom field values, by group,
 * field and sort key. A group and a custom field condition read the
 * group's members (as words) and the field's matches in full to
 * intersect them: at a million customers "b2b" and a date >= 2020-01-01
 * read ~15,000 words and 57,832 values (~6 ms of CPU) for ~3,000
 * customers that have both, which one range of this table lists alone.
 * Every type of field, unlike customer_group_field_counts: a member's
 * value is one row per group of theirs (7.5 M rows, ~240 MB at a million
 * customers of 20 fields, in ~2.3 groups each). Triggers keep it exact
 * as those of version 9 do: a membership added or removed adds or drops
 * the member's values, a value written or dropped those of the
 * customer's groups, so each (membership, value) pair comes and goes
 * once whichever of the two goes first (a cascade from the customer, a
 * group or a field drops both; a renamed group or field cascades as an
 * update). Values without a sort key (none is written so) are left out,
 * as from the counts. Filled from the memberships (each a seek into
 * the member's values; 400,000 of them at a million customers, where
 * the values are 18.7 M), sorted: inserting in key order appends to the
 * b-tree instead of splitting pages at random (without: 3 times the
 * time at 100,000 customers). */
static const char schema_v13[] =
  "CREATE TABLE customer_group_field_values ("
  "  group_code TEXT NOT NULL,"
  "  field_key TEXT NOT NULL,"
  "  sort_key NOT NULL,"
  "  customer_pk INTEGER NOT NULL,"
  "  PRIMARY KEY (group_code, field_key, sort_key, customer_pk)"
  ") WITHOUT ROWID;"
  "INSERT INTO customer_group_field_values (group_code, field_key, sort_key, customer_pk)"
  "  SELECT g.group_code, v.field_key, v.sort_key, v.customer_pk"
  "  FROM customer_groups g CROSS JOIN customer_field_values v ON v.customer_pk = g.customer_pk"
  "  WHERE v.sort_key IS NOT NULL"
  "  ORDER BY 1, 2, 3, 4;"

  "CREATE TRIGGER customer_group_field_values_join AFTER INSERT ON customer_groups BEGIN"
  "  INSERT INTO customer_group_field_values (group_code, field_key, sort_key, customer_pk)"
  "    SELECT new.group_code, field_key, sort_key, customer_pk FROM customer_field_values"
  "    WHERE customer_pk = new.customer_pk AND sort_key IS NOT NULL;"
  "END;"
  "CREATE TRIGGER customer_group_field_values_leave AFTER DELETE ON customer_groups BEGIN"
  "  DELETE FROM customer_group_field_values"
  "    WHERE group_code = old.group_code AND (field_key, sort_key, customer_pk) IN"
  "      (SELECT field_key, sort_key, customer_pk FROM customer_field_values"
  "       WHERE customer_pk = old.customer_pk AND sort_key IS NOT NULL);"
  "END;"
  "CREATE TRIGGER customer_group_field_values_move AFTER UPDATE OF group_code, customer_pk"
  "  ON customer_groups"
  "  WHEN old.group_code IS NOT new.group_code OR old.customer_pk IS NOT new.customer_pk BEGIN"
  "  DELETE FROM customer_group_field_values"
  "    WHERE group_code = old.group_code AND (field_key, sort_key, customer_pk) IN"
  "      (SELECT field_key, sort_key, customer_pk FROM customer_field_values"
  "       WHERE customer_pk = old.customer_pk AND sort_key IS NOT NULL);"
  "  INSERT INTO customer_group_field_values (group_code, field_key, sort_key, customer_pk)"
  "    SELECT new.group_code, field_key, sort_key, customer_pk FROM customer_field_values"
  "    WHERE customer_pk = new.customer_pk AND sort_key IS NOT NULL;"
  "END;"

  "CREATE TRIGGER customer_group_field_values_insert AFTER INSERT ON customer_field_values"
  "  WHEN new.sort_key IS NOT NULL BEGIN"
  "  INSERT INTO customer_group_field_values (group_code, field_key, sort_key, customer_pk)"
  "    SELECT group_code, new.field_key, new.sort_key, new.customer_pk FROM customer_groups"
  "    WHERE customer_pk = new.customer_pk;"
  "END;"
  "CREATE TRIGGER customer_group_field_values_delete AFTER DELETE ON customer_field_values"
  "  WHEN old.sort_key IS NOT NULL BEGIN"
  "  DELETE FROM customer_group_field_values"
  "    WHERE group_code IN (SELECT group_code FROM customer_groups WHERE customer_pk = old.customer_pk)"
  "      AND field_key = old.field_key AND sort_key = old.sort_key AND customer_pk = old.customer_pk;"
  "END;"
  "CREATE TRIGGER customer_group_field_values_update"
  "  AFTER UPDATE OF customer_pk, field_key, sort_key ON customer_field_values"
  "  WHEN old.customer_pk IS NOT new.customer_pk OR old.field_key IS NOT new.field_key"
  "    OR old.sort_key IS NOT new.sort_key BEGIN"
  "  DELETE FROM customer_group_field_values"
  "    WHERE group_code IN (SELECT group_code FROM customer_groups WHERE customer_pk = old.customer_pk)"
  "      AND field_key = old.field_key AND sort_key = old.sort_key AND customer_pk = old.customer_pk;"
  "  INSERT INTO customer_group_field_values (group_code, field_key, sort_key, customer_pk)"
  "    SELECT group_code, new.field_key, new.sort_key, new.customer_pk FROM customer_groups"
  "    WHERE customer_pk = new.customer_pk AND new.sort_key IS NOT NULL;"
  "END;";

/* Forward steps: step N brings version N-1 to N. Append, never edit a
 * step that has shipped. */
static const CltSqlMigrationStep steps[] = {
  { 1, schema_v1 },
  { 2, schema_v2 },
  { 3, schema_v3 },
  { 4, schema_v4 },
  { 5, schema_v5 },
  { 6, schema_v6 },
  { 7, schema_v7 },
  { 8, schema_v8 },
  { 9, schema_v9 },
  { 10, schema_v10 },
  { 11, schema_v11 },
  { 12, schema_v12 },
  { 13, schema_v13 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == CLT_SQLITE_SCHEMA_VERSION);

static char *
record_version (int version)
{
  return g_strdup_printf ("PRAGMA user_version = %d;", version);
}

static gboolean
migrate_to (sqlite3  *db,
            int       from_version,
            int       to_version,
            GError  **error)
{
  return sql_migrate (&clt_sqlite_engine, (CltSqlDb *) db, steps, G_N_ELEMENTS (steps),
                      from_version, to_version, record_version, error);
}

gboolean
clt_sqlite_schema_migrate (sqlite3  *db,
                           int       from_version,
                           GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (from_version >= 0, FALSE);

  return migrate_to (db, from_version, CLT_SQLITE_SCHEMA_VERSION, error);
}

/* The expected schema {{{ */

static GPtrArray *expected[CLT_SQLITE_SCHEMA_VERSION + 1];
static GMutex expected_lock;

static void
schema_object_free (CltSqliteSchemaObject *object)
{
  g_free (object->type);
  g_free (object->name);
  g_free (object->table);
  g_free (object->sql);
  g_free (object);
}

/* Lists sqlite_schema of @db, ordered by name, leaving out the tables
 * SQLite itself adds as it works (statistics of ANALYZE / PRAGMA optimize
 * and the AUTOINCREMENT counters). */
static GPtrArray *
list_schema (sqlite3  *db,
             char    **problem)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) schema_object_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT type, name, tbl_name, sql FROM sqlite_schema"
                           " WHERE name NOT IN ('sqlite_stat1', 'sqlite_stat4', 'sqlite_sequence')"
                           " ORDER BY name, type",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK || rc == SQLITE_ROW)
    {
      CltSqliteSchemaObject *object;

      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        break;
      object = g_new0 (CltSqliteSchemaObject, 1);

      object->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      object->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      object->table = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      object->sql = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (objects, object);
    }
  if (rc != SQLITE_DONE)
    {
      *problem = g_strdup (sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);
  return g_steal_pointer (&objects);
}

const GPtrArray *
clt_sqlite_schema_expected (int version)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (version >= 0 && version <= CLT_SQLITE_SCHEMA_VERSION, NULL);

  locker = g_mutex_locker_new (&expected_lock);
  if (expected[version] == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *problem = NULL;
      sqlite3 *db = NULL;

      /* The schema is what the migrations build, run on an empty database
       * in memory: the compiled-in SQL, never text read from a file. */
      if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
          !migrate_to (db, 0, version, &error) ||
          (expected[version] = list_schema (db, &problem)) == NULL)
        g_error ("The schema of version %d cannot be built: %s", version,
                 error != NULL ? error->message : problem != NULL ? problem : sqlite3_errmsg (db));
      sqlite3_close_v2 (db);
    }

  return expected[version];
}

const CltSqliteSchemaObject *
clt_sqlite_schema_lookup (int         version,
                          const char *name)
{
  const GPtrArray *objects = clt_sqlite_schema_expected (version);

  for (guint i = 0; i < objects->len; i++)
    {
      const CltSqliteSchemaObject *object = g_ptr_array_index (objects, i);

      if (g_strcmp0 (object->name, name) == 0)
        return object;
    }

  return NULL;
}

static gboolean
same_object (const CltSqliteSchemaObject *a,
             const CltSqliteSchemaObject *b)
{
  return g_strcmp0 (a->type, b->type) == 0 && g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->table, b->table) == 0 && g_strcmp0 (a->sql, b->sql) == 0;
}

gboolean
clt_sqlite_schema_verify (sqlite3  *db,
                          int       version,
                          char    **problem)
{
  g_autoptr(GPtrArray) found = NULL;
  const GPtrArray *want;
  guint i;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (problem != NULL && *problem == NULL, FALSE);

  if (version < 0 || version > CLT_SQLITE_SCHEMA_VERSION)
    {
      *problem = g_strdup_printf ("unknown version %d", version);
      return FALSE;
    }

  found = list_schema (db, problem);
  if (found == NULL)
    return FALSE;
  want = clt_sqlite_schema_expected (version);

  /* Both lists are ordered by name: name the first difference. */
  for (i = 0; i < found->len && i < want->len; i++)
    {
      const CltSqliteSchemaObject *f = g_ptr_array_index (found, i);
      const CltSqliteSchemaObject *w = g_ptr_array_index (want, i);

      if (!same_object (f, w))
        {
          if (g_strcmp0 (f->name, w->name) == 0)
            *problem = g_strdup_printf ("%s “%s” was changed", f->type, f->name);
          else if (clt_sqlite_schema_lookup (version, f->name) == NULL)
            *problem = g_strdup_printf ("%s “%s”", f->type, f->name);
          else
            *problem = g_strdup_printf ("%s “%s” is missing", w->type, w->name);
          return FALSE;
        }
    }
  if (i < found->len)
    {
      const CltSqliteSchemaObject *f = g_ptr_array_index (found, i);

      *problem = g_strdup_printf ("%s “%s”", f->type, f->name);
      return FALSE;
    }
  if (i < want->len)
    {
      const CltSqliteSchemaObject *w = g_ptr_array_index (want, i);

      *problem = g_strdup_printf ("%s “%s” is missing", w->type, w->name);
      return FALSE;
    }

  return TRUE;
}

/* }}} */
