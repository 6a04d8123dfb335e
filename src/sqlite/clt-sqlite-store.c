/* clt-sqlite-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "clt-address.h"
#include "clt-backoffice-user.h"
#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer.h"
#include "clt-customer-number.h"
#include "clt-email.h"
#include "clt-enum-types.h"
#include "clt-group.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-password.h"
#include "clt-query.h"
#include "clt-sample-generator.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"
#include "clt-sqlite-schema.h"
#include "clt-sqlite-store.h"
#include "clt-validate.h"

/* Threading: every operation runs in a GTask thread. Reads take one of a
 * few read-only connections from an async queue; writes serialize on the
 * single write connection. In WAL mode readers see the last committed state
 * and never wait for a writer, so the table keeps scrolling while sample
 * data loads. Connections are opened NOMUTEX: the queue and the mutex make
 * sure that each is used by one thread at a time. */

#define N_SAMPLE_BATCH     10000
#define BUSY_TIMEOUT_MS    5000
#define QUICK_CHECK_LIMIT  (16 * 1024 * 1024)
#define MAX_COUNT_CACHE    64

typedef struct
{
  sqlite3    *db;
  /* Counts by filter, valid while PRAGMA data_version stays the same
   * (it changes when another connection commits). */
  GHashTable *counts;
  gint64      data_version;
} Reader;

struct _CltSqliteStore
{
  GObject      parent_instance;

  char        *path;
  gboolean     read_only;

  GMutex       write_lock;
  sqlite3     *write_db;          /* NULL when read-only */

  GAsyncQueue *idle_readers;
  GPtrArray   *readers;           /* every Reader, for finalize */
};

static void clt_sqlite_store_initable_iface_init (GInitableIface    *iface);
static void clt_sqlite_store_store_iface_init    (CltStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CltSqliteStore, clt_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      clt_sqlite_store_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_ASYNC_INITABLE, NULL)
                               G_IMPLEMENT_INTERFACE (CLT_TYPE_STORE,
                                                      clt_sqlite_store_store_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS,

  PROP_READ_ONLY = N_PROPS,
  PROP_LOCATION,
};

static GParamSpec *properties[N_PROPS];

/* The columns every customer read selects, in this order (see
 * read_customer ()). */
#define CUSTOMER_COLUMNS \
  "c.pk, c.id, c.number, c.email, c.salutation, c.title, c.first_name, c.middle_name," \
  " c.last_name, c.gender, c.date_of_birth, c.phone, c.company, c.locale, c.currency," \
  " c.preferred_site, c.restriction, c.active, c.on_hold, c.verified, c.registered," \
  " c.updated, c.last_login, c.anonymized_at, c.default_billing_address," \
  " c.default_shipping_address, c.zip_code, c.city, c.country, c.company_id," \
  " c.business_unit, c.roles, c.version"

enum {
  COL_PK, COL_ID, COL_NUMBER, COL_EMAIL, COL_SALUTATION, COL_TITLE, COL_FIRST_NAME,
  COL_MIDDLE_NAME, COL_LAST_NAME, COL_GENDER, COL_DATE_OF_BIRTH, COL_PHONE, COL_COMPANY,
  COL_LOCALE, COL_CURRENCY, COL_PREFERRED_SITE, COL_RESTRICTION, COL_ACTIVE, COL_ON_HOLD,
  COL_VERIFIED, COL_REGISTERED, COL_UPDATED, COL_LAST_LOGIN, COL_ANONYMIZED_AT,
  COL_DEFAULT_BILLING, COL_DEFAULT_SHIPPING, COL_ZIP_CODE, COL_CITY, COL_COUNTRY,
  COL_COMPANY_ID, COL_BUSINESS_UNIT, COL_ROLES, COL_VERSION,
};

/* Indexed column per CltSortKey (each indexed as (listed, column); see
 * clt-sqlite-schema.c). */
static const char * const sort_columns[CLT_N_SORT_KEYS] = {
  [CLT_SORT_KEY_NUMBER]     = "c.number_key",
  [CLT_SORT_KEY_REGISTERED] = "c.registered",
  [CLT_SORT_KEY_EMAIL]      = "c.email_key",
  [CLT_SORT_KEY_LAST_NAME]  = "c.last_name_key",
  [CLT_SORT_KEY_FIRST_NAME] = "c.first_name_key",
  [CLT_SORT_KEY_COMPANY]    = "c.company_key",
  [CLT_SORT_KEY_ZIP_CODE]   = "c.zip_key",
  [CLT_SORT_KEY_CITY]       = "c.city_key",
  [CLT_SORT_KEY_COUNTRY]    = "c.country",
  [CLT_SORT_KEY_STATUS]     = "c.status_rank",
  [CLT_SORT_KEY_SITE]       = "c.preferred_site",
};

/* Sites and groups that sample data refers to. */
static const struct
{
  const char *code, *name, *url, *currency, *locale;
} sample_sites[] = {
  { "de-shop", "Germany",        "https://de.shop.example/", "EUR", "de_DE" },
  { "at-shop", "Austria",        "https://at.shop.example/", "EUR", "de_AT" },
  { "ch-shop", "Switzerland",    "https://ch.shop.example/", "CHF", "de_CH" },
  { "fr-shop", "France",         "https://fr.shop.example/", "EUR", "fr_FR" },
  { "uk-shop", "United Kingdom", "https://uk.shop.example/", "GBP", "en_GB" },
  { "us-shop", "United States",  "https://us.shop.example/", "USD", "en_US" },
  { "eu-shop", "Europe",         "https://eu.shop.example/", "EUR", "en_IE" },
};

static const struct
{
  const char *code, *name, *description;
} sample_groups[] = {
  { "retail",     "Retail",      "Private customers buying at list prices." },
  { "wholesale",  "Wholesale",   "Resellers with volume prices." },
  { "vip",        "VIP",         "Customers with free express shipping." },
  { "newsletter", "Newsletter",  "Subscribed to the monthly newsletter." },
  { "b2b",        "Business",    "Company accounts buying on invoice." },
};

/* Errors {{{ */

static gboolean
rc_is_corrupt (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

static void
set_db_error (CltSqliteStore *self,
              GError        **error,
              sqlite3        *db,
              int             rc)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  g_autofree char *name = g_filename_display_basename (self->path);

  switch (rc & 0xff)
    {
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s)."), name, detail);
      break;

    case SQLITE_READONLY:
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY,
                   _("The database “%s” is read-only."), name);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE,
                   _("The database “%s” is busy. Try again in a moment."), name);
      break;

    case SQLITE_FULL:
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("The disk holding “%s” is full."), name);
      break;

    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT,
                     _("An entry with the same key already exists (%s)."), detail);
      else
        g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID,
                     _("The change was refused by the database (%s)."), detail);
      break;

    default:
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("The database “%s” could not be used: %s"), name, detail);
      break;
    }
}

static gboolean
exec_sql (CltSqliteStore *self,
          sqlite3        *db,
          const char     *sql,
          GError        **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

static sqlite3_stmt *
prepare (CltSqliteStore *self,
         sqlite3        *db,
         const char     *sql,
         GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_db_error (self, error, db, rc);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* }}} */

/* Values {{{ */

