/* clt-sqlite-store-open.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include <fcntl.h>

#include "clt-sqlite-store-private.h"

/* Connections {{{ */

static int
progress_cb (void *user_data)
{
  GCancellable *cancellable = user_data;

  /* Non-zero interrupts the running statement with SQLITE_INTERRUPT. */
  return g_cancellable_is_cancelled (cancellable) ? 1 : 0;
}

void
watch_cancellable (sqlite3      *db,
                   GCancellable *cancellable)
{
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 4000, progress_cb, cancellable);
  else
    sqlite3_progress_handler (db, 0, NULL, NULL);
}

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

void
reader_free (Reader *reader)
{
  g_clear_pointer (&reader->stmts, g_hash_table_unref);
  sqlite3_close_v2 (reader->db);
  g_clear_pointer (&reader->counts, g_hash_table_unref);
  g_clear_pointer (&reader->anchors, g_hash_table_unref);
  g_clear_pointer (&reader->rowsets, g_hash_table_unref);
  g_free (reader);
}

Reader *
acquire_reader (CltSqliteStore *self,
                GCancellable   *cancellable)
{
  Reader *reader = g_async_queue_pop (self->idle_readers);

  watch_cancellable (reader->db, cancellable);
  return reader;
}

static void
reader_reset (Reader *reader)
{
  watch_cancellable (reader->db, NULL);
  /* A read stopped half-way (cancelled, interrupted) may leave its
   * transaction open: the next read would fail to BEGIN, or see an old
   * snapshot. */
  if (!sqlite3_get_autocommit (reader->db))
    sqlite3_exec (reader->db, "ROLLBACK", NULL, NULL, NULL);
}

void
release_reader (CltSqliteStore *self,
                Reader         *reader)
{
  reader_reset (reader);
  /* Last in, first out: reads one after another (a count, then the page
   * of the same filter) land on the same connection and find what it
   * cached (counts, anchors, statements). In turn, a count and a page
   * each counted the filter again: 500,000 index entries for a yes/no
   * custom field. */
  g_async_queue_push_front (self->idle_readers, reader);
}

/* For the upkeep's reads (the change poll, every second): the idle
 * reader used longest ago, given back behind the others (when all are
 * busy, the first to come back). Users' reads keep finding the reader
 * they used last, with what it keeps: when a poll took that one, a read
 * made meanwhile went to another, which collected a group of 5,990 again
 * (2.1 ms rather than 0.18 ms for a row), after 24 of 30 polls while
 * reads of a row followed each other, 14 of 30 with 1 ms between them. */
Reader *
acquire_upkeep_reader (CltSqliteStore *self)
{
  GAsyncQueue *queue = self->idle_readers;
  Reader *reader;
  int n_idle;

  g_async_queue_lock (queue);
  /* Only the front can be popped: the others go round behind, in their
   * order. */
  n_idle = g_async_queue_length_unlocked (queue);
  for (int i = 1; i < n_idle; i++)
    g_async_queue_push_unlocked (queue, g_async_queue_pop_unlocked (queue));
  reader = g_async_queue_pop_unlocked (queue);
  g_async_queue_unlock (queue);

  return reader;
}

void
release_upkeep_reader (CltSqliteStore *self,
                       Reader         *reader)
{
  reader_reset (reader);
  g_async_queue_push (self->idle_readers, reader);
}

gint64
reader_data_version (Reader *reader)
{
  static const char sql[] = "PRAGMA data_version";
  sqlite3_stmt *stmt = g_hash_table_lookup (reader->stmts, sql);
  gint64 version = -1;

  /* Asked several times a read: kept with the reader's statements. */
  if (stmt == NULL &&
      sqlite3_prepare_v3 (reader->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) == SQLITE_OK)
    g_hash_table_insert (reader->stmts, g_strdup (sql), stmt);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return version;
}

/* }}} */

/* Opening {{{ */

typedef enum
{
  PROBE_NEW,        /* missing or empty file */
  PROBE_OURS,
} ProbeResult;

/* On every connection, the probe's included: no SQL of the file's schema
 * may call functions with side effects, and nothing can write the schema
 * or the file's header behind the store's back (SQLite's "defensive"
 * mode refuses writable_schema, direct writes to shadow tables and
 * journal_mode=OFF). */
static void
harden_connection (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
}

static gboolean
set_not_a_database (CltSqliteStore *self,
                    CltSqliteError  code,
                    GError        **error)
{
  g_autofree char *name = g_filename_display_name (self->path);

  g_set_error (error, CLT_SQLITE_ERROR, code,
               _("“%s” is not a Clientele database."), name);
  return FALSE;
}

