/* clt-rest-store-call.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-rest-store"

#include "config.h"

#include <string.h>

#include "clt-rest-store-private.h"

/* One request of CltRestStore, from building it to the objects read from
 * its answer: the path and parameters, the body, the deadline and
 * cancellation, the errors an answer (or no answer) means. The operations
 * (clt-rest-store-customers.c, -shop.c, -assisted.c, -feed.c) build their
 * calls here; RestCall stays opaque to them. */

struct _RestCall
{
  CltRestStore         *self;
  char                 *method;
  char                 *path;
  GString              *query;
  ResultKind            kind;
  GType                 type;
  gboolean              want_total;
  JsonNode             *body;
  gint64                if_match;       /* < 0: none */
  char                 *request_id;
  GPtrArray            *headers;        /* name, value, name, value, … */
  guint                 timeout_s;
  CltPermission         permission;
  LocalCheck            check;
  GObject              *check_object;
  gboolean              bad_text;       /* the body cannot carry some text */

  /* While it runs. */
  SoupMessage          *message;
  GCancellable         *cancellable;    /* ours: caller's, shutdown or deadline */
  GCancellable         *caller_cancellable;
  gulong                caller_handler;
  gulong                shutdown_handler;
  GSource              *deadline;
  gboolean              timed_out;
  GTlsCertificateFlags  tls_errors;
  GInputStream         *stream;
  GByteArray           *answer;
  CltRestProblem        problem;
  guint                 token_serial;   /* the store's when it was sent */
};

/* Requests {{{ */

RestCall *
rest_call_new (CltRestStore *self,
               const char   *method,
               const char   *path,
               ResultKind    kind,
               GType         type)
{
  RestCall *call = g_new0 (RestCall, 1);

  call->self = g_object_ref (self);
  call->method = g_strdup (method);
  call->path = g_strdup (path);
  call->query = g_string_new (NULL);
  call->kind = kind;
  call->type = type;
  call->if_match = -1;
  call->headers = g_ptr_array_new_with_free_func (g_free);
  call->timeout_s = self->request_timeout;
  call->problem = CLT_REST_PROBLEM_OTHER;

  return call;
}

void
rest_call_free (RestCall *call)
{
  if (call->caller_handler != 0)
    g_cancellable_disconnect (call->caller_cancellable, call->caller_handler);
  if (call->shutdown_handler != 0)
    g_cancellable_disconnect (call->self->shutdown, call->shutdown_handler);
  if (call->deadline != NULL)
    {
      g_source_destroy (call->deadline);
      g_source_unref (call->deadline);
    }
  g_clear_object (&call->caller_cancellable);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->stream);
  if (call->message != NULL)
    g_signal_handlers_disconnect_by_data (call->message, call);
  g_clear_object (&call->message);
  g_clear_pointer (&call->answer, g_byte_array_unref);
  g_clear_object (&call->check_object);
  g_clear_pointer (&call->headers, g_ptr_array_unref);
  g_clear_pointer (&call->request_id, g_free);
  g_clear_pointer (&call->body, json_node_unref);
  g_string_free (call->query, TRUE);
  g_free (call->path);
  g_free (call->method);
  g_clear_object (&call->self);
  g_free (call);
}

/* Everything but unreserved characters escaped (GUri decodes "%2E" again:
 * rest_path () keeps "." and ".." out). */
static void
append_escaped (GString    *string,
                const char *value)
{
  static const char hex[] = "0123456789ABCDEF";

  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '~')
        g_string_append_c (string, (char) *p);
      else
        {
          g_string_append_c (string, '%');
          g_string_append_c (string, hex[*p >> 4]);
          g_string_append_c (string, hex[*p & 0xf]);
        }
    }
}