static void
bind_text (sqlite3_stmt *stmt,
           int           idx,
           const char   *text)
{
  sqlite3_bind_text (stmt, idx, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

static void
bind_static_text (sqlite3_stmt *stmt,
                  int           idx,
                  const char   *text)
{
  /* Only for strings that outlive the next sqlite3_step (). */
  sqlite3_bind_text (stmt, idx, text != NULL ? text : "", -1, SQLITE_STATIC);
}

static gint64
date_time_to_usec (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static GDateTime *
date_time_from_usec (gint64 usec)
{
  gint64 secs = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;
  g_autoptr(GDateTime) whole = NULL;

  if (rest < 0)
    {
      secs -= 1;
      rest += G_USEC_PER_SEC;
    }

  whole = g_date_time_new_from_unix_utc (secs);
  if (whole == NULL)
    return NULL;
  if (rest == 0)
    return g_steal_pointer (&whole);

  return g_date_time_add (whole, rest);
}

static void
bind_date_time (sqlite3_stmt *stmt,
                int           idx,
                GDateTime    *dt)
{
  if (dt == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_int64 (stmt, idx, date_time_to_usec (dt));
}

static GDateTime *
column_date_time (sqlite3_stmt *stmt,
                  int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;

  return date_time_from_usec (sqlite3_column_int64 (stmt, col));
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text != NULL ? text : "";
}

/* Lists (roles) are stored newline-separated. */
static char **
split_lines (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return g_new0 (char *, 1);

  return g_strsplit (text, "\n", -1);
}

static char *
join_lines (const char * const *strv)
{
  if (strv == NULL)
    return g_strdup ("");

  return g_strjoinv ("\n", (char **) strv);
}

static char *
make_random_id (guint n_chars)
{
  static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
  GString *str = g_string_sized_new (n_chars);

  for (guint i = 0; i < n_chars; i++)
    g_string_append_c (str, alphabet[g_random_int_range (0, 32)]);

  return g_string_free (str, FALSE);
}

/* }}} */

/* Connections {{{ */

static int
progress_cb (void *user_data)
{
  GCancellable *cancellable = user_data;

  /* Non-zero interrupts the running statement with SQLITE_INTERRUPT. */
  return g_cancellable_is_cancelled (cancellable) ? 1 : 0;
}

static void
watch_cancellable (sqlite3      *db,
                   GCancellable *cancellable)
{
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 4000, progress_cb, cancellable);
  else
    sqlite3_progress_handler (db, 0, NULL, NULL);
}

static void
reader_free (Reader *reader)
{
  sqlite3_close_v2 (reader->db);
  g_clear_pointer (&reader->counts, g_hash_table_unref);
  g_free (reader);
}

static Reader *
acquire_reader (CltSqliteStore *self,
                GCancellable   *cancellable)
{
  Reader *reader = g_async_queue_pop (self->idle_readers);

  watch_cancellable (reader->db, cancellable);
  return reader;
}

static void
release_reader (CltSqliteStore *self,
                Reader         *reader)
{
  watch_cancellable (reader->db, NULL);
  g_async_queue_push (self->idle_readers, reader);
}

static gint64
reader_data_version (Reader *reader)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (reader->db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

/* }}} */

/* Opening {{{ */

typedef enum
{
  PROBE_NEW,        /* missing or empty file */
  PROBE_OURS,
} ProbeResult;

static gboolean
set_not_a_database (CltSqliteStore *self,
                    GError        **error)
{
  g_autofree char *name = g_filename_display_name (self->path);

  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_A_DATABASE,
               _("“%s” is not a Clientele database."), name);
  return FALSE;
}

static gboolean
set_corrupt (CltSqliteStore *self,
             const char     *detail,
             GError        **error)
{
  g_autofree char *name = g_filename_display_name (self->path);

  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CORRUPT,
               _("The database “%s” is damaged (%s)."), name, detail);
  return FALSE;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Looks at the file without writing to it: the header bytes first, then a
 * read-only connection for the schema, application_id and user_version.
 * Whatever is refused here is left exactly as it was. */
static gboolean
probe_file (CltSqliteStore *self,
            ProbeResult    *result,
            int            *version,
            GError        **error)
{
  g_autofree char *wal_path = NULL;
  sqlite3 *db = NULL;
  GStatBuf st;
  guint8 header[100];
  guint32 page_size;
  guint32 page_count;
  gint64 app_id = 0;
  gint64 n_schema = 0;
  FILE *file;
  size_t n_read;
  int rc;

  *version = 0;

  if (g_stat (self->path, &st) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = NULL;

      if (saved_errno == ENOENT)
        {
          *result = PROBE_NEW;
          return TRUE;
        }

      name = g_filename_display_name (self->path);
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("“%s” could not be opened: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    return set_not_a_database (self, error);

  if (st.st_size == 0)
    {
      *result = PROBE_NEW;
      return TRUE;
    }

  file = g_fopen (self->path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (self->path);

      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("“%s” could not be opened: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  n_read = fread (header, 1, sizeof header, file);
  fclose (file);

  if (n_read < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return set_not_a_database (self, error);

  /* A truncated file: the header says how many pages there are (valid
   * when the "version-valid-for" number matches the change counter). With
   * a WAL file present the main file may legitimately lag behind. */
  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = read_be32 (header + 28);
  wal_path = g_strconcat (self->path, "-wal", NULL);
  if (read_be32 (header + 24) == read_be32 (header + 92) && page_count > 0 &&
      (gint64) page_count * page_size > st.st_size &&
      !g_file_test (wal_path, G_FILE_TEST_EXISTS))
    return set_corrupt (self, _("the file is shorter than its header says"), error);

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_stmt *stmt = NULL;

      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      rc = sqlite3_prepare_v2 (db,
                               "SELECT (SELECT count(*) FROM sqlite_schema),"
                               " (SELECT application_id FROM pragma_application_id),"
                               " (SELECT user_version FROM pragma_user_version)",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            {
              n_schema = sqlite3_column_int64 (stmt, 0);
              app_id = sqlite3_column_int64 (stmt, 1);
              *version = sqlite3_column_int (stmt, 2);
              rc = SQLITE_OK;
            }
        }
      sqlite3_finalize (stmt);
    }

  if (rc != SQLITE_OK)
    {
      g_autofree char *detail = g_strdup (db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));

      sqlite3_close_v2 (db);
      if ((rc & 0xff) == SQLITE_NOTADB)
        return set_not_a_database (self, error);
      if (rc_is_corrupt (rc))
        return set_corrupt (self, detail, error);

      {
        g_autofree char *name = g_filename_display_name (self->path);

        g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                     _("“%s” could not be opened: %s"), name, detail);
      }
      return FALSE;
    }

  if (app_id != CLT_SQLITE_APPLICATION_ID)
    {
      sqlite3_close_v2 (db);

      /* An empty SQLite file is ours to fill; anything else is someone
       * else's data. */
      if (app_id == 0 && n_schema == 0 && *version == 0)
        {
          *result = PROBE_NEW;
          return TRUE;
        }

      return set_not_a_database (self, error);
    }

  if (*version > CLT_SQLITE_SCHEMA_VERSION)
    {
      g_autofree char *name = g_filename_display_name (self->path);

      sqlite3_close_v2 (db);
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Clientele (database version %d; "
                     "this version knows up to %d)."),
                   name, *version, CLT_SQLITE_SCHEMA_VERSION);
      return FALSE;
    }

  /* A full integrity check would take seconds on a large file; small
   * files get one, large ones surface corruption on the query that meets
   * it. */
  if (st.st_size <= QUICK_CHECK_LIMIT)
    {
      sqlite3_stmt *stmt = NULL;
      g_autofree char *problem = NULL;

      rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *verdict = column_text (stmt, 0);

          if (g_strcmp0 (verdict, "ok") != 0)
            problem = g_strdup (verdict);
          rc = SQLITE_OK;
        }
      else if (problem == NULL)
        problem = g_strdup (sqlite3_errmsg (db));
      sqlite3_finalize (stmt);

      if (problem != NULL)
        {
          sqlite3_close_v2 (db);
          return set_corrupt (self, problem, error);
        }
    }

  sqlite3_close_v2 (db);
  *result = PROBE_OURS;
  return TRUE;
}

static gboolean
path_is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* WAL needs to create -wal and -shm next to the file. */
  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

static sqlite3 *
open_connection (CltSqliteStore *self,
                 const char     *filename,
                 int             flags,
                 GError        **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (filename, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      set_db_error (self, error, db, rc);
      sqlite3_close_v2 (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  return db;
}

static gboolean
open_writer (CltSqliteStore *self,
             GError        **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  db = open_connection (self, self->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (db == NULL)
    return FALSE;

  if (sqlite3_db_readonly (db, "main") == 1)
    {
      /* A read-only mount, or permissions that access () misjudged. */
      sqlite3_close_v2 (db);
      self->read_only = TRUE;
      return TRUE;
    }

  if (!exec_sql (self, db,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;",
                 error))
    goto fail;

  if (!exec_sql (self, db, "BEGIN IMMEDIATE", error))
    goto fail;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > CLT_SQLITE_SCHEMA_VERSION)
    {
      /* Another process upgraded it between the probe and now. */
      g_autofree char *name = g_filename_display_name (self->path);

      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Clientele."), name);
      goto fail;
    }

  if (version < CLT_SQLITE_SCHEMA_VERSION &&
      !clt_sqlite_schema_migrate (db, version, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto fail;
    }

  if (!exec_sql (self, db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto fail;
    }

  self->write_db = db;
  return TRUE;

fail:
  sqlite3_close_v2 (db);
  return FALSE;
}

static sqlite3 *
open_reader_connection (CltSqliteStore *self,
                        const char     *filename,
                        int             flags,
                        GError        **error)
{
  sqlite3 *db = open_connection (self, filename, SQLITE_OPEN_READONLY | flags, error);

  /* Fail now, not on the first page, when the file cannot be read. */
  if (db != NULL && !exec_sql (self, db, "SELECT count(*) FROM sqlite_schema", error))
    g_clear_pointer (&db, sqlite3_close_v2);

  return db;
}

static gboolean
open_readers (CltSqliteStore *self,
              GError        **error)
{
  guint n_readers = CLAMP (g_get_num_processors (), 2, 4);
  g_autofree char *uri = NULL;

  for (guint i = 0; i < n_readers; i++)
    {
      g_autoptr(GError) local_error = NULL;
      Reader *reader;
      sqlite3 *db;

      db = open_reader_connection (self, uri != NULL ? uri : self->path,
                                   uri != NULL ? SQLITE_OPEN_URI : 0, &local_error);

      /* A WAL file in a folder we cannot write: SQLite cannot create the
       * -shm file it reads through. Nobody can be writing it either, so
       * read it as an immutable file. */
      if (db == NULL && self->read_only && uri == NULL)
        {
          g_autofree char *file_uri = g_filename_to_uri (self->path, NULL, NULL);

          if (file_uri != NULL)
            {
              uri = g_strconcat (file_uri, "?immutable=1", NULL);
              g_clear_error (&local_error);
              db = open_reader_connection (self, uri, SQLITE_OPEN_URI, &local_error);
            }
        }

      if (db == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      reader = g_new0 (Reader, 1);
      reader->db = db;
      reader->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      reader->data_version = -1;
      g_ptr_array_add (self->readers, reader);
      g_async_queue_push (self->idle_readers, reader);
    }

  return TRUE;
}

static gboolean
clt_sqlite_store_initable_init (GInitable     *initable,
                                GCancellable  *cancellable,
                                GError       **error)
{
  CltSqliteStore *self = CLT_SQLITE_STORE (initable);
  ProbeResult probe;
  int version = 0;

  if (self->path == NULL || self->path[0] == '\0')
    {
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                           _("No database file was given."));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!probe_file (self, &probe, &version, error))
    return FALSE;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_path_get_dirname (self->path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_autofree char *name = g_filename_display_name (dir);

          g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                       _("The folder “%s” could not be created: %s"), name,
                       g_strerror (saved_errno));
          return FALSE;
        }
    }
  else if (!path_is_writable (self->path))
    {
      self->read_only = TRUE;
    }

  if (!self->read_only && !open_writer (self, error))
    return FALSE;

  if (self->read_only && (probe == PROBE_NEW || version < CLT_SQLITE_SCHEMA_VERSION))
    {
      g_autofree char *name = g_filename_display_name (self->path);

      if (probe == PROBE_NEW)
        g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY,
                     _("“%s” is empty and cannot be written."), name);
      else
        g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY,
                     _("“%s” needs to be upgraded by this version of Clientele, "
                       "but it cannot be written."), name);
      return FALSE;
    }

  return open_readers (self, error);
}

static void
clt_sqlite_store_initable_iface_init (GInitableIface *iface)
{
  iface->init = clt_sqlite_store_initable_init;
}

/* }}} */

/* Task plumbing {{{ */

typedef gboolean (*ReadFunc)  (CltSqliteStore *self,
                               Reader         *reader,
                               gpointer        data,
                               GCancellable   *cancellable,
                               GTask          *task,
                               GError        **error);
typedef gboolean (*WriteFunc) (CltSqliteStore *self,
                               sqlite3        *db,
                               gpointer        data,
                               GCancellable   *cancellable,
                               GTask          *task,
                               GError        **error);

typedef struct
{
  ReadFunc       read;
  WriteFunc      write;
  gpointer       data;
  GDestroyNotify data_free;
  /* For writes: emit "changed" with this id afterwards (NULL = any). */
  gboolean       emit_changed;
  char          *changed_id;
  /* For bulk writes: fold the WAL into the main file after the commit. */
  gboolean       checkpoint;
} Op;

/* Called by a write function that wrote enough to leave a large WAL:
 * left there, the next open has to replay it (seconds at a million
 * customers), so write_thread () checkpoints after the commit. */
static void
request_checkpoint (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  op->checkpoint = TRUE;
}

static void
op_free (Op *op)
{
  if (op->data_free != NULL)
    g_clear_pointer (&op->data, op->data_free);
  g_free (op->changed_id);
  g_free (op);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CltSqliteStore *self = source_object;
  Op *op = task_data;
  g_autoptr(GError) error = NULL;
  Reader *reader;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  reader = acquire_reader (self, cancellable);
  ok = op->read (self, reader, op->data, cancellable, task, &error);
  /* Statements are finalized by now, so no read transaction stays open. */
  release_reader (self, reader);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CltSqliteStore *self = source_object;
  Op *op = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->write_lock);
  watch_cancellable (self->write_db, cancellable);

  ok = exec_sql (self, self->write_db, "BEGIN IMMEDIATE", &error);
  if (ok)
    ok = op->write (self, self->write_db, op->data, cancellable, task, &error);
  if (ok)
    ok = exec_sql (self, self->write_db, "COMMIT", &error);
  if (!ok && !sqlite3_get_autocommit (self->write_db))
    sqlite3_exec (self->write_db, "ROLLBACK", NULL, NULL, NULL);

  /* While the write lock keeps other writers out. */
  if (ok && op->checkpoint)
    sqlite3_exec (self->write_db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);

  watch_cancellable (self->write_db, NULL);
  g_mutex_unlock (&self->write_lock);

  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (op->emit_changed)
    clt_store_emit_changed (CLT_STORE (self), op->changed_id);
}

static void
run_read (CltSqliteStore      *self,
          gpointer             source_tag,
          ReadFunc             func,
          gpointer             data,
          GDestroyNotify       data_free,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  op = g_new0 (Op, 1);
  op->read = func;
  op->data = data;
  op->data_free = data_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_task_run_in_thread (task, read_thread);
}

static void
run_write (CltSqliteStore      *self,
           gpointer             source_tag,
           WriteFunc            func,
           gpointer             data,
           GDestroyNotify       data_free,
           gboolean             emit_changed,
           const char          *changed_id,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  op = g_new0 (Op, 1);
  op->write = func;
  op->data = data;
  op->data_free = data_free;
  op->emit_changed = emit_changed;
  op->changed_id = g_strdup (changed_id);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);

  if (self->read_only || self->write_db == NULL)
    {
      g_autofree char *name = g_filename_display_basename (self->path);

      g_task_return_new_error (task, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY,
                               _("The database “%s” is read-only."), name);
      return;
    }

  g_task_run_in_thread (task, write_thread);
}

static gboolean
lookup_customer_pk (CltSqliteStore *self,
                    sqlite3        *db,
                    const char     *customer_id,
                    gint64         *pk,
                    GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (self, db, "SELECT pk FROM customers WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *pk = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
               _("The customer no longer exists."));
  return FALSE;
}

/* }}} */

/* Queries {{{ */

typedef struct
{
  GString   *where;     /* conditions, each starting with " AND " */
  GPtrArray *params;    /* GVariant: string or int64 */
  GString   *key;       /* cache key for counts */
  /* Set when the count comes from one index alone: the FTS query, or the
   * single 1–2 character prefix. */
  char      *fast_count_sql;
  char      *fast_count_param;
  gboolean   has_text;
} Filter;

static void
filter_clear (Filter *filter)
{
  g_string_free (filter->where, TRUE);
  g_ptr_array_unref (filter->params);
  g_string_free (filter->key, TRUE);
  g_free (filter->fast_count_sql);
  g_free (filter->fast_count_param);
}

static void
filter_add_text (Filter     *filter,
                 const char *text)
{
  g_ptr_array_add (filter->params, g_variant_ref_sink (g_variant_new_string (text)));
  g_string_append_printf (filter->key, "s%zu:%s;", strlen (text), text);
}

static void
filter_add_int (Filter *filter,
                gint64  value)
{
  g_ptr_array_add (filter->params, g_variant_ref_sink (g_variant_new_int64 (value)));
  g_string_append_printf (filter->key, "i%" G_GINT64_FORMAT ";", value);
}

/* Quote one word as an FTS5 string: everything inside "…" is literal text
 * (a " is doubled), so no input can be FTS syntax. */
static void
append_fts_string (GString    *out,
                   const char *word)
{
  g_string_append_c (out, '"');
  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Search text becomes (a) one FTS5 query ANDing a word-prefix match of
 * every word ("word" * — inside the quotes nothing is FTS syntax, a " is
 * doubled), or (b) when it is a single word of one or two characters, a
 * prefix match on the folded last name, first name and email through the
 * customer_prefixes table. Words without a letter or
 * digit (a lone "-" or "*") cannot match a token and are left out.
 *
 * @dense: the caller will walk the sort index and test each row (many
 * rows match), rather than collect the matches and sort them (few match);
 * prefixes are then tested by a keyed lookup per row (EXISTS). */
static gboolean
word_has_token (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static void
filter_add_search (Filter     *filter,
                   const char *search_text,
                   gboolean    dense)
{
  g_autofree char *folded = clt_fold_text (search_text);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GPtrArray) short_words = g_ptr_array_new ();
  guint n_words = 0;
  guint n_long = 0;

  if (folded[0] == '\0')
    return;

  words = g_strsplit (folded, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (!word_has_token (words[i]))
        continue;

      if (n_words++ > 0)
        g_string_append (match, " AND ");
      append_fts_string (match, words[i]);
      g_string_append (match, " *");

      if (g_utf8_strlen (words[i], -1) >= 3)
        n_long++;
      else
        g_ptr_array_add (short_words, words[i]);
    }

  if (n_words == 0)
    return;

  filter->has_text = TRUE;

  /* One short word: the prefix table. Anything more: the full-text index,
   * whose prefix indexes make short words cheap next to others. */
  if (n_long > 0 || n_words > 1)
    {
      /* IN either way: walking the sort index, SQLite tests each row
       * against the matches collected once; a per-row MATCH would
       * evaluate the whole full-text query again for every row. */
      g_string_append (filter->where,
                       " AND c.pk IN (SELECT rowid FROM customers_fts"
                       " WHERE customers_fts MATCH ?)");
      filter_add_text (filter, match->str);

      filter->fast_count_sql =
        g_strdup ("SELECT count(*) FROM customers_fts WHERE customers_fts MATCH ?");
      filter->fast_count_param = g_strdup (match->str);
      return;
    }

  for (guint i = 0; i < short_words->len; i++)
    {
      const char *word = g_ptr_array_index (short_words, i);

      if (dense)
        g_string_append (filter->where,
                         " AND EXISTS (SELECT 1 FROM customer_prefixes p"
                         " WHERE p.prefix = ? AND p.customer_pk = c.pk)");
      else
        g_string_append (filter->where,
                         " AND c.pk IN (SELECT customer_pk FROM customer_prefixes"
                         " WHERE prefix = ?)");
      filter_add_text (filter, word);
    }

  if (short_words->len == 1)
    {
      filter->fast_count_sql = g_strdup ("SELECT count(*) FROM customer_prefixes WHERE prefix = ?");
      filter->fast_count_param = g_strdup (g_ptr_array_index (short_words, 0));
    }
}

static void
filter_init (Filter   *filter,
             CltQuery *query,
             gboolean  dense)
{
  const char * const *exclude;
  GDateTime *from;
  GDateTime *until;
  gboolean other = FALSE;

  filter->where = g_string_new (NULL);
  filter->params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  filter->key = g_string_new (NULL);
  filter->fast_count_sql = NULL;
  filter->fast_count_param = NULL;
  filter->has_text = FALSE;

  filter_add_search (filter, clt_query_get_search_text (query), dense);

  switch (clt_query_get_status (query))
    {
    case CLT_STATUS_FILTER_ACTIVE:
      g_string_append (filter->where, " AND c.status_rank IN (0, 1)");
      break;
    case CLT_STATUS_FILTER_ON_HOLD:
      g_string_append (filter->where, " AND c.status_rank IN (2, 3)");
      break;
    case CLT_STATUS_FILTER_INACTIVE:
      g_string_append (filter->where, " AND c.status_rank IN (4, 5)");
      break;
    case CLT_STATUS_FILTER_UNVERIFIED:
      g_string_append (filter->where, " AND c.verified = 0");
      break;
    case CLT_STATUS_FILTER_ANY:
    default:
      break;
    }
  if (clt_query_get_status (query) != CLT_STATUS_FILTER_ANY)
    other = TRUE;

  if (clt_query_get_group (query)[0] != '\0')
    {
      g_string_append (filter->where,
                       " AND c.pk IN (SELECT customer_pk FROM customer_groups"
                       " WHERE group_code = ?)");
      filter_add_text (filter, clt_query_get_group (query));
      other = TRUE;
    }

  if (clt_query_get_site (query)[0] != '\0')
    {
      g_string_append (filter->where, " AND c.preferred_site = ?");
      filter_add_text (filter, clt_query_get_site (query));
      other = TRUE;
    }

  if (clt_query_get_country (query)[0] != '\0')
    {
      g_string_append (filter->where, " AND c.country = ?");
      filter_add_text (filter, clt_query_get_country (query));
      other = TRUE;
    }

  from = clt_query_get_registered_from (query);
  if (from != NULL)
    {
      g_string_append (filter->where, " AND c.registered >= ?");
      filter_add_int (filter, date_time_to_usec (from));
      other = TRUE;
    }

  until = clt_query_get_registered_until (query);
  if (until != NULL)
    {
      g_string_append (filter->where, " AND c.registered < ?");
      filter_add_int (filter, date_time_to_usec (until));
      other = TRUE;
    }

  exclude = clt_query_get_exclude_ids (query);
  if (exclude != NULL && exclude[0] != NULL)
    {
      g_string_append (filter->where, " AND c.id NOT IN (");
      for (guint i = 0; exclude[i] != NULL; i++)
        {
          g_string_append (filter->where, i > 0 ? ", ?" : "?");
          filter_add_text (filter, exclude[i]);
        }
      g_string_append (filter->where, ")");
      other = TRUE;
    }

  if (other)
    {
      g_clear_pointer (&filter->fast_count_sql, g_free);
      g_clear_pointer (&filter->fast_count_param, g_free);
    }
  g_string_prepend (filter->key, filter->where->str);
}

static void
bind_params (sqlite3_stmt *stmt,
             GPtrArray    *params,
             int           first)
{
  for (guint i = 0; i < params->len; i++)
    {
      GVariant *value = g_ptr_array_index (params, i);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, first + i, g_variant_get_int64 (value));
      else
        sqlite3_bind_text (stmt, first + i, g_variant_get_string (value, NULL), -1,
                           SQLITE_TRANSIENT);
    }
}

static CltCustomer *
read_customer (sqlite3_stmt *stmt)
{
  CltCustomer *customer = clt_customer_new ();
  g_autoptr(GDateTime) registered = column_date_time (stmt, COL_REGISTERED);
  g_autoptr(GDateTime) updated = column_date_time (stmt, COL_UPDATED);
  g_autoptr(GDateTime) last_login = column_date_time (stmt, COL_LAST_LOGIN);
  g_autoptr(GDateTime) anonymized_at = column_date_time (stmt, COL_ANONYMIZED_AT);
  g_auto(GStrv) roles = split_lines (column_text (stmt, COL_ROLES));

  clt_customer_set_id (customer, column_text (stmt, COL_ID));
  clt_customer_set_number (customer, column_text (stmt, COL_NUMBER));
  clt_customer_set_email (customer, column_text (stmt, COL_EMAIL));
  clt_customer_set_salutation (customer, column_text (stmt, COL_SALUTATION));
  clt_customer_set_title (customer, column_text (stmt, COL_TITLE));
  clt_customer_set_first_name (customer, column_text (stmt, COL_FIRST_NAME));
  clt_customer_set_middle_name (customer, column_text (stmt, COL_MIDDLE_NAME));
  clt_customer_set_last_name (customer, column_text (stmt, COL_LAST_NAME));
  clt_customer_set_gender (customer, sqlite3_column_int (stmt, COL_GENDER));
  clt_customer_set_date_of_birth (customer, column_text (stmt, COL_DATE_OF_BIRTH));
  clt_customer_set_phone (customer, column_text (stmt, COL_PHONE));
  clt_customer_set_company (customer, column_text (stmt, COL_COMPANY));
  clt_customer_set_locale (customer, column_text (stmt, COL_LOCALE));
  clt_customer_set_currency (customer, column_text (stmt, COL_CURRENCY));
  clt_customer_set_preferred_site (customer, column_text (stmt, COL_PREFERRED_SITE));
  clt_customer_set_restriction (customer, column_text (stmt, COL_RESTRICTION));
  clt_customer_set_active (customer, sqlite3_column_int (stmt, COL_ACTIVE) != 0);
  clt_customer_set_on_hold (customer, sqlite3_column_int (stmt, COL_ON_HOLD) != 0);
  clt_customer_set_verified (customer, sqlite3_column_int (stmt, COL_VERIFIED) != 0);
  clt_customer_set_registered (customer, registered);
  clt_customer_set_updated (customer, updated);
  clt_customer_set_last_login (customer, last_login);
  clt_customer_set_anonymized_at (customer, anonymized_at);
  clt_customer_set_default_billing_address (customer, column_text (stmt, COL_DEFAULT_BILLING));
  clt_customer_set_default_shipping_address (customer, column_text (stmt, COL_DEFAULT_SHIPPING));
  clt_customer_set_zip_code (customer, column_text (stmt, COL_ZIP_CODE));
  clt_customer_set_city (customer, column_text (stmt, COL_CITY));
  clt_customer_set_country (customer, column_text (stmt, COL_COUNTRY));
  clt_customer_set_company_id (customer, column_text (stmt, COL_COMPANY_ID));
  clt_customer_set_business_unit (customer, column_text (stmt, COL_BUSINESS_UNIT));
  clt_customer_set_roles (customer, (const char * const *) roles);
  clt_customer_set_version (customer, sqlite3_column_int64 (stmt, COL_VERSION));

  return customer;
}

/* Groups and custom field values for a page of customers, in two queries
 * instead of two per row. */
static gboolean
fill_customer_details (CltSqliteStore *self,
                       sqlite3        *db,
                       GPtrArray      *customers,
                       GArray         *pks,
                       GError        **error)
{
  g_autoptr(GHashTable) by_pk = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(sqlite3_stmt) groups = NULL;
  g_autoptr(sqlite3_stmt) fields = NULL;
  int rc;

  if (customers->len == 0)
    return TRUE;

  for (guint i = 0; i < pks->len; i++)
    {
      gint64 *pk = &g_array_index (pks, gint64, i);

      g_hash_table_insert (by_pk, pk, g_ptr_array_index (customers, i));
      g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", *pk);
    }
  g_string_append_c (json, ']');

  groups = prepare (self, db,
                    "SELECT customer_pk, group_code FROM customer_groups"
                    " WHERE customer_pk IN (SELECT value FROM json_each (?))"
                    " ORDER BY customer_pk, group_code",
                    error);
  if (groups == NULL)
    return FALSE;
  bind_static_text (groups, 1, json->str);

  {
    g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
    gint64 current = -1;

    for (;;)
      {
        gint64 pk = -1;

        rc = sqlite3_step (groups);
        if (rc == SQLITE_ROW)
          pk = sqlite3_column_int64 (groups, 0);
        else if (rc != SQLITE_DONE)
          {
            set_db_error (self, error, db, rc);
            return FALSE;
          }

        if (pk != current && current != -1)
          {
            CltCustomer *customer = g_hash_table_lookup (by_pk, &current);

            g_ptr_array_add (codes, NULL);
            if (customer != NULL)
              clt_customer_set_groups (customer, (const char * const *) codes->pdata);
            g_ptr_array_set_size (codes, 0);
          }

        if (rc == SQLITE_DONE)
          break;

        current = pk;
        g_ptr_array_add (codes, g_strdup (column_text (groups, 1)));
      }
  }

  fields = prepare (self, db,
                    "SELECT v.customer_pk, v.field_key, f.type, v.value"
                    " FROM customer_field_values v JOIN custom_fields f ON f.key = v.field_key"
                    " WHERE v.customer_pk IN (SELECT value FROM json_each (?))"
                    " ORDER BY v.customer_pk, f.position, f.key",
                    error);
  if (fields == NULL)
    return FALSE;
  bind_static_text (fields, 1, json->str);

  {
    g_autoptr(GVariantBuilder) builder = NULL;
    gint64 current = -1;

    for (;;)
      {
        gint64 pk = -1;
        GVariant *value = NULL;

        rc = sqlite3_step (fields);
        if (rc == SQLITE_ROW)
          pk = sqlite3_column_int64 (fields, 0);
        else if (rc != SQLITE_DONE)
          {
            set_db_error (self, error, db, rc);
            return FALSE;
          }

        if (pk != current && builder != NULL)
          {
            CltCustomer *customer = g_hash_table_lookup (by_pk, &current);
            GVariant *dict = g_variant_builder_end (builder);

            g_variant_ref_sink (dict);
            if (customer != NULL)
              clt_customer_set_custom_fields (customer, dict);
            g_variant_unref (dict);
            g_clear_pointer (&builder, g_variant_builder_unref);
          }

        if (rc == SQLITE_DONE)
          break;

        current = pk;
        if (builder == NULL)
          builder = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);

        switch (sqlite3_column_int (fields, 2))
          {
          case CLT_CUSTOM_FIELD_NUMBER:
            value = g_variant_new_double (sqlite3_column_double (fields, 3));
            break;
          case CLT_CUSTOM_FIELD_BOOLEAN:
            value = g_variant_new_boolean (sqlite3_column_int (fields, 3) != 0);
            break;
          case CLT_CUSTOM_FIELD_STRING:
          case CLT_CUSTOM_FIELD_DATE:
          default:
            value = g_variant_new_string (column_text (fields, 3));
            break;
          }
        g_variant_builder_add (builder, "{sv}", column_text (fields, 1), value);
      }
  }

  return TRUE;
}

typedef struct
{
  CltQuery *query;
  guint     offset;
  guint     limit;
  char     *id;
} CustomersData;

static void
customers_data_free (CustomersData *data)
{
  g_clear_object (&data->query);
  g_free (data->id);
  g_free (data);
}

/* Whether @query narrows nothing but by its search text. */
static gboolean
only_text_filters (CltQuery *query)
{
  g_autoptr(CltQuery) plain = clt_query_copy (query);

  clt_query_set_search_text (plain, "");
  return clt_query_is_unfiltered (plain);
}

/* Counts per reader connection, kept while nothing was committed since
 * (PRAGMA data_version): typing a letter and deleting it again, or paging
 * through one query, counts once. */
static gboolean
count_query (CltSqliteStore *self,
             Reader         *reader,
             CltQuery       *query,
             gint64         *count,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  Filter filter;
  gpointer cached;
  gint64 version;
  int rc;

  filter_init (&filter, query, FALSE);

  version = reader_data_version (reader);
  if (version != reader->data_version)
    {
      g_hash_table_remove_all (reader->counts);
      reader->data_version = version;
    }

  if (g_hash_table_lookup_extended (reader->counts, filter.key->str, NULL, &cached))
    {
      *count = GPOINTER_TO_SIZE (cached);
      filter_clear (&filter);
      return TRUE;
    }

  if (filter.fast_count_sql != NULL)
    sql = g_strdup (filter.fast_count_sql);
  else if (filter.where->len == 0)
    /* Counting the b-tree's cells is much faster than walking an index. */
    sql = g_strdup ("SELECT (SELECT count(*) FROM customers)"
                    " - (SELECT count(*) FROM customers WHERE anonymized_at IS NOT NULL)");
  else
    /* With searched text, the matches drive: "+" keeps SQLite from
     * walking an index led by "listed" (every row has listed = 1). */
    sql = g_strdup_printf ("SELECT count(*) FROM customers c WHERE %sc.listed = 1%s",
                           filter.has_text ? "+" : "", filter.where->str);

  stmt = prepare (self, reader->db, sql, error);
  if (stmt == NULL)
    {
      filter_clear (&filter);
      return FALSE;
    }

  if (filter.fast_count_sql != NULL)
    bind_text (stmt, 1, filter.fast_count_param);
  else
    bind_params (stmt, filter.params, 1);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, reader->db, rc);
      filter_clear (&filter);
      return FALSE;
    }

  *count = sqlite3_column_int64 (stmt, 0);

  if (g_hash_table_size (reader->counts) >= MAX_COUNT_CACHE)
    g_hash_table_remove_all (reader->counts);
  g_hash_table_insert (reader->counts, g_strdup (filter.key->str), GSIZE_TO_POINTER (*count));
  filter_clear (&filter);

  return TRUE;
}

static gboolean
count_customers_read (CltSqliteStore *self,
                      Reader         *reader,
                      gpointer        user_data,
                      GCancellable   *cancellable,
                      GTask          *task,
                      GError        **error)
{
  CustomersData *data = user_data;
  gint64 count;

  if (!count_query (self, reader, data->query, &count, error))
    return FALSE;

  g_task_return_int (task, MIN (count, G_MAXSSIZE));
  return TRUE;
}

static void
clt_sqlite_store_count_customers (CltStore            *store,
                                  CltQuery            *query,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CustomersData *data = g_new0 (CustomersData, 1);

  data->query = query != NULL ? clt_query_copy (query) : clt_query_new ();
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_count_customers, count_customers_read,
            data, (GDestroyNotify) customers_data_free, cancellable, callback, user_data);
}

static gboolean
select_customers (CltSqliteStore *self,
                  sqlite3        *db,
                  sqlite3_stmt   *stmt,
                  GPtrArray     **out,
                  GError        **error)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) pks = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CltCustomer *customer = read_customer (stmt);
      gint64 pk = sqlite3_column_int64 (stmt, COL_PK);

      clt_customer_set_loaded (customer, TRUE);
      g_ptr_array_add (customers, customer);
      g_array_append_val (pks, pk);
    }

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  if (!fill_customer_details (self, db, customers, pks, error))
    return FALSE;

  *out = g_steal_pointer (&customers);
  return TRUE;
}

/* The rows of @pks, in that order. */
static gboolean
fetch_customers (CltSqliteStore *self,
                 sqlite3        *db,
                 GArray         *pks,
                 GPtrArray     **out,
                 GError        **error)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_full (pks->len, g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, db, "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.pk = ?", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < pks->len; i++)
    {
      CltCustomer *customer;
      int rc;

      sqlite3_bind_int64 (stmt, 1, g_array_index (pks, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          if (rc == SQLITE_DONE)
            g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                         _("The customer no longer exists."));
          else
            set_db_error (self, error, db, rc);
          return FALSE;
        }

      customer = read_customer (stmt);
      clt_customer_set_loaded (customer, TRUE);
      g_ptr_array_add (customers, customer);
      sqlite3_reset (stmt);
    }

  if (!fill_customer_details (self, db, customers, pks, error))
    return FALSE;

  *out = g_steal_pointer (&customers);
  return TRUE;
}