static gboolean
set_corrupt (CltSqliteStore *self,
             const char     *detail,
             GError        **error)
{
  g_autofree char *name = g_filename_display_name (self->path);

  g_set_error (error, CLT_SQLITE_ERROR, CLT_SQLITE_ERROR_CORRUPT,
               _("The database “%s” is damaged (%s)."), name, detail);
  return FALSE;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Looks at the file without writing to it: the header bytes first, then a
 * read-only connection for the schema, application_id and user_version. */
static gboolean
probe_file_contents (CltSqliteStore *self,
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
    return set_not_a_database (self, CLT_SQLITE_ERROR_NOT_A_DATABASE, error);

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
    return set_not_a_database (self, CLT_SQLITE_ERROR_NOT_A_DATABASE, error);
  /* File format write and read versions: 1 (rollback journal) or 2 (WAL);
   * schema format 0 (empty) to 4. SQLite refuses others with a plain error
   * ("unsupported file format"; found by tests/fuzz/fuzz-open): refused
   * here as what they are. */
  if (header[18] < 1 || header[18] > 2 || header[19] < 1 || header[19] > 2 ||
      read_be32 (header + 44) > 4)
    return set_not_a_database (self, CLT_SQLITE_ERROR_NOT_A_DATABASE, error);

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
      harden_connection (db);
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
        return set_not_a_database (self, CLT_SQLITE_ERROR_NOT_A_DATABASE, error);
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

      return set_not_a_database (self, CLT_SQLITE_ERROR_FOREIGN, error);
    }

  if (*version > CLT_SQLITE_SCHEMA_VERSION)
    {
      g_autofree char *name = g_filename_display_name (self->path);

      sqlite3_close_v2 (db);
      g_set_error (error, CLT_SQLITE_ERROR, CLT_SQLITE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Clientele (database version %d; "
                     "this version knows up to %d)."),
                   name, *version, CLT_SQLITE_SCHEMA_VERSION);
      return FALSE;
    }

  /* Tables, indexes, triggers and views exactly as Clientele's
   * migrations made them for this version: a planted trigger or view would
   * otherwise run on every write (copying rows before anonymization, say). */
  {
    g_autofree char *problem = NULL;

    if (!clt_sqlite_schema_verify (db, *version, &problem))
      {
        g_autofree char *name = g_filename_display_name (self->path);

        sqlite3_close_v2 (db);
        g_set_error (error, CLT_SQLITE_ERROR, CLT_SQLITE_ERROR_UNEXPECTED_SCHEMA,
                     _("“%s” contains something Clientele did not create (%s), so it is "
                       "not opened."), name, problem);
        return FALSE;
      }
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

/* Whatever is refused is left exactly as it was. A read-only connection
 * to a file in WAL mode creates its -wal and -shm and, read-only, cannot
 * remove them as it closes: those the probe made (absent before, the -wal
 * still empty) go again, so a refused file has no new files beside it
 * (found by tests/fuzz/fuzz-open). */
static gboolean
probe_file (CltSqliteStore *self,
            ProbeResult    *result,
            int            *version,
            GError        **error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
  gboolean had_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
  gboolean had_shm = g_file_test (shm, G_FILE_TEST_EXISTS);
  GStatBuf st;

  if (probe_file_contents (self, result, version, error))
    return TRUE;

  if (!had_wal && g_stat (wal, &st) == 0 && st.st_size == 0)
    g_remove (wal);
  if (!had_shm && !g_file_test (wal, G_FILE_TEST_EXISTS))
    g_remove (shm);
  return FALSE;
}

/* Customers' personal data: the file is made readable by its owner only
 * before SQLite opens it, and SQLite gives the -wal and -shm files it
 * creates the main file's permissions. */
static gboolean
create_private_file (CltSqliteStore  *self,
                     GError         **error)
{
  int fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (self->path);

      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("“%s” could not be created: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);
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
  harden_connection (db);
  /* Statement journals and sorts in memory: on disk, an import of 1,000
   * customers wrote its statement journal in ~36,000 small writes to a
   * file in /var/tmp, and a search sorted its matches through one. A bulk
   * load, whose index builds sort millions of keys, goes back to files
   * (bulk_begin). */
  sqlite3_exec (db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
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

  /* The writer checkpoints only as a backstop (40 MB of WAL): the upkeep
   * does it off the write lock every second (checkpoint_db), and a commit
   * that had to copy 1,000 pages first would keep a user's save waiting
   * tens of milliseconds. A WAL file that grew is cut back to 64 MB. */
  if (!exec_sql (self, db,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA wal_autocheckpoint = 10000;"
                 "PRAGMA journal_size_limit = 67108864;",
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
      g_set_error (error, CLT_SQLITE_ERROR, CLT_SQLITE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Clientele."), name);
      goto fail;
    }

  if (version < CLT_SQLITE_SCHEMA_VERSION &&
      !clt_sqlite_schema_migrate (db, version, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto fail;
    }

  if (!sql_clear_expired (CLT_SQL_STORE (self), (CltSqlDb *) db, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto fail;
    }

  if (!exec_sql (self, db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto fail;
    }

  self->checkpoint_db = open_connection (self, self->path, SQLITE_OPEN_READWRITE, error);
  if (self->checkpoint_db == NULL)
    goto fail;
  /* Reading the file once opens its WAL on this connection too: until
   * then, a checkpoint here would be a no-op. */
  sqlite3_exec (self->checkpoint_db,
                "PRAGMA journal_size_limit = 67108864; SELECT count(*) FROM sqlite_schema;",
                NULL, NULL, NULL);

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
      reader->anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) anchors_free);
      reader->rowsets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) rowset_unref);
      reader->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             stmt_finalize);
      reader->data_version = -1;
      reader_add_rowset_function (reader);
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
  ProbeResult probe = PROBE_NEW;
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
      if (!create_private_file (self, error))
        return FALSE;
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

  if (!open_readers (self, error))
    return FALSE;

  /* Changes from here on are news; what came before is in the file. */
  {
    Reader *reader = acquire_reader (self, NULL);
    gint64 last_change = sql_read_last_change (CLT_SQL_STORE (self), (CltSqlDb *) reader->db);

    release_reader (self, reader);
    sql_start_upkeep (CLT_SQL_STORE (self), last_change);
  }

  return TRUE;
}

void
clt_sqlite_store_initable_iface_init (GInitableIface *iface)
{
  iface->init = clt_sqlite_store_initable_init;
}

/* }}} */