char *
rest_path (const char  *prefix,
           GError     **error,
           ...)
{
  g_autoptr(GString) path = g_string_new (prefix);
  va_list args;
  const char *segment;
  gboolean ok = TRUE;

  va_start (args, error);
  while ((segment = va_arg (args, const char *)) != NULL)
    {
      /* A literal step ("/details") starts with '/'; anything else is an id. */
      if (segment[0] == '/')
        {
          g_string_append (path, segment);
          continue;
        }
      /* GUri decodes "%2E" and then drops "." and ".." steps: such an id
       * (no id of the API is one) would name another resource. */
      if (segment[0] == '\0' || strlen (segment) > MAX_ID_BYTES ||
          g_str_equal (segment, ".") || g_str_equal (segment, ".."))
        {
          ok = FALSE;
          break;
        }
      g_string_append_c (path, '/');
      append_escaped (path, segment);
    }
  va_end (args);

  if (!ok)
    {
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                           _("There is no such record: its id is empty or far too long."));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&path), FALSE);
}

void
rest_call_add_param (RestCall   *call,
                     const char *name,
                     const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;

  g_string_append_c (call->query, call->query->len == 0 ? '?' : '&');
  g_string_append (call->query, name);
  g_string_append_c (call->query, '=');
  append_escaped (call->query, value);
}

void
rest_call_set_body (RestCall *call,
                    JsonNode *body)
{
  g_clear_pointer (&call->body, json_node_unref);
  call->body = body;
}

void
rest_call_set_if_match (RestCall *call,
                        gint64    version)
{
  call->if_match = version;
}

void
rest_call_set_request_id (RestCall   *call,
                          const char *request_id)
{
  g_free (call->request_id);
  call->request_id = g_strdup (request_id);
}

void
rest_call_set_header (RestCall   *call,
                      const char *name,
                      const char *value)
{
  g_ptr_array_add (call->headers, g_strdup (name));
  g_ptr_array_add (call->headers, g_strdup (value));
}

void
rest_call_set_timeout (RestCall *call,
                       guint     seconds)
{
  call->timeout_s = seconds;
}

void
rest_call_want_total (RestCall *call)
{
  call->want_total = TRUE;
  rest_call_set_header (call, "X-Total-Count", "true");
}

void
rest_call_set_local_check (RestCall      *call,
                           CltPermission  permission,
                           LocalCheck     check,
                           gpointer       object)
{
  call->permission = permission;
  call->check = check;
  g_set_object (&call->check_object, object);
  if (object != NULL && !rest_object_is_utf8 (object))
    call->bad_text = TRUE;
}

void
rest_call_set_bad_text (RestCall *call)
{
  call->bad_text = TRUE;
}

/* Whether every text property of @object (strings, string lists; a
 * customer's import addresses too) is UTF-8. CltJson would repair it into
 * something else, so the store refuses it itself. */
gboolean
rest_object_is_utf8 (gpointer object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspecs[i]);
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READABLE) == 0 ||
          (type != G_TYPE_STRING && type != G_TYPE_STRV))
        continue;

      g_value_init (&value, type);
      g_object_get_property (object, pspecs[i]->name, &value);
      if (type == G_TYPE_STRING)
        {
          const char *text = g_value_get_string (&value);

          if (text != NULL && !g_utf8_validate (text, -1, NULL))
            return FALSE;
        }
      else
        {
          const char * const *texts = g_value_get_boxed (&value);

          for (guint j = 0; texts != NULL && texts[j] != NULL; j++)
            if (!g_utf8_validate (texts[j], -1, NULL))
              return FALSE;
        }
    }

  if (CLT_IS_CUSTOMER (object))
    {
      GPtrArray *lists[] = {
        clt_customer_get_import_addresses (object),
        clt_customer_get_import_orders (object),
        clt_customer_get_import_marketing (object),
      };

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; i < lists[l]->len; i++)
          if (!rest_object_is_utf8 (g_ptr_array_index (lists[l], i)))
            return FALSE;
    }

  return TRUE;
}

void
rest_report_error (CltRestStore        *self,
                   gpointer             source_tag,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data,
                   GError              *error)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_error (task, error);
}

/* Whether every string and member name in @node is UTF-8: JSON cannot
 * carry anything else (and json-glib reads past the end of a truncated
 * sequence). */
static gboolean
node_is_utf8 (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !node_is_utf8 (member))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          if (!node_is_utf8 (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_utf8_validate (json_node_get_string (node), -1, NULL);
      return TRUE;

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* }}} */