/* Two steps: the page's rowids first, which for the plain table walks
 * only the sort index (a deep OFFSET then skips index entries, not rows),
 * then the rows themselves by rowid. One read transaction holds all.
 *
 * With searched text the plan depends on how many rows match: walking the
 * sort index and testing each row finds a page quickly when matches are
 * dense; when they are sparse it would test the whole table, and
 * collecting the matches and sorting them is cheaper. The (cached) count
 * decides. For the sparse case "+" on listed and on the ORDER BY column
 * keeps SQLite from walking an index led by "listed" (which every row
 * satisfies) instead of starting from the matches. */
static gboolean
list_customers_read (CltSqliteStore *self,
                     Reader         *reader,
                     gpointer        user_data,
                     GCancellable   *cancellable,
                     GTask          *task,
                     GError        **error)
{
  CustomersData *data = user_data;
  CltSortKey key = clt_query_get_sort_key (data->query);
  gboolean descending = clt_query_get_sort_direction (data->query) == CLT_SORT_DESCENDING;
  const char *dir = descending ? "DESC" : "ASC";
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GArray) pks = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  Filter filter;
  gboolean dense = TRUE;
  gboolean ok;
  int rc;

  if ((guint) key >= CLT_N_SORT_KEYS)
    key = CLT_SORT_KEY_NUMBER;

  if (!exec_sql (self, reader->db, "BEGIN", error))
    return FALSE;

  if (clt_query_get_search_text (data->query)[0] != '\0')
    {
      g_autoptr(CltQuery) everyone = clt_query_new ();
      gint64 n_matches = 0;
      gint64 n_total = 0;

      if (!count_query (self, reader, data->query, &n_matches, error) ||
          !count_query (self, reader, everyone, &n_total, error))
        {
          sqlite3_exec (reader->db, "COMMIT", NULL, NULL, NULL);
          return FALSE;
        }

      /* Walking: about (offset + limit) * total / matches rows tested;
       * sorting: about matches rows fetched and sorted. */
      dense = (double) (data->offset + data->limit) * (double) n_total
              < 4.0 * (double) n_matches * (double) n_matches;

      /* Text that every customer matches ("example", the number prefix)
       * filters nothing: skip collecting a million matches. */
      if (n_matches == n_total && only_text_filters (data->query))
        {
          g_autoptr(CltQuery) plain = clt_query_copy (data->query);

          clt_query_set_search_text (plain, "");
          g_set_object (&data->query, plain);
        }
    }

  filter_init (&filter, data->query, dense);
  sql = g_strdup_printf ("SELECT c.pk FROM customers c"
                         " WHERE %sc.listed = 1%s"
                         " ORDER BY %s%s %s, c.pk %s LIMIT ? OFFSET ?",
                         dense ? "" : "+", filter.where->str,
                         dense ? "" : "+", sort_columns[key], dir, dir);

  stmt = prepare (self, reader->db, sql, error);
  if (stmt == NULL)
    {
      filter_clear (&filter);
      sqlite3_exec (reader->db, "COMMIT", NULL, NULL, NULL);
      return FALSE;
    }

  bind_params (stmt, filter.params, 1);
  sqlite3_bind_int64 (stmt, filter.params->len + 1, data->limit);
  sqlite3_bind_int64 (stmt, filter.params->len + 2, data->offset);
  filter_clear (&filter);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pk = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (pks, pk);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, reader->db, rc);
      ok = FALSE;
    }
  else
    ok = fetch_customers (self, reader->db, pks, &customers, error);

  sqlite3_exec (reader->db, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return FALSE;

  g_task_return_pointer (task, g_steal_pointer (&customers), (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

static void
clt_sqlite_store_list_customers (CltStore            *store,
                                 CltQuery            *query,
                                 guint                offset,
                                 guint                limit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CustomersData *data = g_new0 (CustomersData, 1);

  data->query = query != NULL ? clt_query_copy (query) : clt_query_new ();
  data->offset = offset;
  data->limit = limit;
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_customers, list_customers_read,
            data, (GDestroyNotify) customers_data_free, cancellable, callback, user_data);
}

static gboolean
get_customer_read (CltSqliteStore *self,
                   Reader         *reader,
                   gpointer        user_data,
                   GCancellable   *cancellable,
                   GTask          *task,
                   GError        **error)
{
  CustomersData *data = user_data;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, reader->db,
                  "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.id = ?", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, data->id);
  if (!select_customers (self, reader->db, stmt, &customers, error))
    return FALSE;

  if (customers->len == 0)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                   _("The customer no longer exists."));
      return FALSE;
    }

  g_task_return_pointer (task, g_object_ref (g_ptr_array_index (customers, 0)), g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_get_customer (CltStore            *store,
                               const char          *customer_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CustomersData *data = g_new0 (CustomersData, 1);

  data->id = g_strdup (customer_id);
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_get_customer, get_customer_read,
            data, (GDestroyNotify) customers_data_free, cancellable, callback, user_data);
}

/* }}} */

/* Import {{{ */

typedef struct
{
  sqlite3_stmt *customer;
  sqlite3_stmt *address;
  sqlite3_stmt *order;
  sqlite3_stmt *group;
  sqlite3_stmt *ensure_group;
  sqlite3_stmt *field_value;
  sqlite3_stmt *ensure_field;
  sqlite3_stmt *ensure_company;
  gboolean      skip_conflicts;
  guint         n_written;
} Importer;

static void
importer_clear (Importer *importer)
{
  g_clear_pointer (&importer->customer, sqlite3_finalize);
  g_clear_pointer (&importer->address, sqlite3_finalize);
  g_clear_pointer (&importer->order, sqlite3_finalize);
  g_clear_pointer (&importer->group, sqlite3_finalize);
  g_clear_pointer (&importer->ensure_group, sqlite3_finalize);
  g_clear_pointer (&importer->field_value, sqlite3_finalize);
  g_clear_pointer (&importer->ensure_field, sqlite3_finalize);
  g_clear_pointer (&importer->ensure_company, sqlite3_finalize);
}