/* Errors {{{ */

static GError *
new_problem (RestCall       *call,
             CltRestProblem  problem,
             CltStoreError   code,
             char           *message)
{
  GError *error = g_error_new_literal (CLT_STORE_ERROR, code, message);

  call->problem = problem;
  g_free (message);
  return error;
}

static char *
describe_certificate (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_strdup (_("it is not signed by an authority this computer trusts (self-signed?)"));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup (_("it was made for another host name"));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return g_strdup (_("it has expired"));
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return g_strdup (_("it is not valid yet"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return g_strdup (_("it has been revoked"));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return g_strdup (_("it uses an insecure algorithm"));
  return g_strdup (_("it could not be verified"));
}

/* No answer: why, in words (UNAVAILABLE, or FAILED for a peer that does
 * not speak HTTP). */
static GError *
map_transport_error (RestCall     *call,
                     const GError *error)
{
  const char *url = call->self->url;

  if (call->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return new_problem (call, CLT_REST_PROBLEM_UNREACHABLE, CLT_STORE_ERROR_UNAVAILABLE,
                        g_strdup_printf (_("The server at %s did not answer in time (%u seconds)."),
                                         url, call->timed_out ? call->timeout_s
                                                              : SESSION_TIMEOUT_S));

  if (call->tls_errors != 0 || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    {
      g_autofree char *why = describe_certificate (call->tls_errors);

      return new_problem (call, CLT_REST_PROBLEM_TLS, CLT_STORE_ERROR_UNAVAILABLE,
                          g_strdup_printf (_("The TLS certificate of %s is not trusted: %s. "
                                             "Clientele does not connect to a server it cannot "
                                             "verify."), url, why));
    }

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS))
    return new_problem (call, CLT_REST_PROBLEM_TLS, CLT_STORE_ERROR_UNAVAILABLE,
                        g_strdup_printf (_("The server at %s does not speak TLS: check the port, "
                                           "or whether the address should start with http://."),
                                         url));

  if (error->domain == G_TLS_ERROR)
    return new_problem (call, CLT_REST_PROBLEM_TLS, CLT_STORE_ERROR_UNAVAILABLE,
                        g_strdup_printf (_("The secure (TLS) connection to %s failed: %s."),
                                         url, error->message));

  if (error->domain == G_RESOLVER_ERROR)
    return new_problem (call, CLT_REST_PROBLEM_UNREACHABLE, CLT_STORE_ERROR_UNAVAILABLE,
                        g_strdup_printf (_("Cannot reach the server at %s: its host name is "
                                           "unknown (%s)."), url, error->message));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return new_problem (call, CLT_REST_PROBLEM_UNREACHABLE, CLT_STORE_ERROR_UNAVAILABLE,
                        g_strdup_printf (_("Cannot reach the server at %s: nothing answers on "
                                           "that port (connection refused)."), url));

  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING))
    return new_problem (call, CLT_REST_PROBLEM_NOT_CLIENTELE, CLT_STORE_ERROR_FAILED,
                        g_strdup_printf (_("%s is not a Clientele server: its answer is not "
                                           "HTTP (%s)."), url, error->message));

  return new_problem (call, CLT_REST_PROBLEM_UNREACHABLE, CLT_STORE_ERROR_UNAVAILABLE,
                      g_strdup_printf (_("Cannot reach the server at %s: %s."),
                                       url, error->message));
}

static GError *
not_clientele (RestCall   *call,
               const char *content_type)
{
  guint status = soup_message_get_status (call->message);
  const char *reason = soup_message_get_reason_phrase (call->message);

  return new_problem (call, CLT_REST_PROBLEM_NOT_CLIENTELE, CLT_STORE_ERROR_FAILED,
                      g_strdup_printf (_("%s is not a Clientele server: it answered “%u %s” "
                                         "with %s instead of the Clientele API."),
                                       call->self->url, status,
                                       reason != NULL ? reason : "",
                                       content_type != NULL ? content_type : _("no content type")));
}