static gboolean
importer_init (CltSqliteStore *self,
               sqlite3        *db,
               Importer       *importer,
               GError        **error)
{
  memset (importer, 0, sizeof *importer);

  importer->customer = prepare (self, db,
    "INSERT INTO customers (id, number, email, salutation, title, first_name, middle_name,"
    " last_name, gender, date_of_birth, phone, company, locale, currency, preferred_site,"
    " restriction, active, on_hold, verified, registered, updated, last_login, anonymized_at,"
    " default_billing_address, default_shipping_address, zip_code, city, country, company_id,"
    " business_unit, roles, version, number_key, email_key, first_name_key, last_name_key,"
    " company_key, zip_key, city_key)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36,"
    " ?37, ?38, ?39)",
    error);
  if (importer->customer == NULL)
    return FALSE;

  importer->address = prepare (self, db,
    "INSERT INTO addresses (customer_pk, id, salutation, first_name, last_name, address1,"
    " address2, address3, zip_code, city, region, country, phone, company, comment, version)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    error);
  if (importer->address == NULL)
    return FALSE;

  importer->order = prepare (self, db,
    "INSERT INTO orders (reference, customer_pk, created, status, total, currency, site)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    error);
  if (importer->order == NULL)
    return FALSE;

  importer->ensure_group = prepare (self, db,
    "INSERT OR IGNORE INTO groups (code, name) VALUES (?1, ?1)", error);
  if (importer->ensure_group == NULL)
    return FALSE;

  importer->group = prepare (self, db,
    "INSERT OR IGNORE INTO customer_groups (customer_pk, group_code) VALUES (?1, ?2)", error);
  if (importer->group == NULL)
    return FALSE;

  importer->ensure_field = prepare (self, db,
    "INSERT OR IGNORE INTO custom_fields (key, label, type, position)"
    " VALUES (?1, ?1, ?2, (SELECT count(*) FROM custom_fields))", error);
  if (importer->ensure_field == NULL)
    return FALSE;

  importer->field_value = prepare (self, db,
    "INSERT OR REPLACE INTO customer_field_values (customer_pk, field_key, value)"
    " VALUES (?1, ?2, ?3)", error);
  if (importer->field_value == NULL)
    return FALSE;

  importer->ensure_company = prepare (self, db,
    "INSERT OR IGNORE INTO companies (id, name, name_key) VALUES (?1, ?2, ?3)", error);
  if (importer->ensure_company == NULL)
    return FALSE;

  return TRUE;
}

static gboolean
step_done (CltSqliteStore *self,
           sqlite3        *db,
           sqlite3_stmt   *stmt,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_one (CltSqliteStore *self,
            sqlite3        *db,
            Importer       *importer,
            CltCustomer    *customer,
            GError        **error)
{
  sqlite3_stmt *stmt = importer->customer;
  GPtrArray *addresses = clt_customer_get_import_addresses (customer);
  GPtrArray *orders = clt_customer_get_import_orders (customer);
  CltAddress *location = NULL;
  const char *billing = clt_customer_get_default_billing_address (customer);
  const char *shipping = clt_customer_get_default_shipping_address (customer);
  const char *zip_code = clt_customer_get_zip_code (customer);
  const char *city = clt_customer_get_city (customer);
  const char *country = clt_customer_get_country (customer);
  const char *company_id = clt_customer_get_company_id (customer);
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *roles = join_lines (clt_customer_get_roles (customer));
  g_autofree char *number_key = NULL;
  g_autofree char *email_key = NULL;
  g_autofree char *first_name_key = NULL;
  g_autofree char *last_name_key = NULL;
  g_autofree char *company_key = NULL;
  g_autofree char *zip_key = NULL;
  g_autofree char *city_key = NULL;
  g_auto(GStrv) address_ids = NULL;
  const char * const *groups;
  GVariant *custom_fields;
  gint64 pk;
  int rc;

  if (clt_customer_get_id (customer)[0] != '\0')
    id = g_strdup (clt_customer_get_id (customer));
  else
    id = make_random_id (16);
  number = g_strdup (clt_customer_get_number (customer));
  if (number[0] == '\0')
    {
      g_autofree char *token = make_random_id (8);

      g_free (number);
      number = g_ascii_strup (token, -1);
    }

  /* Address ids: generated where missing, so that defaults can name them. */
  address_ids = g_new0 (char *, addresses->len + 1);
  for (guint i = 0; i < addresses->len; i++)
    {
      const char *address_id = clt_address_get_id (g_ptr_array_index (addresses, i));

      address_ids[i] = address_id[0] != '\0' ? g_strdup (address_id)
                                             : g_strdup_printf ("%u", i + 1);
    }

  if (addresses->len > 0)
    {
      if (billing[0] == '\0')
        billing = address_ids[0];
      if (shipping[0] == '\0')
        shipping = address_ids[0];

      location = g_ptr_array_index (addresses, 0);
      for (guint i = 0; i < addresses->len; i++)
        if (g_strcmp0 (address_ids[i], billing) == 0)
          location = g_ptr_array_index (addresses, i);

      zip_code = clt_address_get_zip_code (location);
      city = clt_address_get_city (location);
      country = clt_address_get_country (location);
    }

  number_key = clt_fold_text (number);
  email_key = clt_fold_text (clt_customer_get_email (customer));
  first_name_key = clt_fold_text (clt_customer_get_first_name (customer));
  last_name_key = clt_fold_text (clt_customer_get_last_name (customer));
  company_key = clt_fold_text (clt_customer_get_company (customer));
  zip_key = clt_fold_text (zip_code);
  city_key = clt_fold_text (city);

  if (company_id[0] != '\0')
    {
      g_autofree char *name_key = clt_fold_text (clt_customer_get_company (customer));

      bind_static_text (importer->ensure_company, 1, company_id);
      bind_static_text (importer->ensure_company, 2, clt_customer_get_company (customer));
      bind_static_text (importer->ensure_company, 3, name_key);
      if (!step_done (self, db, importer->ensure_company, error))
        return FALSE;
    }

  bind_static_text (stmt, 1, id);
  bind_static_text (stmt, 2, number);
  bind_static_text (stmt, 3, clt_customer_get_email (customer));
  bind_static_text (stmt, 4, clt_customer_get_salutation (customer));
  bind_static_text (stmt, 5, clt_customer_get_title (customer));
  bind_static_text (stmt, 6, clt_customer_get_first_name (customer));
  bind_static_text (stmt, 7, clt_customer_get_middle_name (customer));
  bind_static_text (stmt, 8, clt_customer_get_last_name (customer));
  sqlite3_bind_int (stmt, 9, clt_customer_get_gender (customer));
  bind_static_text (stmt, 10, clt_customer_get_date_of_birth (customer));
  bind_static_text (stmt, 11, clt_customer_get_phone (customer));
  bind_static_text (stmt, 12, clt_customer_get_company (customer));
  bind_static_text (stmt, 13, clt_customer_get_locale (customer));
  bind_static_text (stmt, 14, clt_customer_get_currency (customer));
  bind_static_text (stmt, 15, clt_customer_get_preferred_site (customer));
  bind_static_text (stmt, 16, clt_customer_get_restriction (customer));
  sqlite3_bind_int (stmt, 17, clt_customer_get_active (customer));
  sqlite3_bind_int (stmt, 18, clt_customer_get_on_hold (customer));
  sqlite3_bind_int (stmt, 19, clt_customer_get_verified (customer));
  bind_date_time (stmt, 20, clt_customer_get_registered (customer));
  bind_date_time (stmt, 21, clt_customer_get_updated (customer));
  bind_date_time (stmt, 22, clt_customer_get_last_login (customer));
  bind_date_time (stmt, 23, clt_customer_get_anonymized_at (customer));
  bind_static_text (stmt, 24, billing);
  bind_static_text (stmt, 25, shipping);
  bind_static_text (stmt, 26, zip_code);
  bind_static_text (stmt, 27, city);
  bind_static_text (stmt, 28, country);
  if (company_id[0] != '\0')
    bind_static_text (stmt, 29, company_id);
  else
    sqlite3_bind_null (stmt, 29);
  bind_static_text (stmt, 30, clt_customer_get_business_unit (customer));
  bind_static_text (stmt, 31, roles);
  sqlite3_bind_int64 (stmt, 32, MAX (clt_customer_get_version (customer), 1));
  bind_static_text (stmt, 33, number_key);
  bind_static_text (stmt, 34, email_key);
  bind_static_text (stmt, 35, first_name_key);
  bind_static_text (stmt, 36, last_name_key);
  bind_static_text (stmt, 37, company_key);
  bind_static_text (stmt, 38, zip_key);
  bind_static_text (stmt, 39, city_key);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE && importer->skip_conflicts)
    return TRUE;
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT,
                   _("Customer %s (%s) already exists: the id, number or email is taken."),
                   number, clt_customer_get_email (customer));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  pk = sqlite3_last_insert_rowid (db);
  importer->n_written++;

  for (guint i = 0; i < addresses->len; i++)
    {
      CltAddress *address = g_ptr_array_index (addresses, i);
      sqlite3_stmt *a = importer->address;

      sqlite3_bind_int64 (a, 1, pk);
      bind_static_text (a, 2, address_ids[i]);
      bind_static_text (a, 3, clt_address_get_salutation (address));
      bind_static_text (a, 4, clt_address_get_first_name (address));
      bind_static_text (a, 5, clt_address_get_last_name (address));
      bind_static_text (a, 6, clt_address_get_address1 (address));
      bind_static_text (a, 7, clt_address_get_address2 (address));
      bind_static_text (a, 8, clt_address_get_address3 (address));
      bind_static_text (a, 9, clt_address_get_zip_code (address));
      bind_static_text (a, 10, clt_address_get_city (address));
      bind_static_text (a, 11, clt_address_get_region (address));
      bind_static_text (a, 12, clt_address_get_country (address));
      bind_static_text (a, 13, clt_address_get_phone (address));
      bind_static_text (a, 14, clt_address_get_company (address));
      bind_static_text (a, 15, clt_address_get_comment (address));
      sqlite3_bind_int64 (a, 16, MAX (clt_address_get_version (address), 1));
      if (!step_done (self, db, a, error))
        return FALSE;
    }

  for (guint i = 0; i < orders->len; i++)
    {
      CltOrder *order = g_ptr_array_index (orders, i);
      sqlite3_stmt *o = importer->order;

      bind_static_text (o, 1, clt_order_get_reference (order));
      sqlite3_bind_int64 (o, 2, pk);
      bind_date_time (o, 3, clt_order_get_created (order));
      bind_static_text (o, 4, clt_order_get_status (order));
      sqlite3_bind_int64 (o, 5, clt_order_get_total (order));
      bind_static_text (o, 6, clt_order_get_currency (order));
      bind_static_text (o, 7, clt_order_get_site (order));
      if (!step_done (self, db, o, error))
        return FALSE;
    }

  groups = clt_customer_get_groups (customer);
  for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
    {
      bind_static_text (importer->ensure_group, 1, groups[i]);
      if (!step_done (self, db, importer->ensure_group, error))
        return FALSE;

      sqlite3_bind_int64 (importer->group, 1, pk);
      bind_static_text (importer->group, 2, groups[i]);
      if (!step_done (self, db, importer->group, error))
        return FALSE;
    }

  custom_fields = clt_customer_get_custom_fields (customer);
  if (custom_fields != NULL && g_variant_is_of_type (custom_fields, G_VARIANT_TYPE_VARDICT))
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, custom_fields);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          sqlite3_stmt *v = importer->field_value;
          CltCustomFieldType type = CLT_CUSTOM_FIELD_STRING;
          gboolean ok;

          if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
            type = CLT_CUSTOM_FIELD_NUMBER;
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
            type = CLT_CUSTOM_FIELD_BOOLEAN;

          bind_text (importer->ensure_field, 1, key);
          sqlite3_bind_int (importer->ensure_field, 2, type);
          ok = step_done (self, db, importer->ensure_field, error);

          sqlite3_bind_int64 (v, 1, pk);
          bind_text (v, 2, key);
          if (type == CLT_CUSTOM_FIELD_NUMBER)
            sqlite3_bind_double (v, 3, g_variant_get_double (value));
          else if (type == CLT_CUSTOM_FIELD_BOOLEAN)
            sqlite3_bind_int (v, 3, g_variant_get_boolean (value));
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            bind_text (v, 3, g_variant_get_string (value, NULL));
          else
            {
              g_autofree char *printed = g_variant_print (value, FALSE);
              bind_text (v, 3, printed);
            }
          g_variant_unref (value);

          if (!ok || !step_done (self, db, v, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Bulk loads into a table that is empty or small for their size: the
 * secondary indexes and the search index are cheaper to build once, from
 * sorted data, than to update a million times in random order. Everything
 * happens inside the load's transaction, so readers never see the table
 * without them and a failure restores them. Unique indexes stay while the
 * table has rows, so that clashes with them are still caught per row. */
#define BULK_THRESHOLD 20000

typedef struct
{
  GPtrArray *create_sql;
  gint64     first_pk;
  gint64     started;
  gboolean   active;
} Bulk;

/* CPU time of this thread, for the bulk load's debug timings. */
static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static gboolean
bulk_begin (CltSqliteStore *self,
            sqlite3        *db,
            guint           n_new,
            Bulk           *bulk,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  gint64 existing = query_int (db, "SELECT count(*) FROM customers");
  int rc;

  bulk->create_sql = g_ptr_array_new_with_free_func (g_free);
  bulk->first_pk = query_int (db, "SELECT ifnull(max(pk), 0) + 1 FROM customers");
  bulk->active = n_new >= BULK_THRESHOLD && n_new >= existing;
  bulk->started = thread_cpu_usec ();

  exec_sql (self, db, "PRAGMA cache_size = -262144", NULL);

  if (!bulk->active)
    return TRUE;

  stmt = prepare (self, db,
                  "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND"
                  " ((type = 'index' AND tbl_name IN ('customers', 'orders'))"
                  "  OR (type = 'trigger'"
                  "      AND name IN ('customers_fts_insert', 'customer_prefixes_insert')))",
                  error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = column_text (stmt, 0);
      const char *create = column_text (stmt, 2);

      if (existing > 0 && g_str_has_prefix (create, "CREATE UNIQUE"))
        continue;

      g_ptr_array_add (bulk->create_sql, g_strdup (create));
      g_ptr_array_add (drops, g_strdup_printf ("DROP %s \"%s\"", type, column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < drops->len; i++)
    if (!exec_sql (self, db, g_ptr_array_index (drops, i), error))
      return FALSE;

  return TRUE;
}

static gboolean
bulk_end (CltSqliteStore *self,
          sqlite3        *db,
          Bulk           *bulk,
          gboolean        ok,
          GError        **error)
{
  g_autoptr(GPtrArray) create_sql = g_steal_pointer (&bulk->create_sql);

  if (ok && bulk->active)
    {
      g_autoptr(sqlite3_stmt) fts = NULL;
      gint64 rows_done = thread_cpu_usec ();
      gint64 indexes_done;
      gint64 prefixes_done = 0;

      for (guint i = 0; ok && i < create_sql->len; i++)
        {
          int rc = sqlite3_exec (db, g_ptr_array_index (create_sql, i), NULL, NULL, NULL);

          if ((rc & 0xff) == SQLITE_CONSTRAINT)
            {
              g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT,
                           _("Some of the customers share an id, number or email."));
              ok = FALSE;
            }
          else if (rc != SQLITE_OK)
            {
              set_db_error (self, error, db, rc);
              ok = FALSE;
            }
        }

      indexes_done = thread_cpu_usec ();
      if (ok)
        {
          g_autoptr(sqlite3_stmt) prefixes = NULL;

          /* Sorted, so that the WITHOUT ROWID table grows at its end. */
          prefixes = prepare (self, db,
                              "INSERT OR IGNORE INTO customer_prefixes (prefix, customer_pk)"
                              " SELECT p, pk FROM ("
                              "  SELECT substr (last_name_key, 1, 1) AS p, pk FROM customers"
                              "   WHERE pk >= ?1 AND listed"
                              "  UNION ALL SELECT substr (last_name_key, 1, 2), pk FROM customers"
                              "   WHERE pk >= ?1 AND listed"
                              "  UNION ALL SELECT substr (first_name_key, 1, 1), pk FROM customers"
                              "   WHERE pk >= ?1 AND listed"
                              "  UNION ALL SELECT substr (first_name_key, 1, 2), pk FROM customers"
                              "   WHERE pk >= ?1 AND listed"
                              "  UNION ALL SELECT substr (email_key, 1, 1), pk FROM customers"
                              "   WHERE pk >= ?1 AND listed"
                              "  UNION ALL SELECT substr (email_key, 1, 2), pk FROM customers"
                              "   WHERE pk >= ?1 AND listed"
                              " ) WHERE p <> '' ORDER BY p, pk",
                              error);
          ok = prefixes != NULL;
          if (ok)
            {
              sqlite3_bind_int64 (prefixes, 1, bulk->first_pk);
              ok = step_done (self, db, prefixes, error);
            }
          prefixes_done = thread_cpu_usec ();
        }
      if (ok)
        {
          fts = prepare (self, db,
                         "INSERT INTO customers_fts (rowid, search_text)"
                         " SELECT pk, search_text FROM customers WHERE pk >= ?",
                         error);
          ok = fts != NULL;
        }
      if (ok)
        {
          sqlite3_bind_int64 (fts, 1, bulk->first_pk);
          ok = step_done (self, db, fts, error);
        }

      g_debug ("Bulk load, CPU time of the writer: rows %.0f ms, indexes %.0f ms, "
               "prefixes %.0f ms, full-text index %.0f ms",
               (rows_done - bulk->started) / 1000.0, (indexes_done - rows_done) / 1000.0,
               (prefixes_done - indexes_done) / 1000.0,
               (thread_cpu_usec () - prefixes_done) / 1000.0);
    }

  exec_sql (self, db, "PRAGMA cache_size = -2000", NULL);
  return ok;
}

static gboolean
import_customers_write (CltSqliteStore *self,
                        sqlite3        *db,
                        gpointer        user_data,
                        GCancellable   *cancellable,
                        GTask          *task,
                        GError        **error)
{
  GPtrArray *customers = user_data;
  Importer importer = { 0 };
  Bulk bulk = { 0 };
  gboolean ok;

  ok = bulk_begin (self, db, customers->len, &bulk, error);
  ok = ok && importer_init (self, db, &importer, error);
  for (guint i = 0; ok && i < customers->len; i++)
    {
      if (i % 1000 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else
        ok = import_one (self, db, &importer, g_ptr_array_index (customers, i), error);
    }
  importer_clear (&importer);
  ok = bulk_end (self, db, &bulk, ok, error);

  if (ok)
    {
      request_checkpoint (task);
      g_task_return_boolean (task, TRUE);
    }
  return ok;
}

static void
clt_sqlite_store_import_customers (CltStore            *store,
                                   GPtrArray           *customers,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  /* The objects are not kept: deep copies, so the caller may go on using
   * (and changing) its own while the worker thread reads these. */
  GPtrArray *copies = g_ptr_array_new_full (customers->len, g_object_unref);

  for (guint i = 0; i < customers->len; i++)
    {
      CltCustomer *customer = g_ptr_array_index (customers, i);
      CltCustomer *copy = clt_customer_copy (customer);
      GPtrArray *addresses = clt_customer_get_import_addresses (customer);
      GPtrArray *orders = clt_customer_get_import_orders (customer);
      GPtrArray *copy_addresses = clt_customer_get_import_addresses (copy);
      GPtrArray *copy_orders = clt_customer_get_import_orders (copy);

      /* clt_customer_copy () may or may not carry the import lists. */
      if (copy_addresses->len == 0)
        for (guint j = 0; j < addresses->len; j++)
          g_ptr_array_add (copy_addresses, clt_address_copy (g_ptr_array_index (addresses, j)));
      if (copy_orders->len == 0)
        for (guint j = 0; j < orders->len; j++)
          g_ptr_array_add (copy_orders, clt_order_copy (g_ptr_array_index (orders, j)));

      g_ptr_array_add (copies, copy);
    }

  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_import_customers,
             import_customers_write, copies, (GDestroyNotify) g_ptr_array_unref,
             TRUE, NULL, cancellable, callback, user_data);
}

typedef struct
{
  guint   n_customers;
  guint32 seed;
} SampleData;

static gboolean
ensure_sample_sites_and_groups (CltSqliteStore *self,
                                sqlite3        *db,
                                GError        **error)
{
  g_autoptr(sqlite3_stmt) site = NULL;
  g_autoptr(sqlite3_stmt) group = NULL;

  site = prepare (self, db,
                  "INSERT OR IGNORE INTO sites (code, name, storefront_url, default_currency,"
                  " default_locale, active, assisted_buying, position)"
                  " VALUES (?, ?, ?, ?, ?, 1, 1, (SELECT count(*) FROM sites))",
                  error);
  if (site == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sample_sites); i++)
    {
      bind_static_text (site, 1, sample_sites[i].code);
      bind_static_text (site, 2, sample_sites[i].name);
      bind_static_text (site, 3, sample_sites[i].url);
      bind_static_text (site, 4, sample_sites[i].currency);
      bind_static_text (site, 5, sample_sites[i].locale);
      if (!step_done (self, db, site, error))
        return FALSE;
    }

  group = prepare (self, db,
                   "INSERT OR IGNORE INTO groups (code, name, description) VALUES (?, ?, ?)",
                   error);
  if (group == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sample_groups); i++)
    {
      bind_static_text (group, 1, sample_groups[i].code);
      bind_static_text (group, 2, sample_groups[i].name);
      bind_static_text (group, 3, sample_groups[i].description);
      if (!step_done (self, db, group, error))
        return FALSE;
    }

  return TRUE;
}

/* Generation runs on its own thread while this one writes: on two cores
 * that hides most of the cost of building the objects. */
enum { TOKEN_GO = 1, TOKEN_STOP = 2 };

typedef struct
{
  GAsyncQueue  *full;         /* GPtrArray batches, then a NULL-marker */
  GAsyncQueue  *tokens;       /* bounds the batches in flight */
  CltSampleGenerator *generator;
  GCancellable *cancellable;
  gint          stop;
} Producer;

static gpointer
produce_batches (gpointer user_data)
{
  Producer *producer = user_data;

  for (;;)
    {
      GPtrArray *batch;

      /* A token per batch: at most a few batches wait in memory. */
      if (GPOINTER_TO_INT (g_async_queue_pop (producer->tokens)) == TOKEN_STOP ||
          g_atomic_int_get (&producer->stop))
        break;

      batch = clt_sample_generator_next_n (producer->generator, N_SAMPLE_BATCH);
      g_async_queue_push (producer->full, batch);
    }

  return NULL;
}

static gboolean
load_sample_write (CltSqliteStore *self,
                   sqlite3        *db,
                   gpointer        user_data,
                   GCancellable   *cancellable,
                   GTask          *task,
                   GError        **error)
{
  SampleData *data = user_data;
  g_autoptr(CltSampleGenerator) generator = NULL;
  g_autoptr(GThread) thread = NULL;
  Producer producer = { 0 };
  Importer importer = { 0 };
  Bulk bulk = { 0 };
  gint64 existing = 0;
  guint64 n_generated = 0;
  guint32 seed = data->seed;
  gboolean ok = TRUE;

  if (!ensure_sample_sites_and_groups (self, db, error))
    return FALSE;

  existing = query_int (db, "SELECT count(*) FROM customers");

  /* Loading into a table that already has customers: another stream of
   * the same seed, so that a second load adds new people; the rare clash
   * of a number or email with an existing customer is skipped. */
  if (existing > 0)
    seed ^= (guint32) (existing * 2654435761u) | 1;

  if (!bulk_begin (self, db, data->n_customers, &bulk, error) ||
      !importer_init (self, db, &importer, error))
    {
      importer_clear (&importer);
      return bulk_end (self, db, &bulk, FALSE, error);
    }
  importer.skip_conflicts = existing > 0;

  generator = clt_sample_generator_new (seed);
  producer.full = g_async_queue_new_full ((GDestroyNotify) g_ptr_array_unref);
  producer.tokens = g_async_queue_new ();
  producer.generator = generator;
  for (guint i = 0; i < 3; i++)
    g_async_queue_push (producer.tokens, GINT_TO_POINTER (TOKEN_GO));
  thread = g_thread_new ("clt-sample", produce_batches, &producer);

  while (ok && importer.n_written < data->n_customers)
    {
      g_autoptr(GPtrArray) batch = g_async_queue_pop (producer.full);

      g_async_queue_push (producer.tokens, GINT_TO_POINTER (TOKEN_GO));

      for (guint i = 0; ok && i < batch->len && importer.n_written < data->n_customers; i++)
        ok = import_one (self, db, &importer, g_ptr_array_index (batch, i), error);
      n_generated += batch->len;

      if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;

      /* Only clashes for a long time: the table holds this stream already. */
      if (ok && n_generated > 2 * (guint64) data->n_customers + N_SAMPLE_BATCH)
        break;
    }

  g_atomic_int_set (&producer.stop, 1);
  g_async_queue_push (producer.tokens, GINT_TO_POINTER (TOKEN_STOP));
  g_thread_join (g_steal_pointer (&thread));
  g_async_queue_unref (producer.full);
  g_async_queue_unref (producer.tokens);
  importer_clear (&importer);
  ok = bulk_end (self, db, &bulk, ok, error);

  if (ok)
    {
      request_checkpoint (task);
      g_task_return_boolean (task, TRUE);
    }
  return ok;
}

static void
clt_sqlite_store_load_sample (CltStore            *store,
                              guint                n_customers,
                              guint32              seed,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  SampleData *data = g_new0 (SampleData, 1);

  data->n_customers = n_customers;
  data->seed = seed;
  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_load_sample, load_sample_write,
             data, g_free, TRUE, NULL, cancellable, callback, user_data);
}

/* }}} */

/* Addresses, notes, orders {{{ */

/* Builds one object from the current row of a list query. */
typedef gpointer (*RowFunc) (sqlite3_stmt  *stmt,
                             gconstpointer  row_data);

/* Steps @stmt (prepared and bound) to its end and returns on @task the
 * array of the objects @read_row builds from its rows. */
static gboolean
return_rows (CltSqliteStore *self,
             sqlite3        *db,
             sqlite3_stmt   *stmt,
             RowFunc         read_row,
             gconstpointer   row_data,
             GTask          *task,
             GError        **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (objects, read_row (stmt, row_data));

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  g_task_return_pointer (task, g_steal_pointer (&objects), (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

typedef struct
{
  char *customer_id;
} IdData;

static void
id_data_free (IdData *data)
{
  g_free (data->customer_id);
  g_free (data);
}

static IdData *
id_data_new (const char *customer_id)
{
  IdData *data = g_new0 (IdData, 1);

  data->customer_id = g_strdup (customer_id);
  return data;
}

static gpointer
read_address_row (sqlite3_stmt  *stmt,
                  gconstpointer  row_data)
{
  const char *customer_id = row_data;
  CltAddress *address = clt_address_new ();

  clt_address_set_id (address, column_text (stmt, 0));
  clt_address_set_customer_id (address, customer_id);
  clt_address_set_salutation (address, column_text (stmt, 1));
  clt_address_set_first_name (address, column_text (stmt, 2));
  clt_address_set_last_name (address, column_text (stmt, 3));
  clt_address_set_address1 (address, column_text (stmt, 4));
  clt_address_set_address2 (address, column_text (stmt, 5));
  clt_address_set_address3 (address, column_text (stmt, 6));
  clt_address_set_zip_code (address, column_text (stmt, 7));
  clt_address_set_city (address, column_text (stmt, 8));
  clt_address_set_region (address, column_text (stmt, 9));
  clt_address_set_country (address, column_text (stmt, 10));
  clt_address_set_phone (address, column_text (stmt, 11));
  clt_address_set_company (address, column_text (stmt, 12));
  clt_address_set_comment (address, column_text (stmt, 13));
  clt_address_set_version (address, sqlite3_column_int64 (stmt, 14));

  return address;
}

static gboolean
list_addresses_read (CltSqliteStore *self,
                     Reader         *reader,
                     gpointer        user_data,
                     GCancellable   *cancellable,
                     GTask          *task,
                     GError        **error)
{
  IdData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 pk;

  if (!lookup_customer_pk (self, reader->db, data->customer_id, &pk, error))
    return FALSE;

  stmt = prepare (self, reader->db,
                  "SELECT id, salutation, first_name, last_name, address1, address2, address3,"
                  " zip_code, city, region, country, phone, company, comment, version"
                  " FROM addresses WHERE customer_pk = ? ORDER BY pk",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  return return_rows (self, reader->db, stmt, read_address_row, data->customer_id, task, error);
}

static void
clt_sqlite_store_list_addresses (CltStore            *store,
                                 const char          *customer_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_addresses, list_addresses_read,
            id_data_new (customer_id), (GDestroyNotify) id_data_free,
            cancellable, callback, user_data);
}

static gpointer
read_note_row (sqlite3_stmt  *stmt,
               gconstpointer  row_data)
{
  const char *customer_id = row_data;
  CltNote *note = clt_note_new ();
  g_autoptr(GDateTime) created = column_date_time (stmt, 3);

  clt_note_set_id (note, sqlite3_column_int64 (stmt, 0));
  clt_note_set_customer_id (note, customer_id);
  clt_note_set_author (note, column_text (stmt, 1));
  clt_note_set_message (note, column_text (stmt, 2));
  clt_note_set_created (note, created);

  return note;
}

static gboolean
list_notes_read (CltSqliteStore *self,
                 Reader         *reader,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 GTask          *task,
                 GError        **error)
{
  IdData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 pk;

  if (!lookup_customer_pk (self, reader->db, data->customer_id, &pk, error))
    return FALSE;

  stmt = prepare (self, reader->db,
                  "SELECT id, author, message, created FROM notes WHERE customer_pk = ?"
                  " ORDER BY created DESC, id DESC",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  return return_rows (self, reader->db, stmt, read_note_row, data->customer_id, task, error);
}

static void
clt_sqlite_store_list_notes (CltStore            *store,
                             const char          *customer_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_notes, list_notes_read,
            id_data_new (customer_id), (GDestroyNotify) id_data_free,
            cancellable, callback, user_data);
}

static gpointer
read_order_row (sqlite3_stmt  *stmt,
                gconstpointer  row_data)
{
  const char *customer_id = row_data;
  CltOrder *order = clt_order_new ();
  g_autoptr(GDateTime) created = column_date_time (stmt, 1);

  clt_order_set_reference (order, column_text (stmt, 0));
  clt_order_set_customer_id (order, customer_id);
  clt_order_set_created (order, created);
  clt_order_set_status (order, column_text (stmt, 2));
  clt_order_set_total (order, sqlite3_column_int64 (stmt, 3));
  clt_order_set_currency (order, column_text (stmt, 4));
  clt_order_set_site (order, column_text (stmt, 5));

  return order;
}

static gboolean
list_orders_read (CltSqliteStore *self,
                  Reader         *reader,
                  gpointer        user_data,
                  GCancellable   *cancellable,
                  GTask          *task,
                  GError        **error)
{
  IdData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 pk;

  if (!lookup_customer_pk (self, reader->db, data->customer_id, &pk, error))
    return FALSE;

  stmt = prepare (self, reader->db,
                  "SELECT reference, created, status, total, currency, site FROM orders"
                  " WHERE customer_pk = ? ORDER BY created DESC, pk DESC",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  return return_rows (self, reader->db, stmt, read_order_row, data->customer_id, task, error);
}

static void
clt_sqlite_store_list_orders (CltStore            *store,
                              const char          *customer_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_orders, list_orders_read,
            id_data_new (customer_id), (GDestroyNotify) id_data_free,
            cancellable, callback, user_data);
}

/* }}} */

/* Sites, groups, companies, custom fields, preferences {{{ */

static gpointer
read_site_row (sqlite3_stmt  *stmt,
               gconstpointer  row_data)
{
  CltSite *site = clt_site_new ();

  clt_site_set_code (site, column_text (stmt, 0));
  clt_site_set_name (site, column_text (stmt, 1));
  clt_site_set_storefront_url (site, column_text (stmt, 2));
  clt_site_set_default_currency (site, column_text (stmt, 3));
  clt_site_set_default_locale (site, column_text (stmt, 4));
  clt_site_set_active (site, sqlite3_column_int (stmt, 5) != 0);
  clt_site_set_assisted_buying (site, sqlite3_column_int (stmt, 6) != 0);

  return site;
}

static gboolean
list_sites_read (CltSqliteStore *self,
                 Reader         *reader,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 GTask          *task,
                 GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, reader->db,
                  "SELECT code, name, storefront_url, default_currency, default_locale, active,"
                  " assisted_buying FROM sites ORDER BY position, code",
                  error);
  if (stmt == NULL)
    return FALSE;

  return return_rows (self, reader->db, stmt, read_site_row, NULL, task, error);
}

static void
clt_sqlite_store_list_sites (CltStore            *store,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_sites, list_sites_read,
            NULL, NULL, cancellable, callback, user_data);
}

static gpointer
read_group_row (sqlite3_stmt  *stmt,
                gconstpointer  row_data)
{
  CltGroup *group = clt_group_new ();

  clt_group_set_code (group, column_text (stmt, 0));
  clt_group_set_name (group, column_text (stmt, 1));
  clt_group_set_description (group, column_text (stmt, 2));

  return group;
}

static gboolean
list_groups_read (CltSqliteStore *self,
                  Reader         *reader,
                  gpointer        user_data,
                  GCancellable   *cancellable,
                  GTask          *task,
                  GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, reader->db,
                  "SELECT code, name, description FROM groups ORDER BY name COLLATE NOCASE, code",
                  error);
  if (stmt == NULL)
    return FALSE;

  return return_rows (self, reader->db, stmt, read_group_row, NULL, task, error);
}

static void
clt_sqlite_store_list_groups (CltStore            *store,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_groups, list_groups_read,
            NULL, NULL, cancellable, callback, user_data);
}

static char **
read_company_list (sqlite3_stmt *stmt,
                   const char   *company_id)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  bind_text (stmt, 1, company_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup (column_text (stmt, 0)));
  sqlite3_reset (stmt);
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* The statements that read a company's business units and roles. */
typedef struct
{
  sqlite3_stmt *units;
  sqlite3_stmt *roles;
} CompanyLists;

static gpointer
read_company_row (sqlite3_stmt  *stmt,
                  gconstpointer  row_data)
{
  const CompanyLists *lists = row_data;
  CltCompany *company = clt_company_new ();
  g_auto(GStrv) unit_names = read_company_list (lists->units, column_text (stmt, 0));
  g_auto(GStrv) role_names = read_company_list (lists->roles, column_text (stmt, 0));

  clt_company_set_id (company, column_text (stmt, 0));
  clt_company_set_name (company, column_text (stmt, 1));
  clt_company_set_business_units (company, (const char * const *) unit_names);
  clt_company_set_roles (company, (const char * const *) role_names);

  return company;
}

static gboolean
list_companies_read (CltSqliteStore *self,
                     Reader         *reader,
                     gpointer        user_data,
                     GCancellable   *cancellable,
                     GTask          *task,
                     GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(sqlite3_stmt) roles = NULL;
  CompanyLists lists;

  stmt = prepare (self, reader->db, "SELECT id, name FROM companies ORDER BY name_key, id", error);
  if (stmt == NULL)
    return FALSE;
  units = prepare (self, reader->db,
                   "SELECT name FROM company_business_units WHERE company_id = ?"
                   " ORDER BY position, name",
                   error);
  if (units == NULL)
    return FALSE;
  roles = prepare (self, reader->db,
                   "SELECT name FROM company_roles WHERE company_id = ? ORDER BY position, name",
                   error);
  if (roles == NULL)
    return FALSE;

  lists.units = units;
  lists.roles = roles;
  return return_rows (self, reader->db, stmt, read_company_row, &lists, task, error);
}

static void
clt_sqlite_store_list_companies (CltStore            *store,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_companies, list_companies_read,
            NULL, NULL, cancellable, callback, user_data);
}

static gpointer
read_custom_field_row (sqlite3_stmt  *stmt,
                       gconstpointer  row_data)
{
  CltCustomField *field = clt_custom_field_new ();

  clt_custom_field_set_key (field, column_text (stmt, 0));
  clt_custom_field_set_label (field, column_text (stmt, 1));
  clt_custom_field_set_field_type (field, sqlite3_column_int (stmt, 2));
  clt_custom_field_set_show_as_column (field, sqlite3_column_int (stmt, 3) != 0);

  return field;
}

static gboolean
list_custom_fields_read (CltSqliteStore *self,
                         Reader         *reader,
                         gpointer        user_data,
                         GCancellable   *cancellable,
                         GTask          *task,
                         GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, reader->db,
                  "SELECT key, label, type, show_as_column FROM custom_fields"
                  " ORDER BY position, key",
                  error);
  if (stmt == NULL)
    return FALSE;

  return return_rows (self, reader->db, stmt, read_custom_field_row, NULL, task, error);
}