static GError *
unreadable (RestCall     *call,
            const GError *error)
{
  return new_problem (call, CLT_REST_PROBLEM_NOT_CLIENTELE, CLT_STORE_ERROR_FAILED,
                      g_strdup_printf (_("%s did not answer as a Clientele server does (%s). "
                                         "Is it a Clientele server of another version?"),
                                       call->self->url, error->message));
}

static guint
parse_retry_after (SoupMessageHeaders *headers)
{
  g_autofree char *value = g_strdup (soup_message_headers_get_one (headers, "Retry-After"));
  guint64 seconds = 0;

  /* Seconds only: the API never sends an HTTP date. */
  if (value == NULL ||
      !g_ascii_string_to_unsigned (g_strstrip (value), 10, 0, 24 * 3600, &seconds, NULL))
    return 1;

  return (guint) MAX (seconds, 1);
}

/* The error of an answer that is not 2xx. */
static GError *
error_from_answer (RestCall   *call,
                   const char *content_type,
                   JsonNode   *node)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->message);
  guint status = soup_message_get_status (call->message);
  GError *error;

  if (node != NULL)
    {
      error = clt_json_problem_to_error (node, status);
      if (error == NULL)
        return not_clientele (call, content_type);
      if (error->domain != CLT_STORE_ERROR)
        {
          g_clear_error (&error);
          return not_clientele (call, content_type);
        }
      if (error->code == CLT_STORE_ERROR_TOO_MANY_REQUESTS &&
          clt_store_error_get_retry_after (error) == 0)
        {
          GError *timed = clt_store_error_new_retry_after (parse_retry_after (headers), "%s",
                                                           error->message);

          g_error_free (error);
          error = timed;
        }
      if (error->code == CLT_STORE_ERROR_NOT_SIGNED_IN)
        call->problem = CLT_REST_PROBLEM_BAD_TOKEN;
      else if (error->code == CLT_STORE_ERROR_UNAVAILABLE)
        call->problem = CLT_REST_PROBLEM_UNREACHABLE;
      else
        call->problem = CLT_REST_PROBLEM_OTHER;
      return error;
    }

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return new_problem (call, CLT_REST_PROBLEM_BAD_TOKEN, CLT_STORE_ERROR_NOT_SIGNED_IN,
                          g_strdup_printf (_("The server at %s refused the access token. Check "
                                             "the token in Preferences, or ask for a new one."),
                                           call->self->url));

    case 429: /* Too Many Requests */
      call->problem = CLT_REST_PROBLEM_OTHER;
      return clt_store_error_new_retry_after (parse_retry_after (headers),
                                              _("The server is busy with too many requests. "
                                                "Try again in a moment."));

    case SOUP_STATUS_BAD_GATEWAY:
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      return new_problem (call, CLT_REST_PROBLEM_UNREACHABLE, CLT_STORE_ERROR_UNAVAILABLE,
                          g_strdup_printf (_("The server at %s is unavailable at the moment "
                                             "(%u %s)."), call->self->url, status,
                                           soup_message_get_reason_phrase (call->message)));

    default:
      return not_clientele (call, content_type);
    }
}

/* }}} */

/* Running a request {{{ */

static void on_preflight_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