static void
clt_sqlite_store_list_custom_fields (CltStore            *store,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_custom_fields,
            list_custom_fields_read, NULL, NULL, cancellable, callback, user_data);
}

/* shop_preferences rows are keyed by the CltShopPreferences property
 * names; booleans are stored as "true"/"false". Unset keys keep the
 * object's defaults. */
static CltShopPreferences *
read_preferences (CltSqliteStore *self,
                  sqlite3        *db,
                  GError        **error)
{
  g_autoptr(CltShopPreferences) preferences = clt_shop_preferences_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (self, db, "SELECT key, value FROM shop_preferences", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = column_text (stmt, 0);
      const char *value = column_text (stmt, 1);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (preferences), key);

      if (pspec == NULL)
        continue;

      if (pspec->value_type == G_TYPE_BOOLEAN)
        g_object_set (preferences, key, g_strcmp0 (value, "true") == 0, NULL);
      else if (pspec->value_type == G_TYPE_STRING)
        g_object_set (preferences, key, value, NULL);
    }

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&preferences);
}

static gboolean
get_preferences_read (CltSqliteStore *self,
                      Reader         *reader,
                      gpointer        user_data,
                      GCancellable   *cancellable,
                      GTask          *task,
                      GError        **error)
{
  CltShopPreferences *preferences = read_preferences (self, reader->db, error);

  if (preferences == NULL)
    return FALSE;

  g_task_return_pointer (task, preferences, g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_get_preferences (CltStore            *store,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_get_preferences, get_preferences_read,
            NULL, NULL, cancellable, callback, user_data);
}

static void
clt_sqlite_store_get_current_user (CltStore            *store,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CltBackofficeUser *user;
  const char *real_name = g_get_real_name ();
  static const char * const roles[] = { "admin", NULL };

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, clt_sqlite_store_get_current_user);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The local database belongs to the desktop user, who may do anything. */
  user = clt_backoffice_user_new ();
  clt_backoffice_user_set_username (user, g_get_user_name ());
  clt_backoffice_user_set_display_name (user,
                                        real_name != NULL && g_strcmp0 (real_name, "Unknown") != 0
                                        ? real_name : g_get_user_name ());
  clt_backoffice_user_set_roles (user, roles);

  g_task_return_pointer (task, user, g_object_unref);
}

/* }}} */

/* Writes {{{ */

#define TOKEN_LIFETIME_USEC (G_GINT64_CONSTANT (7) * 24 * 3600 * G_USEC_PER_SEC)
#define MAX_NUMBER_ATTEMPTS 1000

static Op *
task_op (GTask *task)
{
  return g_task_get_task_data (task);
}

static void
set_changed_id (GTask      *task,
                const char *customer_id)
{
  Op *op = task_op (task);

  g_free (op->changed_id);
  op->changed_id = g_strdup (customer_id);
}

/* A unique value taken: CONFLICT, with the field named as for INVALID so
 * that a dialog shows the message next to it. */
static void
set_conflict (GError    **error,
              const char *field,
              const char *message)
{
  GError *conflict = clt_store_error_new_invalid (field, "%s", message);

  conflict->code = CLT_STORE_ERROR_CONFLICT;
  g_propagate_error (error, conflict);
}

static gint64
now_usec (void)
{
  return g_get_real_time ();
}

static gboolean
step_expect_done (CltSqliteStore *self,
                  sqlite3        *db,
                  sqlite3_stmt   *stmt,
                  GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

/* Runs @sql with one text parameter; TRUE in *@found when it returns a row. */
static gboolean
exists_text (CltSqliteStore *self,
             sqlite3        *db,
             const char     *sql,
             const char     *param,
             gboolean       *found,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, param);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  *found = rc == SQLITE_ROW;
  return TRUE;
}

/* The pk of a customer that may be written: anonymized ones are gone. */
static gboolean
lookup_live_customer (CltSqliteStore *self,
                      sqlite3        *db,
                      const char     *customer_id,
                      gint64         *pk,
                      GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (self, db,
                  "SELECT pk FROM customers WHERE id = ? AND anonymized_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *pk = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
               _("The customer no longer exists."));
  return FALSE;
}

static gboolean
read_customer_by_pk (CltSqliteStore  *self,
                     sqlite3         *db,
                     gint64           pk,
                     CltCustomer    **out,
                     GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) customers = NULL;

  stmt = prepare (self, db, "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.pk = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  if (!select_customers (self, db, stmt, &customers, error))
    return FALSE;

  if (customers->len == 0)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                   _("The customer no longer exists."));
      return FALSE;
    }

  *out = g_object_ref (g_ptr_array_index (customers, 0));
  return TRUE;
}

static char *
meta_get (sqlite3    *db,
          const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM clt_meta WHERE key = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);

  return value;
}

static gboolean
meta_set (CltSqliteStore *self,
          sqlite3        *db,
          const char     *key,
          const char     *value,
          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, db, "INSERT OR REPLACE INTO clt_meta (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, key);
  bind_text (stmt, 2, value);
  return step_expect_done (self, db, stmt, error);
}

/* The next customer number: the shop's prefix and a keyed permutation of
 * a sequence kept in clt_meta with its secret key. Sample data uses keys
 * of its own, so a number may be taken already: then the next one. */
static char *
next_customer_number (CltSqliteStore     *self,
                      sqlite3            *db,
                      CltShopPreferences *preferences,
                      GError            **error)
{
  g_autofree char *key = meta_get (db, "customer_number_key");
  g_autofree char *sequence_text = meta_get (db, "customer_number_sequence");
  guint64 sequence = 0;

  if (key == NULL || !clt_customer_number_key_is_valid (key))
    {
      g_free (key);
      key = clt_customer_number_generate_key ();
      if (!meta_set (self, db, "customer_number_key", key, error))
        return NULL;
    }

  if (sequence_text != NULL)
    sequence = g_ascii_strtoull (sequence_text, NULL, 10);

  for (guint attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt++)
    {
      g_autofree char *number = NULL;
      g_autofree char *number_key = NULL;
      g_autofree char *stored = NULL;
      gboolean taken = FALSE;

      sequence++;
      if (sequence > CLT_CUSTOMER_NUMBER_MAX_SEQUENCE)
        break;

      number = clt_customer_number_format (key,
                                           clt_shop_preferences_get_customer_number_prefix (preferences),
                                           sequence);
      number_key = clt_fold_text (number);
      if (!exists_text (self, db, "SELECT 1 FROM customers WHERE number_key = ?",
                        number_key, &taken, error))
        return NULL;
      if (taken)
        continue;

      stored = g_strdup_printf ("%" G_GUINT64_FORMAT, sequence);
      if (!meta_set (self, db, "customer_number_sequence", stored, error))
        return NULL;

      return g_steal_pointer (&number);
    }

  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
               _("No free customer number could be found."));
  return NULL;
}

/* Verification and password links: the token goes out by email, only its
 * SHA-256 is kept. Returns the token. */