static void
task_return (GTask    *task,
             RestCall *call,
             gpointer  result)
{
  switch (call->kind)
    {
    case RESULT_NONE:
      g_task_return_boolean (task, TRUE);
      break;
    case RESULT_OBJECT:
      g_task_return_pointer (task, result, g_object_unref);
      break;
    case RESULT_ARRAY:
      g_task_return_pointer (task, result, (GDestroyNotify) g_ptr_array_unref);
      break;
    case RESULT_ROWS:
      g_task_return_pointer (task, result, (GDestroyNotify) clt_customer_rows_free);
      break;
    case RESULT_NODE:
      g_task_return_pointer (task, result, (GDestroyNotify) json_node_unref);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
fail (GTask  *task,
      GError *error)
{
  RestCall *call = g_task_get_task_data (task);

  /* The caller or shutdown cancelled: say so as GIO does; a deadline that
   * cancelled is a timeout. */
  if (!call->timed_out &&
      (g_cancellable_is_cancelled (call->self->shutdown) ||
       (call->caller_cancellable != NULL &&
        g_cancellable_is_cancelled (call->caller_cancellable))))
    {
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The operation was cancelled."));
      return;
    }

  rest_store_note_outcome (call->self, call->token_serial, error);
  g_task_return_error (task, error);
}

static gboolean
parse_total (SoupMessageHeaders *headers,
             guint              *total)
{
  g_autofree char *value = g_strdup (soup_message_headers_get_one (headers, "X-Total-Count"));
  guint64 n;

  if (value == NULL ||
      !g_ascii_string_to_unsigned (g_strstrip (value), 10, 0, G_MAXUINT - 1, &n, NULL))
    return FALSE;

  *total = (guint) n;
  return TRUE;
}

/* Customers read from the server are whole ("loaded"), as a store's are. */
static void
mark_loaded (gpointer result)
{
  if (CLT_IS_CUSTOMER (result))
    clt_customer_set_loaded (result, TRUE);
  else if (CLT_IS_CUSTOMER_DETAILS (result))
    mark_loaded (clt_customer_details_get_customer (result));
}

static void
mark_all_loaded (GPtrArray *array)
{
  for (guint i = 0; i < array->len; i++)
    mark_loaded (g_ptr_array_index (array, i));
}

/* Reading a successful answer into objects: a page of customers takes
 * milliseconds, so it happens on a worker thread, with nothing but the
 * answer's bytes, while the window keeps drawing. */
typedef struct
{
  GBytes     *answer;
  GType       type;
  ResultKind  kind;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_bytes_unref (job->answer);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (job->answer, &length);

  node = clt_json_parse (data, length, MAX_ANSWER_DEPTH, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->kind == RESULT_OBJECT)
    {
      gpointer object = clt_json_to_object (job->type, node, CLT_JSON_READ_ONLY_MEMBERS, &error);

      if (object == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      mark_loaded (object);
      g_task_return_pointer (task, object, g_object_unref);
    }
  else
    {
      GType type = job->kind == RESULT_ROWS ? CLT_TYPE_CUSTOMER : job->type;
      GPtrArray *array = clt_json_to_array (type, node, CLT_JSON_READ_ONLY_MEMBERS, &error);

      if (array == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      mark_all_loaded (array);
      g_task_return_pointer (task, array, (GDestroyNotify) g_ptr_array_unref);
    }
}

static void
on_read_job_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RestCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer read = g_task_propagate_pointer (G_TASK (result), &error);

  if (read == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                                     _("the answer is empty"));
      fail (task, unreadable (call, error));
      g_error_free (error);
      return;
    }

  if (call->kind == RESULT_ROWS)
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (call->message);
      guint total = CLT_TOTAL_UNKNOWN;

      if (call->want_total && !parse_total (headers, &total))
        {
          g_ptr_array_unref (read);
          error = g_error_new_literal (CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                                       _("the number of matches (X-Total-Count) is missing"));
          fail (task, unreadable (call, error));
          g_error_free (error);
          return;
        }
      read = clt_customer_rows_new (read, total);
    }

  task_return (task, call, read);
}

static void
finish_answer (GTask *task)
{
  RestCall *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->message);
  guint status = soup_message_get_status (call->message);
  g_autofree char *content_type = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_json;
  gboolean is_problem;

  if (soup_message_headers_get_content_type (headers, NULL) != NULL)
    content_type = g_ascii_strdown (soup_message_headers_get_content_type (headers, NULL), -1);
  is_json = g_strcmp0 (content_type, "application/json") == 0;
  is_problem = g_strcmp0 (content_type, "application/problem+json") == 0;

  /* The server answered, and not to say that the token is refused or that
   * it is unavailable: whatever the answer, it can be reached. */
  if (status != SOUP_STATUS_UNAUTHORIZED && status != SOUP_STATUS_BAD_GATEWAY &&
      status != SOUP_STATUS_SERVICE_UNAVAILABLE && status != SOUP_STATUS_GATEWAY_TIMEOUT)
    rest_store_note_outcome (call->self, call->token_serial, NULL);

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && call->kind == RESULT_NONE)
    {
      task_return (task, call, NULL);
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && (!is_json || call->answer->len == 0))
    {
      fail (task, not_clientele (call, content_type));
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && call->kind != RESULT_NODE)
    {
      g_autoptr(GTask) job = g_task_new (NULL, NULL, on_read_job_cb, g_object_ref (task));
      ReadJob *data = g_new0 (ReadJob, 1);

      data->answer = g_bytes_new (call->answer->data, call->answer->len);
      data->type = call->type;
      data->kind = call->kind;
      g_task_set_task_data (job, data, (GDestroyNotify) read_job_free);
      g_task_set_source_tag (job, finish_answer);
      g_task_run_in_thread (job, read_thread);
      return;
    }

  /* Problems and the change feed's small answers are read here. */
  if ((is_json || is_problem) && call->answer->len > 0)
    {
      node = clt_json_parse ((const char *) call->answer->data, call->answer->len,
                             MAX_ANSWER_DEPTH, &error);
      if (node == NULL)
        {
          fail (task, unreadable (call, error));
          return;
        }
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      fail (task, error_from_answer (call, content_type, is_problem ? node : NULL));
      return;
    }

  task_return (task, call, g_steal_pointer (&node));
}

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RestCall *call = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      fail (task, map_transport_error (call, error));
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      /* Closing the body completes the message, in the context it was
       * sent from (libsoup insists), not wherever the call is freed. */
      g_input_stream_close (call->stream, NULL, NULL);
      g_clear_object (&call->stream);
      finish_answer (task);
      return;
    }

  if (call->answer->len + g_bytes_get_size (bytes) > MAX_ANSWER_BYTES)
    {
      fail (task, new_problem (call, CLT_REST_PROBLEM_NOT_CLIENTELE, CLT_STORE_ERROR_FAILED,
                               g_strdup_printf (_("%s is not a Clientele server: its answer is "
                                                  "larger than %u MB."), call->self->url,
                                                MAX_ANSWER_BYTES / (1024 * 1024))));
      return;
    }

  g_byte_array_append (call->answer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_input_stream_read_bytes_async (call->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   call->cancellable, on_read_cb, g_steal_pointer (&task));
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RestCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  goffset length;

  call->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (call->stream == NULL)
    {
      fail (task, map_transport_error (call, error));
      return;
    }

  headers = soup_message_get_response_headers (call->message);
  length = soup_message_headers_get_content_length (headers);
  if (length > MAX_ANSWER_BYTES)
    {
      fail (task, new_problem (call, CLT_REST_PROBLEM_NOT_CLIENTELE, CLT_STORE_ERROR_FAILED,
                               g_strdup_printf (_("%s is not a Clientele server: its answer is "
                                                  "larger than %u MB."), call->self->url,
                                                MAX_ANSWER_BYTES / (1024 * 1024))));
      return;
    }

  call->answer = g_byte_array_new ();
  g_input_stream_read_bytes_async (call->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   call->cancellable, on_read_cb, g_steal_pointer (&task));
}