static char *
make_token (CltSqliteStore *self,
            sqlite3        *db,
            gint64          customer_pk,
            const char     *purpose,
            GError        **error)
{
  g_autofree char *token = clt_customer_number_generate_key ();
  g_autofree char *more = clt_customer_number_generate_key ();
  g_autofree char *full = g_strconcat (token, more, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, full, -1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = now_usec ();

  stmt = prepare (self, db,
                  "INSERT INTO customer_tokens (token_hash, customer_pk, purpose, created, expires)"
                  " VALUES (?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, hash);
  sqlite3_bind_int64 (stmt, 2, customer_pk);
  bind_text (stmt, 3, purpose);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, now + TOKEN_LIFETIME_USEC);
  if (!step_expect_done (self, db, stmt, error))
    return NULL;

  return g_steal_pointer (&full);
}

/* Where links point: the storefront of the customer's preferred site, else
 * of the first site that has one. */
static char *
storefront_base (sqlite3    *db,
                 const char *preferred_site)
{
  sqlite3_stmt *stmt = NULL;
  char *url = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT storefront_url FROM sites WHERE storefront_url <> ''"
                          " ORDER BY code = ? DESC, position, code LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, preferred_site != NULL ? preferred_site : "", -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        url = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);

  if (url == NULL)
    url = g_strdup ("https://shop.example/");

  if (!g_str_has_suffix (url, "/"))
    {
      char *with_slash = g_strconcat (url, "/", NULL);

      g_free (url);
      url = with_slash;
    }

  return url;
}

static gboolean
queue_email (CltSqliteStore *self,
             sqlite3        *db,
             gint64          customer_pk,
             const char     *recipient,
             const char     *kind,
             const char     *subject,
             const char     *body,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, db,
                  "INSERT INTO email_outbox (customer_pk, recipient, subject, body, kind, state, created)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_pk);
  bind_text (stmt, 2, recipient);
  bind_text (stmt, 3, subject);
  bind_text (stmt, 4, body);
  bind_text (stmt, 5, kind);
  sqlite3_bind_int (stmt, 6, CLT_EMAIL_STATE_QUEUED);
  sqlite3_bind_int64 (stmt, 7, now_usec ());
  return step_expect_done (self, db, stmt, error);
}

typedef enum
{
  MAIL_VERIFICATION,
  MAIL_PASSWORD_TOKEN,
  MAIL_INITIAL_PASSWORD,
  MAIL_ACCOUNT_PREPARED,
  MAIL_ACCOUNT_ACTIVE,
  MAIL_PASSWORD_RESET,
} MailKind;

static const char * const mail_kinds[] = {
  [MAIL_VERIFICATION]     = "verification",
  [MAIL_PASSWORD_TOKEN]   = "password-token",
  [MAIL_INITIAL_PASSWORD] = "initial-password",
  [MAIL_ACCOUNT_PREPARED] = "account-prepared",
  [MAIL_ACCOUNT_ACTIVE]   = "account-active",
  [MAIL_PASSWORD_RESET]   = "password-reset",
};

/* Writes the mail of @kind for the stored customer @customer, with a fresh
 * link token where the mail has a link. @password only for the
 * initial-password and account-prepared mails. */
static gboolean
send_mail (CltSqliteStore     *self,
           sqlite3            *db,
           gint64              pk,
           CltCustomer        *customer,
           CltShopPreferences *preferences,
           MailKind            kind,
           const char         *password,
           GError            **error)
{
  const char *shop = clt_shop_preferences_get_shop_name (preferences);
  g_autofree char *base = storefront_base (db, clt_customer_get_preferred_site (customer));
  g_autofree char *greeting = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *token = NULL;
  g_autofree char *link = NULL;
  g_autofree char *signature = NULL;

  if (shop[0] == '\0')
    shop = _("our shop");

  greeting = g_strdup_printf (_("Dear %s %s,"), clt_customer_get_first_name (customer),
                              clt_customer_get_last_name (customer));
  signature = g_strdup_printf (_("Kind regards,\n%s"), shop);

  switch (kind)
    {
    case MAIL_VERIFICATION:
      token = make_token (self, db, pk, "verification", error);
      if (token == NULL)
        return FALSE;
      link = g_strconcat (base, "verify?token=", token, NULL);
      subject = g_strdup_printf (_("Please confirm your email address for %s"), shop);
      body = g_strdup_printf (_("%s\n\nan account has been created for you at %s. "
                                "Please confirm your email address by opening this link:\n\n%s\n\n"
                                "The link is valid for 7 days.\n\n%s"),
                              greeting, shop, link, signature);
      break;

    case MAIL_PASSWORD_TOKEN:
      token = make_token (self, db, pk, "password", error);
      if (token == NULL)
        return FALSE;
      link = g_strconcat (base, "set-password?token=", token, NULL);
      subject = g_strdup_printf (_("Set the password for your %s account"), shop);
      body = g_strdup_printf (_("%s\n\nto set the password for your account, open this link:\n\n%s\n\n"
                                "The link is valid for 7 days.\n\n%s"),
                              greeting, link, signature);
      break;

    case MAIL_INITIAL_PASSWORD:
      subject = g_strdup_printf (_("Your %s account"), shop);
      body = g_strdup_printf (_("%s\n\nyour account at %s is ready. You can sign in with your "
                                "email address %s and this password:\n\n%s\n\n"
                                "Please change it after signing in.\n\n%s"),
                              greeting, shop, clt_customer_get_email (customer), password,
                              signature);
      break;

    case MAIL_ACCOUNT_PREPARED:
      subject = g_strdup_printf (_("Your %s account is being prepared"), shop);
      body = g_strdup_printf (_("%s\n\nan account at %s has been created for you and is being "
                                "prepared. You cannot sign in yet: we will send you another "
                                "email as soon as the account is active. Then sign in with your "
                                "email address %s and this password:\n\n%s\n\n%s"),
                              greeting, shop, clt_customer_get_email (customer), password,
                              signature);
      break;

    case MAIL_ACCOUNT_ACTIVE:
      subject = g_strdup_printf (_("Your %s account is now active"), shop);
      body = g_strdup_printf (_("%s\n\nyour account at %s is now active. You can sign in with your "
                                "email address %s and the password from our first email.\n\n%s"),
                              greeting, shop, clt_customer_get_email (customer), signature);
      break;

    case MAIL_PASSWORD_RESET:
      token = make_token (self, db, pk, "password", error);
      if (token == NULL)
        return FALSE;
      link = g_strconcat (base, "reset-password?token=", token, NULL);
      subject = g_strdup_printf (_("Reset the password for your %s account"), shop);
      body = g_strdup_printf (_("%s\n\nto choose a new password for your account, open this link:\n\n%s\n\n"
                                "The link is valid for 7 days. If you did not ask for a new "
                                "password, you can ignore this email.\n\n%s"),
                              greeting, link, signature);
      break;

    default:
      g_assert_not_reached ();
    }

  return queue_email (self, db, pk, clt_customer_get_email (customer), mail_kinds[kind],
                      subject, body, error);
}

/* Group codes must name existing groups, custom field keys existing
 * definitions. */
static gboolean
check_references (CltSqliteStore *self,
                  sqlite3        *db,
                  CltCustomer    *customer,
                  const char     *stored_site,
                  GError        **error)
{
  const char * const *groups = clt_customer_get_groups (customer);
  GVariant *fields = clt_customer_get_custom_fields (customer);
  const char *site = clt_customer_get_preferred_site (customer);
  gboolean found;

  for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
    {
      if (!exists_text (self, db, "SELECT 1 FROM groups WHERE code = ?", groups[i], &found, error))
        return FALSE;
      if (!found)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("groups",
                                                                 _("There is no group “%s”."),
                                                                 groups[i]));
          return FALSE;
        }
    }

  /* An imported customer may name a site this database does not know:
   * only a changed preferred site must exist. */
  if (site[0] != '\0' && g_strcmp0 (site, stored_site) != 0)
    {
      if (!exists_text (self, db, "SELECT 1 FROM sites WHERE code = ?", site, &found, error))
        return FALSE;
      if (!found)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("preferred-site",
                                                                 _("There is no site “%s”."),
                                                                 site));
          return FALSE;
        }
    }

  if (fields != NULL && g_variant_is_of_type (fields, G_VARIANT_TYPE_VARDICT))
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, fields);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          g_variant_unref (value);
          if (!exists_text (self, db, "SELECT 1 FROM custom_fields WHERE key = ?", key, &found, error))
            return FALSE;
          if (!found)
            {
              g_propagate_error (error, clt_store_error_new_invalid ("custom-fields",
                                                                     _("There is no custom field “%s”."),
                                                                     key));
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* Replaces the customer's groups and custom field values. */
static gboolean
write_groups (CltSqliteStore     *self,
              sqlite3            *db,
              gint64              pk,
              const char * const *groups,
              GError            **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  clear = prepare (self, db, "DELETE FROM customer_groups WHERE customer_pk = ?", error);
  if (clear == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, pk);
  if (!step_expect_done (self, db, clear, error))
    return FALSE;

  insert = prepare (self, db,
                    "INSERT OR IGNORE INTO customer_groups (customer_pk, group_code) VALUES (?, ?)",
                    error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
    {
      sqlite3_bind_int64 (insert, 1, pk);
      bind_text (insert, 2, groups[i]);
      if (!step_done (self, db, insert, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_custom_fields (CltSqliteStore *self,
                     sqlite3        *db,
                     gint64          pk,
                     GVariant       *fields,
                     GError        **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  clear = prepare (self, db, "DELETE FROM customer_field_values WHERE customer_pk = ?", error);
  if (clear == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, pk);
  if (!step_expect_done (self, db, clear, error))
    return FALSE;

  if (fields == NULL || !g_variant_is_of_type (fields, G_VARIANT_TYPE_VARDICT))
    return TRUE;

  insert = prepare (self, db,
                    "INSERT OR REPLACE INTO customer_field_values (customer_pk, field_key, value)"
                    " VALUES (?, ?, ?)",
                    error);
  if (insert == NULL)
    return FALSE;

  g_variant_iter_init (&iter, fields);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      gboolean ok;

      sqlite3_bind_int64 (insert, 1, pk);
      bind_text (insert, 2, key);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (insert, 3, g_variant_get_double (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        sqlite3_bind_int (insert, 3, g_variant_get_boolean (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        bind_text (insert, 3, g_variant_get_string (value, NULL));
      else
        {
          g_autofree char *printed = g_variant_print (value, FALSE);
          bind_text (insert, 3, printed);
        }
      g_variant_unref (value);

      ok = step_done (self, db, insert, error);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* zip code, city and country of the customer's default billing address,
 * else of the first address, else empty: what the table shows. */
static gboolean
refresh_location (CltSqliteStore *self,
                  sqlite3        *db,
                  gint64          pk,
                  GError        **error)
{
  g_autoptr(sqlite3_stmt) pick = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *zip_code = NULL;
  g_autofree char *city = NULL;
  g_autofree char *country = NULL;
  g_autofree char *zip_key = NULL;
  g_autofree char *city_key = NULL;
  int rc;

  pick = prepare (self, db,
                  "SELECT a.zip_code, a.city, a.country FROM addresses a"
                  " JOIN customers c ON c.pk = a.customer_pk"
                  " WHERE a.customer_pk = ?1"
                  " ORDER BY a.id = c.default_billing_address DESC, a.pk LIMIT 1",
                  error);
  if (pick == NULL)
    return FALSE;

  sqlite3_bind_int64 (pick, 1, pk);
  rc = sqlite3_step (pick);
  if (rc == SQLITE_ROW)
    {
      zip_code = g_strdup (column_text (pick, 0));
      city = g_strdup (column_text (pick, 1));
      country = g_strdup (column_text (pick, 2));
    }
  else if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  zip_key = clt_fold_text (zip_code != NULL ? zip_code : "");
  city_key = clt_fold_text (city != NULL ? city : "");

  update = prepare (self, db,
                    "UPDATE customers SET zip_code = ?, city = ?, country = ?, zip_key = ?,"
                    " city_key = ? WHERE pk = ?",
                    error);
  if (update == NULL)
    return FALSE;

  bind_text (update, 1, zip_code);
  bind_text (update, 2, city);
  bind_text (update, 3, country);
  bind_text (update, 4, zip_key);
  bind_text (update, 5, city_key);
  sqlite3_bind_int64 (update, 6, pk);
  return step_expect_done (self, db, update, error);
}

typedef struct
{
  CltCustomer *customer;
  char        *password;
  gboolean     send_password_token;
} CustomerWriteData;

static void
customer_write_data_free (CustomerWriteData *data)
{
  g_clear_object (&data->customer);
  if (data->password != NULL)
    {
      memset (data->password, 0, strlen (data->password));
      g_free (data->password);
    }
  g_free (data);
}

static gboolean
create_customer_write (CltSqliteStore *self,
                       sqlite3        *db,
                       gpointer        user_data,
                       GCancellable   *cancellable,
                       GTask          *task,
                       GError        **error)
{
  CustomerWriteData *data = user_data;
  CltCustomer *customer = data->customer;
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *email = clt_validate_normalize_email (clt_customer_get_email (customer));
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *password_hash = NULL;
  g_autofree char *roles = join_lines (clt_customer_get_roles (customer));
  g_autofree char *number_key = NULL;
  g_autofree char *email_key = NULL;
  g_autofree char *first_name_key = NULL;
  g_autofree char *last_name_key = NULL;
  g_autofree char *company_key = NULL;
  const char *company_id = clt_customer_get_company_id (customer);
  gboolean taken = FALSE;
  gint64 now = now_usec ();
  gint64 pk;

  preferences = read_preferences (self, db, error);
  if (preferences == NULL)
    return FALSE;

  if (!exists_text (self, db, "SELECT 1 FROM customers WHERE email = ? COLLATE NOCASE",
                    email, &taken, error))
    return FALSE;
  if (taken)
    {
      set_conflict (error, "email", _("Another customer already uses this email address."));
      return FALSE;
    }

  if (clt_customer_get_id (customer)[0] != '\0')
    {
      id = g_strdup (clt_customer_get_id (customer));
      if (!exists_text (self, db, "SELECT 1 FROM customers WHERE id = ?", id, &taken, error))
        return FALSE;
      if (taken)
        {
          set_conflict (error, "id", _("Another customer already has this ID."));
          return FALSE;
        }
    }
  else
    {
      do
        {
          g_free (id);
          id = make_random_id (16);
          if (!exists_text (self, db, "SELECT 1 FROM customers WHERE id = ?", id, &taken, error))
            return FALSE;
        }
      while (taken);
    }

  if (!check_references (self, db, customer, NULL, error))
    return FALSE;

  if (company_id[0] != '\0')
    {
      if (!exists_text (self, db, "SELECT 1 FROM companies WHERE id = ?", company_id, &taken, error))
        return FALSE;
      if (!taken)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("company-id",
                                                                 _("There is no company “%s”."),
                                                                 company_id));
          return FALSE;
        }
    }

  if (data->password != NULL && data->password[0] != '\0')
    {
      password_hash = clt_password_hash (data->password, error);
      if (password_hash == NULL)
        return FALSE;
    }

  number = next_customer_number (self, db, preferences, error);
  if (number == NULL)
    return FALSE;

  number_key = clt_fold_text (number);
  email_key = clt_fold_text (email);
  first_name_key = clt_fold_text (clt_customer_get_first_name (customer));
  last_name_key = clt_fold_text (clt_customer_get_last_name (customer));
  company_key = clt_fold_text (clt_customer_get_company (customer));

  stmt = prepare (self, db,
    "INSERT INTO customers (id, number, email, salutation, title, first_name, middle_name,"
    " last_name, gender, date_of_birth, phone, company, locale, currency, preferred_site,"
    " restriction, active, on_hold, verified, registered, updated, company_id,"
    " business_unit, roles, password_hash, version, number_key, email_key, first_name_key,"
    " last_name_key, company_key)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
    " ?18, 0, ?19, ?19, ?20, ?21, ?22, ?23, 1, ?24, ?25, ?26, ?27, ?28)",
    error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  bind_text (stmt, 2, number);
  bind_text (stmt, 3, email);
  bind_text (stmt, 4, clt_customer_get_salutation (customer));
  bind_text (stmt, 5, clt_customer_get_title (customer));
  bind_text (stmt, 6, clt_customer_get_first_name (customer));
  bind_text (stmt, 7, clt_customer_get_middle_name (customer));
  bind_text (stmt, 8, clt_customer_get_last_name (customer));
  sqlite3_bind_int (stmt, 9, clt_customer_get_gender (customer));
  bind_text (stmt, 10, clt_customer_get_date_of_birth (customer));
  bind_text (stmt, 11, clt_customer_get_phone (customer));
  bind_text (stmt, 12, clt_customer_get_company (customer));
  bind_text (stmt, 13, clt_customer_get_locale (customer));
  bind_text (stmt, 14, clt_customer_get_currency (customer));
  bind_text (stmt, 15, clt_customer_get_preferred_site (customer));
  bind_text (stmt, 16, clt_customer_get_restriction (customer));
  sqlite3_bind_int (stmt, 17, clt_customer_get_active (customer));
  sqlite3_bind_int (stmt, 18, clt_customer_get_on_hold (customer));
  sqlite3_bind_int64 (stmt, 19, now);
  if (company_id[0] != '\0')
    bind_text (stmt, 20, company_id);
  else
    sqlite3_bind_null (stmt, 20);
  bind_text (stmt, 21, clt_customer_get_business_unit (customer));
  bind_text (stmt, 22, roles);
  bind_text (stmt, 23, password_hash);
  bind_text (stmt, 24, number_key);
  bind_text (stmt, 25, email_key);
  bind_text (stmt, 26, first_name_key);
  bind_text (stmt, 27, last_name_key);
  bind_text (stmt, 28, company_key);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  pk = sqlite3_last_insert_rowid (db);

  if (!write_groups (self, db, pk, clt_customer_get_groups (customer), error) ||
      !write_custom_fields (self, db, pk, clt_customer_get_custom_fields (customer), error))
    return FALSE;

  if (!read_customer_by_pk (self, db, pk, &stored, error))
    return FALSE;

  /* The mails the shop rules ask for: always the verification link; the
   * password link when asked; with an initial password, the password
   * itself, or the "being prepared" mail for an account that cannot sign
   * in yet (Emporix). */
  if (!send_mail (self, db, pk, stored, preferences, MAIL_VERIFICATION, NULL, error))
    return FALSE;
  if (data->send_password_token &&
      !send_mail (self, db, pk, stored, preferences, MAIL_PASSWORD_TOKEN, NULL, error))
    return FALSE;
  if (password_hash != NULL)
    {
      gboolean ready = clt_customer_get_active (stored) && !clt_customer_get_on_hold (stored);

      if (!send_mail (self, db, pk, stored, preferences,
                      ready ? MAIL_INITIAL_PASSWORD : MAIL_ACCOUNT_PREPARED,
                      data->password, error))
        return FALSE;
    }

  set_changed_id (task, id);
  g_task_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_create_customer (CltStore            *store,
                                  CltCustomer         *customer,
                                  const char          *initial_password,
                                  gboolean             send_password_token,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CltSqliteStore *self = CLT_SQLITE_STORE (store);
  CustomerWriteData *data;
  GError *error = NULL;
  g_autofree char *message = NULL;

  if (!clt_validate_customer (customer, CLT_VALIDATE_CREATE, &error) ||
      (initial_password != NULL && initial_password[0] != '\0' &&
       !clt_validate_password (initial_password, &message)))
    {
      g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

      g_task_set_source_tag (task, clt_sqlite_store_create_customer);
      if (error == NULL)
        error = clt_store_error_new_invalid ("password", "%s", message);
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (CustomerWriteData, 1);
  data->customer = clt_customer_copy (customer);
  data->password = g_strdup (initial_password);
  data->send_password_token = send_password_token;
  run_write (self, clt_sqlite_store_create_customer, create_customer_write, data,
             (GDestroyNotify) customer_write_data_free, TRUE, NULL,
             cancellable, callback, user_data);
}

/* Whether the address @address_id belongs to the customer @pk. */
static gboolean
address_exists (CltSqliteStore *self,
                sqlite3        *db,
                gint64          pk,
                const char     *address_id,
                gboolean       *found,
                GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (self, db, "SELECT 1 FROM addresses WHERE customer_pk = ? AND id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  bind_text (stmt, 2, address_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  *found = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
customer_has_mail (sqlite3    *db,
                   gint64      pk,
                   const char *kind)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM email_outbox WHERE customer_pk = ? AND kind = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, pk);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);

  return found;
}

static gboolean
update_customer_write (CltSqliteStore *self,
                       sqlite3        *db,
                       gpointer        user_data,
                       GCancellable   *cancellable,
                       GTask          *task,
                       GError        **error)
{
  CustomerWriteData *data = user_data;
  CltCustomer *customer = data->customer;
  g_autoptr(CltCustomer) before = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *roles = join_lines (clt_customer_get_roles (customer));
  g_autofree char *first_name_key = NULL;
  g_autofree char *last_name_key = NULL;
  g_autofree char *company_key = NULL;
  const char *company_id = clt_customer_get_company_id (customer);
  const char *defaults[2] = {
    clt_customer_get_default_billing_address (customer),
    clt_customer_get_default_shipping_address (customer),
  };
  static const char * const default_fields[2] = {
    "default-billing-address", "default-shipping-address",
  };
  gboolean was_ready, is_ready;
  gboolean found;
  gint64 pk;

  if (!lookup_live_customer (self, db, clt_customer_get_id (customer), &pk, error) ||
      !read_customer_by_pk (self, db, pk, &before, error))
    return FALSE;

  if (clt_customer_get_version (before) != clt_customer_get_version (customer))
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE,
                   _("Someone else changed this customer in the meantime. "
                     "Reload it and make your changes again."));
      return FALSE;
    }

  if (clt_customer_get_email (customer)[0] != '\0')
    {
      g_autofree char *email = clt_validate_normalize_email (clt_customer_get_email (customer));
      g_autofree char *old = clt_validate_normalize_email (clt_customer_get_email (before));

      if (g_strcmp0 (email, old) != 0)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("email",
                                                                 _("The email address of a customer cannot be changed.")));
          return FALSE;
        }
    }

  for (guint i = 0; i < 2; i++)
    {
      if (defaults[i][0] == '\0')
        continue;
      if (!address_exists (self, db, pk, defaults[i], &found, error))
        return FALSE;
      if (!found)
        {
          g_propagate_error (error, clt_store_error_new_invalid (default_fields[i],
                                                                 _("This address does not belong to the customer.")));
          return FALSE;
        }
    }

  if (!check_references (self, db, customer, clt_customer_get_preferred_site (before), error))
    return FALSE;

  if (company_id[0] != '\0')
    {
      if (!exists_text (self, db, "SELECT 1 FROM companies WHERE id = ?", company_id, &found, error))
        return FALSE;
      if (!found)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("company-id",
                                                                 _("There is no company “%s”."),
                                                                 company_id));
          return FALSE;
        }
    }

  first_name_key = clt_fold_text (clt_customer_get_first_name (customer));
  last_name_key = clt_fold_text (clt_customer_get_last_name (customer));
  company_key = clt_fold_text (clt_customer_get_company (customer));

  stmt = prepare (self, db,
    "UPDATE customers SET salutation = ?1, title = ?2, first_name = ?3, middle_name = ?4,"
    " last_name = ?5, gender = ?6, date_of_birth = ?7, phone = ?8, company = ?9, locale = ?10,"
    " currency = ?11, preferred_site = ?12, restriction = ?13, active = ?14, on_hold = ?15,"
    " verified = ?16, updated = ?17, default_billing_address = ?18,"
    " default_shipping_address = ?19, company_id = ?20, business_unit = ?21, roles = ?22,"
    " first_name_key = ?23, last_name_key = ?24, company_key = ?25, version = version + 1"
    " WHERE pk = ?26",
    error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, clt_customer_get_salutation (customer));
  bind_text (stmt, 2, clt_customer_get_title (customer));
  bind_text (stmt, 3, clt_customer_get_first_name (customer));
  bind_text (stmt, 4, clt_customer_get_middle_name (customer));
  bind_text (stmt, 5, clt_customer_get_last_name (customer));
  sqlite3_bind_int (stmt, 6, clt_customer_get_gender (customer));
  bind_text (stmt, 7, clt_customer_get_date_of_birth (customer));
  bind_text (stmt, 8, clt_customer_get_phone (customer));
  bind_text (stmt, 9, clt_customer_get_company (customer));
  bind_text (stmt, 10, clt_customer_get_locale (customer));
  bind_text (stmt, 11, clt_customer_get_currency (customer));
  bind_text (stmt, 12, clt_customer_get_preferred_site (customer));
  bind_text (stmt, 13, clt_customer_get_restriction (customer));
  sqlite3_bind_int (stmt, 14, clt_customer_get_active (customer));
  sqlite3_bind_int (stmt, 15, clt_customer_get_on_hold (customer));
  sqlite3_bind_int (stmt, 16, clt_customer_get_verified (customer));
  sqlite3_bind_int64 (stmt, 17, now_usec ());
  bind_text (stmt, 18, defaults[0]);
  bind_text (stmt, 19, defaults[1]);
  if (company_id[0] != '\0')
    bind_text (stmt, 20, company_id);
  else
    sqlite3_bind_null (stmt, 20);
  bind_text (stmt, 21, clt_customer_get_business_unit (customer));
  bind_text (stmt, 22, roles);
  bind_text (stmt, 23, first_name_key);
  bind_text (stmt, 24, last_name_key);
  bind_text (stmt, 25, company_key);
  sqlite3_bind_int64 (stmt, 26, pk);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  if (!write_groups (self, db, pk, clt_customer_get_groups (customer), error) ||
      !write_custom_fields (self, db, pk, clt_customer_get_custom_fields (customer), error) ||
      !refresh_location (self, db, pk, error) ||
      !read_customer_by_pk (self, db, pk, &stored, error))
    return FALSE;

  /* Emporix: a prepared account that becomes active tells its customer. */
  was_ready = clt_customer_get_active (before) && !clt_customer_get_on_hold (before);
  is_ready = clt_customer_get_active (stored) && !clt_customer_get_on_hold (stored);
  if (!was_ready && is_ready &&
      customer_has_mail (db, pk, mail_kinds[MAIL_ACCOUNT_PREPARED]) &&
      !customer_has_mail (db, pk, mail_kinds[MAIL_ACCOUNT_ACTIVE]))
    {
      g_autoptr(CltShopPreferences) preferences = read_preferences (self, db, error);

      if (preferences == NULL ||
          !send_mail (self, db, pk, stored, preferences, MAIL_ACCOUNT_ACTIVE, NULL, error))
        return FALSE;
    }

  set_changed_id (task, clt_customer_get_id (stored));
  g_task_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
  return TRUE;
}

static void
return_invalid (CltStore            *store,
                gpointer             source_tag,
                GError              *error,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_error (task, error);
}

static void
clt_sqlite_store_update_customer (CltStore            *store,
                                  CltCustomer         *customer,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CustomerWriteData *data;
  GError *error = NULL;

  if (!clt_validate_customer (customer, CLT_VALIDATE_UPDATE, &error))
    {
      return_invalid (store, clt_sqlite_store_update_customer, error,
                      cancellable, callback, user_data);
      return;
    }

  data = g_new0 (CustomerWriteData, 1);
  data->customer = clt_customer_copy (customer);
  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_update_customer, update_customer_write,
             data, (GDestroyNotify) customer_write_data_free, TRUE,
             clt_customer_get_id (customer), cancellable, callback, user_data);
}

/* PRAGMA secure_delete for the writes that remove personal data (Debian
 * builds SQLite with it on by default; other builds may not): freed space
 * is zeroed instead of left for reuse. Returns the previous setting, for
 * restore_secure_delete (). */
static int
begin_secure_delete (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int previous = 0;

  if (sqlite3_prepare_v2 (db, "PRAGMA secure_delete", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    previous = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  sqlite3_exec (db, "PRAGMA secure_delete = ON", NULL, NULL, NULL);
  return previous;
}

static void
restore_secure_delete (sqlite3 *db,
                       int      previous)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA secure_delete = %d", previous);

  sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* Deleting is anonymizing: the row stays for the orders that refer to it,
 * everything personal goes, and with PRAGMA secure_delete the freed space
 * is zeroed so that the old text does not linger in the file. The search
 * index entry is replaced by the triggers; 'optimize' then merges the
 * index into one segment, which drops the old tokens for good. */
static gboolean
delete_customer_write (CltSqliteStore *self,
                       sqlite3        *db,
                       gpointer        user_data,
                       GCancellable   *cancellable,
                       GTask          *task,
                       GError        **error)
{
  IdData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *token = make_random_id (24);
  g_autofree char *anonymous = g_strdup_printf ("deleted-%s@anonymized.invalid", token);
  g_autofree char *old_email = NULL;
  gint64 now = now_usec ();
  gint64 pk;
  gboolean ok = FALSE;
  int secure_delete;
  static const char * const purge[] = {
    "DELETE FROM addresses WHERE customer_pk = ?1",
    "DELETE FROM notes WHERE customer_pk = ?1",
    "DELETE FROM customer_tokens WHERE customer_pk = ?1",
    "DELETE FROM customer_groups WHERE customer_pk = ?1",
    "DELETE FROM customer_field_values WHERE customer_pk = ?1",
    "UPDATE email_outbox SET recipient = ?2, subject = '', body = '', last_error = ''"
    " WHERE customer_pk = ?1 OR recipient = ?3 COLLATE NOCASE",
    /* The REST server's replay cache keeps response bodies. */
    "DELETE FROM idempotency_keys WHERE instr (lower (response), lower (?3)) > 0",
  };

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error))
    return FALSE;

  {
    g_autoptr(sqlite3_stmt) email = prepare (self, db, "SELECT email FROM customers WHERE pk = ?",
                                             error);

    if (email == NULL)
      return FALSE;
    sqlite3_bind_int64 (email, 1, pk);
    if (sqlite3_step (email) == SQLITE_ROW)
      old_email = g_strdup (column_text (email, 0));
  }

  secure_delete = begin_secure_delete (db);

  stmt = prepare (self, db,
    "UPDATE customers SET email = ?1, salutation = '', title = '', first_name = '',"
    " middle_name = '', last_name = '', gender = 0, date_of_birth = '', phone = '',"
    " company = '', restriction = '', active = 0, on_hold = 0, updated = ?2,"
    " anonymized_at = ?2, default_billing_address = '', default_shipping_address = '',"
    " zip_code = '', city = '', country = '', company_id = NULL, business_unit = '',"
    " roles = '', password_hash = '', version = version + 1, email_key = '',"
    " first_name_key = '', last_name_key = '', company_key = '', zip_key = '', city_key = ''"
    " WHERE pk = ?3",
    error);
  if (stmt == NULL)
    goto out;

  bind_text (stmt, 1, anonymous);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, pk);
  if (!step_expect_done (self, db, stmt, error))
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (purge); i++)
    {
      g_autoptr(sqlite3_stmt) p = prepare (self, db, purge[i], error);

      if (p == NULL)
        goto out;
      sqlite3_bind_int64 (p, 1, pk);
      /* ?2 the new address, ?3 the old one, where a statement has them. */
      if (sqlite3_bind_parameter_count (p) >= 3)
        {
          bind_text (p, 2, anonymous);
          bind_text (p, 3, old_email);
        }
      if (!step_expect_done (self, db, p, error))
        goto out;
    }

  if (!exec_sql (self, db, "INSERT INTO customers_fts (customers_fts) VALUES ('optimize')", error))
    goto out;

  ok = TRUE;

out:
  restore_secure_delete (db, secure_delete);
  if (ok)
    g_task_return_boolean (task, TRUE);
  return ok;
}

static void
clt_sqlite_store_delete_customer (CltStore            *store,
                                  const char          *customer_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_delete_customer, delete_customer_write,
             id_data_new (customer_id), (GDestroyNotify) id_data_free, TRUE, customer_id,
             cancellable, callback, user_data);
}

static gboolean
send_password_reset_write (CltSqliteStore *self,
                           sqlite3        *db,
                           gpointer        user_data,
                           GCancellable   *cancellable,
                           GTask          *task,
                           GError        **error)
{
  IdData *data = user_data;
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error) ||
      !read_customer_by_pk (self, db, pk, &customer, error))
    return FALSE;

  preferences = read_preferences (self, db, error);
  if (preferences == NULL ||
      !send_mail (self, db, pk, customer, preferences, MAIL_PASSWORD_RESET, NULL, error))
    return FALSE;

  g_task_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sqlite_store_send_password_reset (CltStore            *store,
                                      const char          *customer_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_send_password_reset,
             send_password_reset_write, id_data_new (customer_id), (GDestroyNotify) id_data_free,
             TRUE, customer_id, cancellable, callback, user_data);
}

/* Addresses {{{ */

typedef struct
{
  CltAddress    *address;
  char          *customer_id;
  char          *address_id;
  CltAddressUse  use;
} AddressData;

static void
address_data_free (AddressData *data)
{
  g_clear_object (&data->address);
  g_free (data->customer_id);
  g_free (data->address_id);
  g_free (data);
}

static gboolean
read_address (CltSqliteStore  *self,
              sqlite3         *db,
              gint64           pk,
              const char      *customer_id,
              const char      *address_id,
              CltAddress     **out,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* The columns read_address_row() expects. */
  stmt = prepare (self, db,
                  "SELECT id, salutation, first_name, last_name, address1, address2, address3,"
                  " zip_code, city, region, country, phone, company, comment, version"
                  " FROM addresses WHERE customer_pk = ? AND id = ?",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  bind_text (stmt, 2, address_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                   _("The address no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  *out = read_address_row (stmt, customer_id);
  return TRUE;
}

static void
bind_address_fields (sqlite3_stmt *stmt,
                     CltAddress   *address)
{
  /* ?3 … ?15, in the order of the addresses table. */
  bind_text (stmt, 3, clt_address_get_salutation (address));
  bind_text (stmt, 4, clt_address_get_first_name (address));
  bind_text (stmt, 5, clt_address_get_last_name (address));
  bind_text (stmt, 6, clt_address_get_address1 (address));
  bind_text (stmt, 7, clt_address_get_address2 (address));
  bind_text (stmt, 8, clt_address_get_address3 (address));
  bind_text (stmt, 9, clt_address_get_zip_code (address));
  bind_text (stmt, 10, clt_address_get_city (address));
  bind_text (stmt, 11, clt_address_get_region (address));
  bind_text (stmt, 12, clt_address_get_country (address));
  bind_text (stmt, 13, clt_address_get_phone (address));
  bind_text (stmt, 14, clt_address_get_company (address));
  bind_text (stmt, 15, clt_address_get_comment (address));
}

static gboolean
touch_customer (CltSqliteStore *self,
                sqlite3        *db,
                gint64          pk,
                GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, db, "UPDATE customers SET updated = ? WHERE pk = ?",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now_usec ());
  sqlite3_bind_int64 (stmt, 2, pk);
  return step_expect_done (self, db, stmt, error);
}

static gboolean
create_address_write (CltSqliteStore *self,
                      sqlite3        *db,
                      gpointer        user_data,
                      GCancellable   *cancellable,
                      GTask          *task,
                      GError        **error)
{
  AddressData *data = user_data;
  CltAddress *address = data->address;
  const char *customer_id = clt_address_get_customer_id (address);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) defaults = NULL;
  g_autoptr(CltAddress) stored = NULL;
  g_autofree char *id = NULL;
  gboolean taken = FALSE;
  gint64 pk;

  if (!lookup_live_customer (self, db, customer_id, &pk, error))
    return FALSE;

  if (clt_address_get_id (address)[0] != '\0')
    {
      id = g_strdup (clt_address_get_id (address));
      if (!address_exists (self, db, pk, id, &taken, error))
        return FALSE;
      if (taken)
        {
          set_conflict (error, "id", _("The customer already has an address with this ID."));
          return FALSE;
        }
    }
  else
    {
      do
        {
          g_free (id);
          id = make_random_id (12);
          if (!address_exists (self, db, pk, id, &taken, error))
            return FALSE;
        }
      while (taken);
    }

  stmt = prepare (self, db,
                  "INSERT INTO addresses (customer_pk, id, salutation, first_name, last_name,"
                  " address1, address2, address3, zip_code, city, region, country, phone, company,"
                  " comment, version)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 1)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  bind_text (stmt, 2, id);
  bind_address_fields (stmt, address);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  /* The first address becomes both defaults (and so does any address
   * while a default is unset). */
  defaults = prepare (self, db,
                      "UPDATE customers SET"
                      " default_billing_address = CASE default_billing_address WHEN '' THEN ?1"
                      "   ELSE default_billing_address END,"
                      " default_shipping_address = CASE default_shipping_address WHEN '' THEN ?1"
                      "   ELSE default_shipping_address END"
                      " WHERE pk = ?2",
                      error);
  if (defaults == NULL)
    return FALSE;
  bind_text (defaults, 1, id);
  sqlite3_bind_int64 (defaults, 2, pk);
  if (!step_expect_done (self, db, defaults, error) ||
      !refresh_location (self, db, pk, error) ||
      !touch_customer (self, db, pk, error) ||
      !read_address (self, db, pk, customer_id, id, &stored, error))
    return FALSE;

  g_task_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
  return TRUE;
}

/* Validates @address for @mode, then runs @func on a copy of it. */
static void
run_address_write (CltStore            *store,
                   gpointer             source_tag,
                   CltValidateMode      mode,
                   WriteFunc            func,
                   CltAddress          *address,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  AddressData *data;
  GError *error = NULL;

  if (!clt_validate_address (address, mode, &error))
    {
      return_invalid (store, source_tag, error, cancellable, callback, user_data);
      return;
    }

  data = g_new0 (AddressData, 1);
  data->address = clt_address_copy (address);
  run_write (CLT_SQLITE_STORE (store), source_tag, func,
             data, (GDestroyNotify) address_data_free, TRUE, clt_address_get_customer_id (address),
             cancellable, callback, user_data);
}

static void
clt_sqlite_store_create_address (CltStore            *store,
                                 CltAddress          *address,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  run_address_write (store, clt_sqlite_store_create_address, CLT_VALIDATE_CREATE,
                     create_address_write, address, cancellable, callback, user_data);
}

static gboolean
update_address_write (CltSqliteStore *self,
                      sqlite3        *db,
                      gpointer        user_data,
                      GCancellable   *cancellable,
                      GTask          *task,
                      GError        **error)
{
  AddressData *data = user_data;
  CltAddress *address = data->address;
  const char *customer_id = clt_address_get_customer_id (address);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(CltAddress) before = NULL;
  g_autoptr(CltAddress) stored = NULL;
  gint64 pk;

  if (!lookup_live_customer (self, db, customer_id, &pk, error) ||
      !read_address (self, db, pk, customer_id, clt_address_get_id (address), &before, error))
    return FALSE;

  if (clt_address_get_version (before) != clt_address_get_version (address))
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE,
                   _("Someone else changed this address in the meantime. "
                     "Reload it and make your changes again."));
      return FALSE;
    }

  stmt = prepare (self, db,
                  "UPDATE addresses SET salutation = ?3, first_name = ?4, last_name = ?5,"
                  " address1 = ?6, address2 = ?7, address3 = ?8, zip_code = ?9, city = ?10,"
                  " region = ?11, country = ?12, phone = ?13, company = ?14, comment = ?15,"
                  " version = version + 1 WHERE customer_pk = ?1 AND id = ?2",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  bind_text (stmt, 2, clt_address_get_id (address));
  bind_address_fields (stmt, address);
  if (!step_expect_done (self, db, stmt, error) ||
      !refresh_location (self, db, pk, error) ||
      !touch_customer (self, db, pk, error) ||
      !read_address (self, db, pk, customer_id, clt_address_get_id (address), &stored, error))
    return FALSE;

  g_task_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_update_address (CltStore            *store,
                                 CltAddress          *address,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  run_address_write (store, clt_sqlite_store_update_address, CLT_VALIDATE_UPDATE,
                     update_address_write, address, cancellable, callback, user_data);
}

static gboolean
delete_address_write (CltSqliteStore *self,
                      sqlite3        *db,
                      gpointer        user_data,
                      GCancellable   *cancellable,
                      GTask          *task,
                      GError        **error)
{
  AddressData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) defaults = NULL;
  int secure_delete;
  gboolean found;
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error) ||
      !address_exists (self, db, pk, data->address_id, &found, error))
    return FALSE;

  if (!found)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                   _("The address no longer exists."));
      return FALSE;
    }

  /* Addresses are personal data: leave no copy in freed pages. */
  secure_delete = begin_secure_delete (db);
  stmt = prepare (self, db, "DELETE FROM addresses WHERE customer_pk = ? AND id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, pk);
      bind_text (stmt, 2, data->address_id);
      found = step_expect_done (self, db, stmt, error);
    }
  restore_secure_delete (db, secure_delete);
  if (stmt == NULL || !found)
    return FALSE;

  /* A deleted default leaves that default unset. */
  defaults = prepare (self, db,
                      "UPDATE customers SET"
                      " default_billing_address = CASE default_billing_address WHEN ?1 THEN ''"
                      "   ELSE default_billing_address END,"
                      " default_shipping_address = CASE default_shipping_address WHEN ?1 THEN ''"
                      "   ELSE default_shipping_address END"
                      " WHERE pk = ?2",
                      error);
  if (defaults == NULL)
    return FALSE;
  bind_text (defaults, 1, data->address_id);
  sqlite3_bind_int64 (defaults, 2, pk);
  if (!step_expect_done (self, db, defaults, error) ||
      !refresh_location (self, db, pk, error) ||
      !touch_customer (self, db, pk, error))
    return FALSE;

  g_task_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sqlite_store_delete_address (CltStore            *store,
                                 const char          *customer_id,
                                 const char          *address_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  AddressData *data = g_new0 (AddressData, 1);

  data->customer_id = g_strdup (customer_id);
  data->address_id = g_strdup (address_id);
  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_delete_address, delete_address_write,
             data, (GDestroyNotify) address_data_free, TRUE, customer_id,
             cancellable, callback, user_data);
}

static gboolean
set_default_address_write (CltSqliteStore *self,
                           sqlite3        *db,
                           gpointer        user_data,
                           GCancellable   *cancellable,
                           GTask          *task,
                           GError        **error)
{
  AddressData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found;
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error) ||
      !address_exists (self, db, pk, data->address_id, &found, error))
    return FALSE;

  if (!found)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                   _("The address does not belong to this customer."));
      return FALSE;
    }

  stmt = prepare (self, db,
                  data->use == CLT_ADDRESS_USE_SHIPPING
                  ? "UPDATE customers SET default_shipping_address = ?, updated = ? WHERE pk = ?"
                  : "UPDATE customers SET default_billing_address = ?, updated = ? WHERE pk = ?",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, data->address_id);
  sqlite3_bind_int64 (stmt, 2, now_usec ());
  sqlite3_bind_int64 (stmt, 3, pk);
  if (!step_expect_done (self, db, stmt, error) ||
      !refresh_location (self, db, pk, error))
    return FALSE;

  g_task_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sqlite_store_set_default_address (CltStore            *store,
                                      const char          *customer_id,
                                      const char          *address_id,
                                      CltAddressUse        use,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  AddressData *data = g_new0 (AddressData, 1);

  data->customer_id = g_strdup (customer_id);
  data->address_id = g_strdup (address_id);
  data->use = use;
  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_set_default_address,
             set_default_address_write, data, (GDestroyNotify) address_data_free, TRUE,
             customer_id, cancellable, callback, user_data);
}

/* }}} */

/* Notes and outbox {{{ */

typedef struct
{
  char          *customer_id;
  char          *message;
  gint64         email_id;
  CltEmailState  state;
} NoteData;

static void
note_data_free (NoteData *data)
{
  g_free (data->customer_id);
  g_free (data->message);
  g_free (data);
}

static char *
current_author (void)
{
  const char *real_name = g_get_real_name ();

  if (real_name != NULL && real_name[0] != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);

  return g_strdup (g_get_user_name ());
}

static gboolean
add_note_write (CltSqliteStore *self,
                sqlite3        *db,
                gpointer        user_data,
                GCancellable   *cancellable,
                GTask          *task,
                GError        **error)
{
  NoteData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *author = current_author ();
  CltNote *note;
  gint64 now = now_usec ();
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error))
    return FALSE;

  stmt = prepare (self, db,
                  "INSERT INTO notes (customer_pk, author, message, created) VALUES (?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  bind_text (stmt, 2, author);
  bind_text (stmt, 3, data->message);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  created = date_time_from_usec (now);
  note = clt_note_new ();
  clt_note_set_id (note, sqlite3_last_insert_rowid (db));
  clt_note_set_customer_id (note, data->customer_id);
  clt_note_set_author (note, author);
  clt_note_set_message (note, data->message);
  clt_note_set_created (note, created);

  g_task_return_pointer (task, note, g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_add_note (CltStore            *store,
                          const char          *customer_id,
                          const char          *message,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  NoteData *data;
  GError *error = NULL;

  if (!clt_validate_note_message (message, &error))
    {
      return_invalid (store, clt_sqlite_store_add_note, error, cancellable, callback, user_data);
      return;
    }

  data = g_new0 (NoteData, 1);
  data->customer_id = g_strdup (customer_id);
  data->message = g_strdup (message);
  /* Notes do not show in the table: no "changed". */
  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_add_note, add_note_write, data,
             (GDestroyNotify) note_data_free, FALSE, NULL, cancellable, callback, user_data);
}

static gpointer
read_email_row (sqlite3_stmt  *stmt,
                gconstpointer  row_data)
{
  const char *customer_id = row_data;
  CltEmail *email = clt_email_new ();
  g_autoptr(GDateTime) created = column_date_time (stmt, 6);

  clt_email_set_id (email, sqlite3_column_int64 (stmt, 0));
  clt_email_set_customer_id (email, customer_id);
  clt_email_set_recipient (email, column_text (stmt, 1));
  clt_email_set_subject (email, column_text (stmt, 2));
  clt_email_set_body (email, column_text (stmt, 3));
  clt_email_set_kind (email, column_text (stmt, 4));
  clt_email_set_state (email, sqlite3_column_int (stmt, 5));
  clt_email_set_created (email, created);

  return email;
}

static gboolean
list_emails_read (CltSqliteStore *self,
                  Reader         *reader,
                  gpointer        user_data,
                  GCancellable   *cancellable,
                  GTask          *task,
                  GError        **error)
{
  IdData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 pk;

  if (!lookup_customer_pk (self, reader->db, data->customer_id, &pk, error))
    return FALSE;

  stmt = prepare (self, reader->db,
                  "SELECT id, recipient, subject, body, kind, state, created FROM email_outbox"
                  " WHERE customer_pk = ? ORDER BY id DESC",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  return return_rows (self, reader->db, stmt, read_email_row, data->customer_id, task, error);
}

static void
clt_sqlite_store_list_emails (CltStore            *store,
                              const char          *customer_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_emails, list_emails_read,
            id_data_new (customer_id), (GDestroyNotify) id_data_free,
            cancellable, callback, user_data);
}

static gboolean
set_email_state_write (CltSqliteStore *self,
                       sqlite3        *db,
                       gpointer        user_data,
                       GCancellable   *cancellable,
                       GTask          *task,
                       GError        **error)
{
  NoteData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) owner = NULL;
  int rc;

  owner = prepare (self, db,
                   "SELECT c.id FROM email_outbox e LEFT JOIN customers c ON c.pk = e.customer_pk"
                   " WHERE e.id = ?",
                   error);
  if (owner == NULL)
    return FALSE;
  sqlite3_bind_int64 (owner, 1, data->email_id);
  rc = sqlite3_step (owner);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                   _("The email no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }
  set_changed_id (task, sqlite3_column_type (owner, 0) == SQLITE_NULL ? NULL : column_text (owner, 0));

  stmt = prepare (self, db,
                  "UPDATE email_outbox SET state = ?1,"
                  " sent_at = CASE WHEN ?1 = ?2 THEN ?3 ELSE sent_at END,"
                  " attempts = attempts + (?1 IN (?2, ?4))"
                  " WHERE id = ?5",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, data->state);
  sqlite3_bind_int (stmt, 2, CLT_EMAIL_STATE_SENT);
  sqlite3_bind_int64 (stmt, 3, now_usec ());
  sqlite3_bind_int (stmt, 4, CLT_EMAIL_STATE_FAILED);
  sqlite3_bind_int64 (stmt, 5, data->email_id);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  g_task_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sqlite_store_set_email_state (CltStore            *store,
                                  gint64               email_id,
                                  CltEmailState        state,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  NoteData *data;

  if ((guint) state > CLT_EMAIL_STATE_FAILED)
    {
      return_invalid (store, clt_sqlite_store_set_email_state,
                      clt_store_error_new_invalid ("state", _("Unknown email state.")),
                      cancellable, callback, user_data);
      return;
    }

  data = g_new0 (NoteData, 1);
  data->email_id = email_id;
  data->state = state;
  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_set_email_state, set_email_state_write,
             data, (GDestroyNotify) note_data_free, TRUE, NULL, cancellable, callback, user_data);
}

/* }}} */

/* }}} */

/* Sites, groups, companies, custom fields, preferences: writes {{{ */

typedef struct
{
  GObject *object;
  char    *key;
  char    *customer_id;
  char    *business_unit;
  GStrv    strv;
} KeyedData;

static void
keyed_data_free (KeyedData *data)
{
  g_clear_object (&data->object);
  g_free (data->key);
  g_free (data->customer_id);
  g_free (data->business_unit);
  g_strfreev (data->strv);
  g_free (data);
}

static KeyedData *
keyed_data_new (gpointer    object,
                const char *key)
{
  KeyedData *data = g_new0 (KeyedData, 1);

  data->object = object;
  data->key = g_strdup (key);
  return data;
}

/* Runs @func on the KeyedData of @object (owned) and @key, then emits
 * "changed" for any customer. */
static void
run_keyed_write (CltStore            *store,
                 gpointer             source_tag,
                 WriteFunc            func,
                 gpointer             object,
                 const char          *key,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  run_write (CLT_SQLITE_STORE (store), source_tag, func, keyed_data_new (object, key),
             (GDestroyNotify) keyed_data_free, TRUE, NULL, cancellable, callback, user_data);
}

/* Codes of sites and groups, ids of companies: what custom ids allow. */
static gboolean
check_code (const char  *field,
            const char  *code,
            GError     **error)
{
  g_autofree char *message = NULL;

  if (code == NULL || code[0] == '\0')
    {
      g_propagate_error (error, clt_store_error_new_invalid (field, _("Enter a code")));
      return FALSE;
    }
  if (!clt_validate_custom_id (code, &message))
    {
      g_propagate_error (error, clt_store_error_new_invalid (field, "%s", message));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_text (const char  *field,
            const char  *value,
            guint        max_chars,
            gboolean     multi_line,
            gboolean     required,
            GError     **error)
{
  g_autofree char *message = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (value != NULL ? value : ""));

  if (!clt_validate_text (value, max_chars, multi_line, &message))
    {
      g_propagate_error (error, clt_store_error_new_invalid (field, "%s", message));
      return FALSE;
    }
  if (required && stripped[0] == '\0')
    {
      g_propagate_error (error, clt_store_error_new_invalid (field, _("This field is required")));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_list (const char         *field,
            const char * const *values,
            GError            **error)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (!check_text (field, values[i], CLT_VALIDATE_MAX_CODE, FALSE, TRUE, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (values[i], values[j]) == 0)
          {
            g_propagate_error (error, clt_store_error_new_invalid (field, _("“%s” is listed twice"),
                                                                   values[i]));
            return FALSE;
          }
    }

  return TRUE;
}

static gboolean
run_keyed (CltSqliteStore *self,
           sqlite3        *db,
           const char     *sql,
           const char     *key,
           int            *n_changes,
           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, db, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;
  if (n_changes != NULL)
    *n_changes = sqlite3_changes (db);
  return TRUE;
}

/* Runs the DELETE @sql for @key; no row deleted is NOT_FOUND with @gone. */
static gboolean
delete_keyed (CltSqliteStore *self,
              sqlite3        *db,
              const char     *sql,
              const char     *key,
              const char     *gone,
              GTask          *task,
              GError        **error)
{
  int n = 0;

  if (!run_keyed (self, db, sql, key, &n, error))
    return FALSE;
  if (n == 0)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND, "%s", gone);
      return FALSE;
    }

  g_task_return_boolean (task, TRUE);
  return TRUE;
}

static gboolean
save_site_write (CltSqliteStore *self,
                 sqlite3        *db,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 GTask          *task,
                 GError        **error)
{
  KeyedData *data = user_data;
  CltSite *site = CLT_SITE (data->object);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, db,
                  "INSERT INTO sites (code, name, storefront_url, default_currency, default_locale,"
                  " active, assisted_buying, position)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT count(*) FROM sites))"
                  " ON CONFLICT (code) DO UPDATE SET name = ?2, storefront_url = ?3,"
                  " default_currency = ?4, default_locale = ?5, active = ?6, assisted_buying = ?7",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, clt_site_get_code (site));
  bind_text (stmt, 2, clt_site_get_name (site));
  bind_text (stmt, 3, clt_site_get_storefront_url (site));
  bind_text (stmt, 4, clt_site_get_default_currency (site));
  bind_text (stmt, 5, clt_site_get_default_locale (site));
  sqlite3_bind_int (stmt, 6, clt_site_get_active (site));
  sqlite3_bind_int (stmt, 7, clt_site_get_assisted_buying (site));
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  g_task_return_pointer (task, clt_site_copy (site), g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_save_site (CltStore            *store,
                            CltSite             *site,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  const char *url = clt_site_get_storefront_url (site);
  const char *currency = clt_site_get_default_currency (site);
  g_autofree char *message = NULL;
  GError *error = NULL;

  if (!check_code ("code", clt_site_get_code (site), &error) ||
      !check_text ("name", clt_site_get_name (site), CLT_VALIDATE_MAX_TEXT, FALSE, TRUE, &error) ||
      !check_text ("storefront-url", url, CLT_VALIDATE_MAX_TEXT, FALSE, FALSE, &error))
    g_assert (error != NULL);
  else if (url[0] != '\0' && !g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    error = clt_store_error_new_invalid ("storefront-url",
                                         _("Enter an address that starts with https://"));
  else if (currency[0] != '\0' && !clt_validate_currency (currency, &message))
    error = clt_store_error_new_invalid ("default-currency", "%s", message);
  else if (!clt_validate_locale (clt_site_get_default_locale (site), &message))
    error = clt_store_error_new_invalid ("default-locale", "%s", message);

  if (error != NULL)
    {
      return_invalid (store, clt_sqlite_store_save_site, error, cancellable, callback, user_data);
      return;
    }

  run_keyed_write (store, clt_sqlite_store_save_site, save_site_write,
                   clt_site_copy (site), NULL, cancellable, callback, user_data);
}

static gboolean
delete_site_write (CltSqliteStore *self,
                   sqlite3        *db,
                   gpointer        user_data,
                   GCancellable   *cancellable,
                   GTask          *task,
                   GError        **error)
{
  KeyedData *data = user_data;
  gboolean used = FALSE;

  if (!exists_text (self, db, "SELECT 1 FROM customers WHERE preferred_site = ? AND listed",
                    data->key, &used, error))
    return FALSE;
  if (used)
    {
      set_conflict (error, "code", _("Customers still prefer this site: change their preferred site first."));
      return FALSE;
    }

  return delete_keyed (self, db, "DELETE FROM sites WHERE code = ?", data->key,
                       _("The site no longer exists."), task, error);
}

static void
clt_sqlite_store_delete_site (CltStore            *store,
                              const char          *code,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  run_keyed_write (store, clt_sqlite_store_delete_site, delete_site_write,
                   NULL, code, cancellable, callback, user_data);
}

static gboolean
save_group_write (CltSqliteStore *self,
                  sqlite3        *db,
                  gpointer        user_data,
                  GCancellable   *cancellable,
                  GTask          *task,
                  GError        **error)
{
  KeyedData *data = user_data;
  CltGroup *group = CLT_GROUP (data->object);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, db,
                  "INSERT INTO groups (code, name, description) VALUES (?1, ?2, ?3)"
                  " ON CONFLICT (code) DO UPDATE SET name = ?2, description = ?3",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, clt_group_get_code (group));
  bind_text (stmt, 2, clt_group_get_name (group));
  bind_text (stmt, 3, clt_group_get_description (group));
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  g_task_return_pointer (task, clt_group_copy (group), g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_save_group (CltStore            *store,
                             CltGroup            *group,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GError *error = NULL;

  if (!check_code ("code", clt_group_get_code (group), &error) ||
      !check_text ("name", clt_group_get_name (group), CLT_VALIDATE_MAX_TEXT, FALSE, TRUE, &error) ||
      !check_text ("description", clt_group_get_description (group), CLT_VALIDATE_MAX_COMMENT,
                   TRUE, FALSE, &error))
    {
      return_invalid (store, clt_sqlite_store_save_group, error, cancellable, callback, user_data);
      return;
    }

  run_keyed_write (store, clt_sqlite_store_save_group, save_group_write,
                   clt_group_copy (group), NULL, cancellable, callback, user_data);
}

static gboolean
delete_group_write (CltSqliteStore *self,
                    sqlite3        *db,
                    gpointer        user_data,
                    GCancellable   *cancellable,
                    GTask          *task,
                    GError        **error)
{
  KeyedData *data = user_data;

  /* Memberships go with it (ON DELETE CASCADE). */
  return delete_keyed (self, db, "DELETE FROM groups WHERE code = ?", data->key,
                       _("The group no longer exists."), task, error);
}

static void
clt_sqlite_store_delete_group (CltStore            *store,
                               const char          *code,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  run_keyed_write (store, clt_sqlite_store_delete_group, delete_group_write,
                   NULL, code, cancellable, callback, user_data);
}

static gboolean
set_customer_groups_write (CltSqliteStore *self,
                           sqlite3        *db,
                           gpointer        user_data,
                           GCancellable   *cancellable,
                           GTask          *task,
                           GError        **error)
{
  KeyedData *data = user_data;
  gboolean found;
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error))
    return FALSE;

  for (guint i = 0; data->strv[i] != NULL; i++)
    {
      if (!exists_text (self, db, "SELECT 1 FROM groups WHERE code = ?", data->strv[i], &found, error))
        return FALSE;
      if (!found)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("groups",
                                                                 _("There is no group “%s”."),
                                                                 data->strv[i]));
          return FALSE;
        }
    }

  if (!write_groups (self, db, pk, (const char * const *) data->strv, error) ||
      !touch_customer (self, db, pk, error))
    return FALSE;

  g_task_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sqlite_store_set_customer_groups (CltStore            *store,
                                      const char          *customer_id,
                                      const char * const  *group_codes,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  KeyedData *data;
  GError *error = NULL;

  if (!check_list ("groups", group_codes, &error))
    {
      return_invalid (store, clt_sqlite_store_set_customer_groups, error,
                      cancellable, callback, user_data);
      return;
    }

  data = keyed_data_new (NULL, NULL);
  data->customer_id = g_strdup (customer_id);
  data->strv = group_codes != NULL ? g_strdupv ((char **) group_codes) : g_new0 (char *, 1);
  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_set_customer_groups,
             set_customer_groups_write, data, (GDestroyNotify) keyed_data_free,
             TRUE, customer_id, cancellable, callback, user_data);
}