/* Refuses any certificate that did not verify; remembers why, for the
 * message. */
static gboolean
on_accept_certificate_cb (SoupMessage          *message,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          RestCall             *call)
{
  call->tls_errors = errors;
  return FALSE;
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  RestCall *call = user_data;

  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);
  g_clear_pointer (&call->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled_cb (GCancellable *cancellable,
                 GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static GError *
build_message (RestCall *call)
{
  CltRestStore *self = call->self;
  g_autofree char *uri_string = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessageHeaders *headers;

  if (self->base == NULL)
    return clt_store_error_new_invalid ("url", _("“%s” is not a server address. Use an address "
                                                 "like https://clientele.example.com or "
                                                 "http://127.0.0.1:8480."), self->url);

  uri_string = g_strconcat (self->base, call->path, call->query->str, NULL);
  uri = g_uri_parse (uri_string, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    return g_error_new (CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                        _("There is no such record: its id cannot be asked for."));

  call->message = soup_message_new_from_uri (call->method, uri);
  /* Never follow a redirect: it would carry the token elsewhere. */
  soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (call->message);
  soup_message_headers_replace (headers, "Accept", "application/json, application/problem+json");
  call->token_serial = self->token_serial;
  if (self->token != NULL && self->token[0] != '\0')
    {
      g_autofree char *value = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (call->if_match >= 0)
    {
      g_autofree char *value = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", call->if_match);

      soup_message_headers_replace (headers, "If-Match", value);
    }
  if (call->request_id != NULL && call->request_id[0] != '\0')
    soup_message_headers_replace (headers, "Idempotency-Key", call->request_id);
  for (guint i = 0; i + 1 < call->headers->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (call->headers, i),
                                  g_ptr_array_index (call->headers, i + 1));

  if (call->body != NULL)
    {
      g_autofree char *text = clt_json_to_string (call->body);
      gsize length = strlen (text);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), length);

      soup_message_set_request_body_from_bytes (call->message, "application/json", bytes);
    }

  g_signal_connect (call->message, "accept-certificate",
                    G_CALLBACK (on_accept_certificate_cb), call);
  return NULL;
}

static void
send_call (GTask *task)
{
  RestCall *call = g_task_get_task_data (task);
  GError *error;

  error = build_message (call);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  call->deadline = g_timeout_source_new_seconds (call->timeout_s);
  g_source_set_callback (call->deadline, on_deadline_cb, call, NULL);
  g_source_set_static_name (call->deadline, "[clt-rest-store] deadline");
  g_source_attach (call->deadline, g_main_context_get_thread_default ());

  soup_session_send_async (call->self->session, call->message, G_PRIORITY_DEFAULT,
                           call->cancellable, on_sent_cb, task);
}

void
rest_call_start (RestCall            *call,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  CltRestStore *self = call->self;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) rest_call_free);

  call->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      call->caller_cancellable = g_object_ref (cancellable);
      call->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_cb),
                                                    call->cancellable, NULL);
    }
  call->shutdown_handler = g_cancellable_connect (self->shutdown, G_CALLBACK (on_cancelled_cb),
                                                  call->cancellable, NULL);
  if (g_cancellable_is_cancelled (call->cancellable))
    {
      fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("The operation was cancelled.")));
      g_object_unref (task);
      return;
    }

  /* JSON cannot carry text that is not UTF-8: ask the server who we are
   * (a role that may not write learns nothing more), then name the field
   * as the server would have. */
  if (call->body != NULL && (call->bad_text || !node_is_utf8 (call->body)))
    {
      RestCall *me = rest_call_new (self, "GET", "/me", RESULT_OBJECT, CLT_TYPE_BACKOFFICE_USER);

      rest_call_start (me, on_preflight_cb, call->cancellable, on_preflight_cb, task);
      return;
    }

  send_call (task);
}

static void
on_preflight_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RestCall *call = g_task_get_task_data (task);
  g_autoptr(CltBackofficeUser) user = NULL;
  GError *error = NULL;

  user = g_task_propagate_pointer (G_TASK (result), &error);
  if (user == NULL)
    {
      fail (task, error);
      return;
    }

  rest_store_take_user (call->self, g_object_ref (user));
  if (!clt_backoffice_user_may (user, call->permission))
    g_task_return_new_error (task, CLT_STORE_ERROR, CLT_STORE_ERROR_PERMISSION_DENIED,
                             _("Your role may not make this change."));
  else if (call->check != NULL && !call->check (call->check_object, &error))
    g_task_return_error (task, error);
  else
    g_task_return_error (task, clt_store_error_new_invalid (NULL, _("The text holds bytes that "
                                                                    "are not valid UTF-8.")));
}

gpointer
rest_call_finish (CltRestStore  *self,
                  GAsyncResult  *result,
                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

CltRestProblem
rest_result_get_problem (GAsyncResult *result)
{
  RestCall *call = g_task_get_task_data (G_TASK (result));

  return call != NULL ? call->problem : CLT_REST_PROBLEM_OTHER;
}

/* }}} */