static gboolean
write_company_list (CltSqliteStore     *self,
                    sqlite3            *db,
                    const char         *table,
                    const char         *company_id,
                    const char * const *names,
                    GError            **error)
{
  g_autofree char *clear_sql = g_strdup_printf ("DELETE FROM %s WHERE company_id = ?", table);
  g_autofree char *insert_sql = g_strdup_printf ("INSERT INTO %s (company_id, name, position)"
                                                 " VALUES (?, ?, ?)", table);
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (!run_keyed (self, db, clear_sql, company_id, NULL, error))
    return FALSE;

  insert = prepare (self, db, insert_sql, error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      bind_text (insert, 1, company_id);
      bind_text (insert, 2, names[i]);
      sqlite3_bind_int (insert, 3, i);
      if (!step_done (self, db, insert, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_company_write (CltSqliteStore *self,
                    sqlite3        *db,
                    gpointer        user_data,
                    GCancellable   *cancellable,
                    GTask          *task,
                    GError        **error)
{
  KeyedData *data = user_data;
  CltCompany *company = CLT_COMPANY (data->object);
  const char *id = clt_company_get_id (company);
  g_autofree char *name_key = clt_fold_text (clt_company_get_name (company));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) members = NULL;

  stmt = prepare (self, db,
                  "INSERT INTO companies (id, name, name_key) VALUES (?1, ?2, ?3)"
                  " ON CONFLICT (id) DO UPDATE SET name = ?2, name_key = ?3",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  bind_text (stmt, 2, clt_company_get_name (company));
  bind_text (stmt, 3, name_key);
  if (!step_expect_done (self, db, stmt, error) ||
      !write_company_list (self, db, "company_business_units", id,
                           clt_company_get_business_units (company), error) ||
      !write_company_list (self, db, "company_roles", id, clt_company_get_roles (company), error))
    return FALSE;

  /* Members keep only the business unit and roles that still exist. */
  members = prepare (self, db, "SELECT pk, business_unit, roles FROM customers WHERE company_id = ?",
                     error);
  if (members == NULL)
    return FALSE;
  bind_text (members, 1, id);
  {
    g_autoptr(sqlite3_stmt) fix = prepare (self, db,
                                           "UPDATE customers SET business_unit = ?, roles = ? WHERE pk = ?",
                                           error);
    const char * const *units = clt_company_get_business_units (company);
    const char * const *company_roles = clt_company_get_roles (company);
    g_autoptr(GArray) pks = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GPtrArray) units_kept = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) roles_kept = g_ptr_array_new_with_free_func (g_free);
    int rc;

    if (fix == NULL)
      return FALSE;

    while ((rc = sqlite3_step (members)) == SQLITE_ROW)
      {
        gint64 pk = sqlite3_column_int64 (members, 0);
        const char *unit = column_text (members, 1);
        g_auto(GStrv) roles = split_lines (column_text (members, 2));
        g_autoptr(GPtrArray) kept = g_ptr_array_new ();

        for (guint i = 0; roles[i] != NULL; i++)
          if (g_strv_contains (company_roles, roles[i]))
            g_ptr_array_add (kept, roles[i]);
        g_ptr_array_add (kept, NULL);

        g_array_append_val (pks, pk);
        g_ptr_array_add (units_kept, g_strdup (g_strv_contains (units, unit) ? unit : ""));
        g_ptr_array_add (roles_kept, join_lines ((const char * const *) kept->pdata));
      }
    if (rc != SQLITE_DONE)
      {
        set_db_error (self, error, db, rc);
        return FALSE;
      }

    for (guint i = 0; i < pks->len; i++)
      {
        bind_text (fix, 1, g_ptr_array_index (units_kept, i));
        bind_text (fix, 2, g_ptr_array_index (roles_kept, i));
        sqlite3_bind_int64 (fix, 3, g_array_index (pks, gint64, i));
        if (!step_done (self, db, fix, error))
          return FALSE;
      }
  }

  g_task_return_pointer (task, clt_company_copy (company), g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_save_company (CltStore            *store,
                               CltCompany          *company,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GError *error = NULL;

  if (!check_code ("id", clt_company_get_id (company), &error) ||
      !check_text ("name", clt_company_get_name (company), CLT_VALIDATE_MAX_COMPANY, FALSE, TRUE,
                   &error) ||
      !check_list ("business-units", clt_company_get_business_units (company), &error) ||
      !check_list ("roles", clt_company_get_roles (company), &error))
    {
      return_invalid (store, clt_sqlite_store_save_company, error, cancellable, callback, user_data);
      return;
    }

  run_keyed_write (store, clt_sqlite_store_save_company, save_company_write,
                   clt_company_copy (company), NULL, cancellable, callback, user_data);
}

static gboolean
delete_company_write (CltSqliteStore *self,
                      sqlite3        *db,
                      gpointer        user_data,
                      GCancellable   *cancellable,
                      GTask          *task,
                      GError        **error)
{
  KeyedData *data = user_data;

  if (!run_keyed (self, db,
                  "UPDATE customers SET company_id = NULL, business_unit = '', roles = ''"
                  " WHERE company_id = ?",
                  data->key, NULL, error))
    return FALSE;

  return delete_keyed (self, db, "DELETE FROM companies WHERE id = ?", data->key,
                       _("The company no longer exists."), task, error);
}

static void
clt_sqlite_store_delete_company (CltStore            *store,
                                 const char          *company_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  run_keyed_write (store, clt_sqlite_store_delete_company, delete_company_write,
                   NULL, company_id, cancellable, callback, user_data);
}

static gboolean
assign_company_write (CltSqliteStore *self,
                      sqlite3        *db,
                      gpointer        user_data,
                      GCancellable   *cancellable,
                      GTask          *task,
                      GError        **error)
{
  KeyedData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) check = NULL;
  g_autofree char *roles = join_lines ((const char * const *) data->strv);
  const char *company_id = data->key;
  gboolean found;
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error))
    return FALSE;

  if (company_id[0] != '\0')
    {
      if (!exists_text (self, db, "SELECT 1 FROM companies WHERE id = ?", company_id, &found, error))
        return FALSE;
      if (!found)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("company-id",
                                                                 _("There is no company “%s”."),
                                                                 company_id));
          return FALSE;
        }

      check = prepare (self, db, "SELECT 1 FROM company_business_units WHERE company_id = ? AND name = ?"
                                 " UNION ALL SELECT 2 FROM company_roles WHERE company_id = ? AND name = ?",
                       error);
      if (check == NULL)
        return FALSE;

      if (data->business_unit[0] != '\0')
        {
          bind_text (check, 1, company_id);
          bind_text (check, 2, data->business_unit);
          bind_text (check, 3, "");
          bind_text (check, 4, "");
          found = sqlite3_step (check) == SQLITE_ROW;
          sqlite3_reset (check);
          if (!found)
            {
              g_propagate_error (error, clt_store_error_new_invalid ("business-unit",
                                                                     _("The company has no business unit “%s”."),
                                                                     data->business_unit));
              return FALSE;
            }
        }

      for (guint i = 0; data->strv[i] != NULL; i++)
        {
          bind_text (check, 1, "");
          bind_text (check, 2, "");
          bind_text (check, 3, company_id);
          bind_text (check, 4, data->strv[i]);
          found = sqlite3_step (check) == SQLITE_ROW;
          sqlite3_reset (check);
          if (!found)
            {
              g_propagate_error (error, clt_store_error_new_invalid ("roles",
                                                                     _("The company has no role “%s”."),
                                                                     data->strv[i]));
              return FALSE;
            }
        }
    }
  else if (data->business_unit[0] != '\0' || data->strv[0] != NULL)
    {
      g_propagate_error (error, clt_store_error_new_invalid ("company-id",
                                                             _("Choose a company first.")));
      return FALSE;
    }

  stmt = prepare (self, db,
                  "UPDATE customers SET company_id = ?, business_unit = ?, roles = ?, updated = ?,"
                  " version = version + 1 WHERE pk = ?",
                  error);
  if (stmt == NULL)
    return FALSE;

  if (company_id[0] != '\0')
    bind_text (stmt, 1, company_id);
  else
    sqlite3_bind_null (stmt, 1);
  bind_text (stmt, 2, data->business_unit);
  bind_text (stmt, 3, roles);
  sqlite3_bind_int64 (stmt, 4, now_usec ());
  sqlite3_bind_int64 (stmt, 5, pk);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  g_task_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sqlite_store_assign_company (CltStore            *store,
                                 const char          *customer_id,
                                 const char          *company_id,
                                 const char          *business_unit,
                                 const char * const  *roles,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  KeyedData *data;
  GError *error = NULL;

  if (!check_list ("roles", roles, &error) ||
      !check_text ("business-unit", business_unit, CLT_VALIDATE_MAX_CODE, FALSE, FALSE, &error))
    {
      return_invalid (store, clt_sqlite_store_assign_company, error, cancellable, callback, user_data);
      return;
    }

  data = keyed_data_new (NULL, company_id != NULL ? company_id : "");
  data->customer_id = g_strdup (customer_id);
  data->business_unit = g_strdup (business_unit != NULL ? business_unit : "");
  data->strv = roles != NULL ? g_strdupv ((char **) roles) : g_new0 (char *, 1);
  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_assign_company, assign_company_write,
             data, (GDestroyNotify) keyed_data_free, TRUE, customer_id,
             cancellable, callback, user_data);
}

static gboolean
save_custom_field_write (CltSqliteStore *self,
                         sqlite3        *db,
                         gpointer        user_data,
                         GCancellable   *cancellable,
                         GTask          *task,
                         GError        **error)
{
  KeyedData *data = user_data;
  CltCustomField *field = CLT_CUSTOM_FIELD (data->object);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) type = NULL;
  int rc;

  /* Values are stored by type: a field in use keeps its type. */
  type = prepare (self, db,
                  "SELECT f.type FROM custom_fields f WHERE f.key = ?"
                  " AND EXISTS (SELECT 1 FROM customer_field_values v WHERE v.field_key = f.key)",
                  error);
  if (type == NULL)
    return FALSE;
  bind_text (type, 1, clt_custom_field_get_key (field));
  rc = sqlite3_step (type);
  if (rc == SQLITE_ROW &&
      sqlite3_column_int (type, 0) != (int) clt_custom_field_get_field_type (field))
    {
      g_propagate_error (error, clt_store_error_new_invalid ("type",
                                                             _("Customers have values in this field: "
                                                               "its type cannot change.")));
      return FALSE;
    }

  stmt = prepare (self, db,
                  "INSERT INTO custom_fields (key, label, type, show_as_column, position)"
                  " VALUES (?1, ?2, ?3, ?4, (SELECT count(*) FROM custom_fields))"
                  " ON CONFLICT (key) DO UPDATE SET label = ?2, type = ?3, show_as_column = ?4",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, clt_custom_field_get_key (field));
  bind_text (stmt, 2, clt_custom_field_get_label (field));
  sqlite3_bind_int (stmt, 3, clt_custom_field_get_field_type (field));
  sqlite3_bind_int (stmt, 4, clt_custom_field_get_show_as_column (field));
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  g_task_return_pointer (task, clt_custom_field_copy (field), g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_save_custom_field (CltStore            *store,
                                    CltCustomField      *field,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  const char *key = clt_custom_field_get_key (field);
  GError *error = NULL;
  gboolean key_ok = g_ascii_islower (key[0]) && strlen (key) <= CLT_VALIDATE_MAX_CODE;

  for (const char *p = key; key_ok && *p != '\0'; p++)
    key_ok = g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_';

  if (!key_ok)
    error = clt_store_error_new_invalid ("key", _("Use lower-case letters, digits and _, "
                                                  "starting with a letter"));
  else if (!check_text ("label", clt_custom_field_get_label (field), CLT_VALIDATE_MAX_TEXT,
                        FALSE, TRUE, &error))
    g_assert (error != NULL);
  else if ((guint) clt_custom_field_get_field_type (field) > CLT_CUSTOM_FIELD_DATE)
    error = clt_store_error_new_invalid ("type", _("Unknown field type."));

  if (error != NULL)
    {
      return_invalid (store, clt_sqlite_store_save_custom_field, error, cancellable, callback, user_data);
      return;
    }

  run_keyed_write (store, clt_sqlite_store_save_custom_field, save_custom_field_write,
                   clt_custom_field_copy (field), NULL, cancellable, callback, user_data);
}

static gboolean
delete_custom_field_write (CltSqliteStore *self,
                           sqlite3        *db,
                           gpointer        user_data,
                           GCancellable   *cancellable,
                           GTask          *task,
                           GError        **error)
{
  KeyedData *data = user_data;

  /* Values go with it (ON DELETE CASCADE). */
  return delete_keyed (self, db, "DELETE FROM custom_fields WHERE key = ?", data->key,
                       _("The custom field no longer exists."), task, error);
}

static void
clt_sqlite_store_delete_custom_field (CltStore            *store,
                                      const char          *key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  run_keyed_write (store, clt_sqlite_store_delete_custom_field, delete_custom_field_write,
                   NULL, key, cancellable, callback, user_data);
}

static gboolean
set_preferences_write (CltSqliteStore *self,
                       sqlite3        *db,
                       gpointer        user_data,
                       GCancellable   *cancellable,
                       GTask          *task,
                       GError        **error)
{
  KeyedData *data = user_data;
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n_pspecs = 0;

  stmt = prepare (self, db, "INSERT OR REPLACE INTO shop_preferences (key, value) VALUES (?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (data->object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (pspecs[i]->value_type != G_TYPE_BOOLEAN && pspecs[i]->value_type != G_TYPE_STRING)
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (data->object, pspecs[i]->name, &value);
      bind_text (stmt, 1, pspecs[i]->name);
      if (pspecs[i]->value_type == G_TYPE_BOOLEAN)
        bind_text (stmt, 2, g_value_get_boolean (&value) ? "true" : "false");
      else
        bind_text (stmt, 2, g_value_get_string (&value));
      if (!step_done (self, db, stmt, error))
        return FALSE;
    }

  g_task_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sqlite_store_set_preferences (CltStore            *store,
                                  CltShopPreferences  *preferences,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  const char *prefix = clt_shop_preferences_get_customer_number_prefix (preferences);
  g_autofree char *message = NULL;
  GError *error = NULL;
  gboolean prefix_ok = strlen (prefix) <= 16;

  for (const char *p = prefix; prefix_ok && *p != '\0'; p++)
    prefix_ok = g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '/' || *p == '.';

  if (!check_text ("shop-name", clt_shop_preferences_get_shop_name (preferences),
                   CLT_VALIDATE_MAX_TEXT, FALSE, FALSE, &error))
    g_assert (error != NULL);
  else if (!clt_validate_currency (clt_shop_preferences_get_default_currency (preferences), &message))
    error = clt_store_error_new_invalid ("default-currency", "%s", message);
  else if (!clt_validate_locale (clt_shop_preferences_get_default_locale (preferences), &message))
    error = clt_store_error_new_invalid ("default-locale", "%s", message);
  else if (!prefix_ok)
    error = clt_store_error_new_invalid ("customer-number-prefix",
                                         _("Use at most 16 letters, digits and - _ / ."));

  if (error != NULL)
    {
      return_invalid (store, clt_sqlite_store_set_preferences, error, cancellable, callback, user_data);
      return;
    }

  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_set_preferences, set_preferences_write,
             keyed_data_new (clt_shop_preferences_copy (preferences), NULL),
             (GDestroyNotify) keyed_data_free, FALSE, NULL, cancellable, callback, user_data);
}

/* }}} */

static void
clt_sqlite_store_store_iface_init (CltStoreInterface *iface)
{
  iface->count_customers = clt_sqlite_store_count_customers;
  iface->list_customers = clt_sqlite_store_list_customers;
  iface->get_customer = clt_sqlite_store_get_customer;
  iface->create_customer = clt_sqlite_store_create_customer;
  iface->update_customer = clt_sqlite_store_update_customer;
  iface->delete_customer = clt_sqlite_store_delete_customer;
  iface->send_password_reset = clt_sqlite_store_send_password_reset;
  iface->import_customers = clt_sqlite_store_import_customers;
  iface->load_sample = clt_sqlite_store_load_sample;
  iface->list_addresses = clt_sqlite_store_list_addresses;
  iface->create_address = clt_sqlite_store_create_address;
  iface->update_address = clt_sqlite_store_update_address;
  iface->delete_address = clt_sqlite_store_delete_address;
  iface->set_default_address = clt_sqlite_store_set_default_address;
  iface->list_notes = clt_sqlite_store_list_notes;
  iface->add_note = clt_sqlite_store_add_note;
  iface->list_emails = clt_sqlite_store_list_emails;
  iface->set_email_state = clt_sqlite_store_set_email_state;
  iface->list_orders = clt_sqlite_store_list_orders;
  iface->list_sites = clt_sqlite_store_list_sites;
  iface->save_site = clt_sqlite_store_save_site;
  iface->delete_site = clt_sqlite_store_delete_site;
  iface->list_groups = clt_sqlite_store_list_groups;
  iface->save_group = clt_sqlite_store_save_group;
  iface->delete_group = clt_sqlite_store_delete_group;
  iface->set_customer_groups = clt_sqlite_store_set_customer_groups;
  iface->list_companies = clt_sqlite_store_list_companies;
  iface->save_company = clt_sqlite_store_save_company;
  iface->delete_company = clt_sqlite_store_delete_company;
  iface->assign_company = clt_sqlite_store_assign_company;
  iface->list_custom_fields = clt_sqlite_store_list_custom_fields;
  iface->save_custom_field = clt_sqlite_store_save_custom_field;
  iface->delete_custom_field = clt_sqlite_store_delete_custom_field;
  iface->get_preferences = clt_sqlite_store_get_preferences;
  iface->set_preferences = clt_sqlite_store_set_preferences;
  iface->get_current_user = clt_sqlite_store_get_current_user;
}

static void
clt_sqlite_store_finalize (GObject *object)
{
  CltSqliteStore *self = (CltSqliteStore *) object;

  /* Every task holds a reference: no reader is in use by now. */
  g_clear_pointer (&self->readers, g_ptr_array_unref);
  g_clear_pointer (&self->idle_readers, g_async_queue_unref);
  if (self->write_db != NULL)
    {
      /* Keep the planner's statistics fresh, on a budget; closing the
       * last connection checkpoints the WAL into the main file. */
      sqlite3_exec (self->write_db, "PRAGMA analysis_limit = 400; PRAGMA optimize;",
                    NULL, NULL, NULL);
      sqlite3_close_v2 (self->write_db);
      self->write_db = NULL;
    }
  g_mutex_clear (&self->write_lock);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (clt_sqlite_store_parent_class)->finalize (object);
}

static void
clt_sqlite_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CltSqliteStore *self = CLT_SQLITE_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_LOCATION:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_sqlite_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CltSqliteStore *self = CLT_SQLITE_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_sqlite_store_class_init (CltSqliteStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_sqlite_store_finalize;
  object_class->get_property = clt_sqlite_store_get_property;
  object_class->set_property = clt_sqlite_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_READ_ONLY, "read-only");
  g_object_class_override_property (object_class, PROP_LOCATION, "location");
}

static void
clt_sqlite_store_init (CltSqliteStore *self)
{
  g_mutex_init (&self->write_lock);
  self->idle_readers = g_async_queue_new ();
  self->readers = g_ptr_array_new_with_free_func ((GDestroyNotify) reader_free);
}

CltSqliteStore *
clt_sqlite_store_new (const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_initable_new (CLT_TYPE_SQLITE_STORE, cancellable, error, "path", path, NULL);
}

void
clt_sqlite_store_new_async (const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  g_async_initable_new_async (CLT_TYPE_SQLITE_STORE, G_PRIORITY_DEFAULT, cancellable,
                              callback, user_data, "path", path, NULL);
}

CltSqliteStore *
clt_sqlite_store_new_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GObject) source = g_async_result_get_source_object (result);
  GObject *object;

  object = g_async_initable_new_finish (G_ASYNC_INITABLE (source), result, error);
  return object != NULL ? CLT_SQLITE_STORE (object) : NULL;
}

const char *
clt_sqlite_store_get_path (CltSqliteStore *self)
{
  g_return_val_if_fail (CLT_IS_SQLITE_STORE (self), NULL);

  return self->path;
}

char *
clt_sqlite_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "clientele", "clientele.db", NULL);
}
