/* clt-email.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-email"

#include "config.h"

#include "clt-email.h"
#include "clt-enum-types.h"
#include "clt-property-util.h"

struct _CltEmail
{
  GObject parent_instance;

  char           *id;
  char          *customer_id;
  char          *recipient;
  char          *subject;
  char          *body;
  char          *kind;
  CltEmailState  state;
  GDateTime     *created;
  guint          attempts;
  char          *failure_reason;
  GDateTime     *next_attempt;
};

G_DEFINE_FINAL_TYPE (CltEmail, clt_email, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_RECIPIENT,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_KIND,
  PROP_STATE,
  PROP_CREATED,
  PROP_ATTEMPTS,
  PROP_FAILURE_REASON,
  PROP_NEXT_ATTEMPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clt_email_finalize (GObject *object)
{
  CltEmail *self = (CltEmail *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->recipient, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->failure_reason, g_free);
  g_clear_pointer (&self->next_attempt, g_date_time_unref);

  G_OBJECT_CLASS (clt_email_parent_class)->finalize (object);
}

static void
clt_email_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CltEmail *self = CLT_EMAIL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, clt_email_get_id (self));
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_string (value, clt_email_get_customer_id (self));
      break;

    case PROP_RECIPIENT:
      g_value_set_string (value, clt_email_get_recipient (self));
      break;

    case PROP_SUBJECT:
      g_value_set_string (value, clt_email_get_subject (self));
      break;

    case PROP_BODY:
      g_value_set_string (value, clt_email_get_body (self));
      break;

    case PROP_KIND:
      g_value_set_string (value, clt_email_get_kind (self));
      break;

    case PROP_STATE:
      g_value_set_enum (value, clt_email_get_state (self));
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, clt_email_get_created (self));
      break;

    case PROP_ATTEMPTS:
      g_value_set_uint (value, clt_email_get_attempts (self));
      break;

    case PROP_FAILURE_REASON:
      g_value_set_string (value, clt_email_get_failure_reason (self));
      break;

    case PROP_NEXT_ATTEMPT:
      g_value_set_boxed (value, clt_email_get_next_attempt (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_email_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CltEmail *self = CLT_EMAIL (object);

  switch (prop_id)
    {
    case PROP_ID:
      clt_email_set_id (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_ID:
      clt_email_set_customer_id (self, g_value_get_string (value));
      break;

    case PROP_RECIPIENT:
      clt_email_set_recipient (self, g_value_get_string (value));
      break;

    case PROP_SUBJECT:
      clt_email_set_subject (self, g_value_get_string (value));
      break;

    case PROP_BODY:
      clt_email_set_body (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      clt_email_set_kind (self, g_value_get_string (value));
      break;

    case PROP_STATE:
      clt_email_set_state (self, g_value_get_enum (value));
      break;

    case PROP_CREATED:
      clt_email_set_created (self, g_value_get_boxed (value));
      break;

    case PROP_ATTEMPTS:
      clt_email_set_attempts (self, g_value_get_uint (value));
      break;

    case PROP_FAILURE_REASON:
      clt_email_set_failure_reason (self, g_value_get_string (value));
      break;

    case PROP_NEXT_ATTEMPT:
      clt_email_set_next_attempt (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_email_class_init (CltEmailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_email_finalize;
  object_class->get_property = clt_email_get_property;
  object_class->set_property = clt_email_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         "",
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_RECIPIENT] =
    g_param_spec_string ("recipient", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       CLT_TYPE_EMAIL_STATE, CLT_EMAIL_STATE_QUEUED,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /* Delivery attempts so far (a mail delivery agent counts them). */
  properties[PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* Why the last attempt failed, in words; "" when it did not. */
  properties[PROP_FAILURE_REASON] =
    g_param_spec_string ("failure-reason", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* When delivery will be tried (again); NULL when it will not. */
  properties[PROP_NEXT_ATTEMPT] =
    g_param_spec_boxed ("next-attempt", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clt_email_init (CltEmail *self)
{
}

CltEmail *
clt_email_new (void)
{
  return g_object_new (CLT_TYPE_EMAIL, NULL);
}

CltEmail *
clt_email_copy (CltEmail *self)
{
  CltEmail *copy;

  g_return_val_if_fail (CLT_IS_EMAIL (self), NULL);

  copy = clt_email_new ();
  copy->id = g_strdup (self->id);
  copy->customer_id = g_strdup (self->customer_id);
  copy->recipient = g_strdup (self->recipient);
  copy->subject = g_strdup (self->subject);
  copy->body = g_strdup (self->body);
  copy->kind = g_strdup (self->kind);
  copy->state = self->state;
  copy->created = self->created != NULL ? g_date_time_ref (self->created) : NULL;
  copy->attempts = self->attempts;
  copy->failure_reason = g_strdup (self->failure_reason);
  copy->next_attempt = self->next_attempt != NULL ? g_date_time_ref (self->next_attempt) : NULL;

  return copy;
}

const char *
clt_email_get_id (CltEmail *self)
{
  g_return_val_if_fail (CLT_IS_EMAIL (self), NULL);

  return self->id != NULL ? self->id : "";
}

void
clt_email_set_id (CltEmail   *self,
                   const char *id)
{
  g_return_if_fail (CLT_IS_EMAIL (self));

  if (clt_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
clt_email_get_customer_id (CltEmail *self)
{
  g_return_val_if_fail (CLT_IS_EMAIL (self), "");

  return self->customer_id != NULL ? self->customer_id : "";
}

void
clt_email_set_customer_id (CltEmail   *self,
                           const char *customer_id)
{
  g_return_if_fail (CLT_IS_EMAIL (self));

  if (clt_set_string (&self->customer_id, customer_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
clt_email_get_recipient (CltEmail *self)
{
  g_return_val_if_fail (CLT_IS_EMAIL (self), "");

  return self->recipient != NULL ? self->recipient : "";
}

void
clt_email_set_recipient (CltEmail   *self,
                         const char *recipient)
{
  g_return_if_fail (CLT_IS_EMAIL (self));

  if (clt_set_string (&self->recipient, recipient))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPIENT]);
}

const char *
clt_email_get_subject (CltEmail *self)
{
  g_return_val_if_fail (CLT_IS_EMAIL (self), "");

  return self->subject != NULL ? self->subject : "";
}

void
clt_email_set_subject (CltEmail   *self,
                       const char *subject)
{
  g_return_if_fail (CLT_IS_EMAIL (self));

  if (clt_set_string (&self->subject, subject))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT]);
}

const char *
clt_email_get_body (CltEmail *self)
{
  g_return_val_if_fail (CLT_IS_EMAIL (self), "");

  return self->body != NULL ? self->body : "";
}

void
clt_email_set_body (CltEmail   *self,
                    const char *body)
{
  g_return_if_fail (CLT_IS_EMAIL (self));

  if (clt_set_string (&self->body, body))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

const char *
clt_email_get_kind (CltEmail *self)
{
  g_return_val_if_fail (CLT_IS_EMAIL (self), "");

  return self->kind != NULL ? self->kind : "";
}

void
clt_email_set_kind (CltEmail   *self,
                    const char *kind)
{
  g_return_if_fail (CLT_IS_EMAIL (self));

  if (clt_set_string (&self->kind, kind))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

CltEmailState
clt_email_get_state (CltEmail *self)
{
  g_return_val_if_fail (CLT_IS_EMAIL (self), CLT_EMAIL_STATE_QUEUED);

  return self->state;
}

void
clt_email_set_state (CltEmail      *self,
                     CltEmailState  state)
{
  g_return_if_fail (CLT_IS_EMAIL (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

GDateTime *
clt_email_get_created (CltEmail *self)
{
  g_return_val_if_fail (CLT_IS_EMAIL (self), NULL);

  return self->created;
}

void
clt_email_set_created (CltEmail  *self,
                       GDateTime *created)
{
  g_return_if_fail (CLT_IS_EMAIL (self));

  if (clt_set_date_time (&self->created, created))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

guint
clt_email_get_attempts (CltEmail *self)
{
  g_return_val_if_fail (CLT_IS_EMAIL (self), 0);

  return self->attempts;
}

void
clt_email_set_attempts (CltEmail *self,
                        guint     attempts)
{
  g_return_if_fail (CLT_IS_EMAIL (self));

  if (self->attempts == attempts)
    return;

  self->attempts = attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
}

const char *
clt_email_get_failure_reason (CltEmail *self)
{
  g_return_val_if_fail (CLT_IS_EMAIL (self), "");

  return self->failure_reason != NULL ? self->failure_reason : "";
}

void
clt_email_set_failure_reason (CltEmail   *self,
                              const char *failure_reason)
{
  g_return_if_fail (CLT_IS_EMAIL (self));

  if (clt_set_string (&self->failure_reason, failure_reason))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE_REASON]);
}

GDateTime *
clt_email_get_next_attempt (CltEmail *self)
{
  g_return_val_if_fail (CLT_IS_EMAIL (self), NULL);

  return self->next_attempt;
}

void
clt_email_set_next_attempt (CltEmail  *self,
                            GDateTime *next_attempt)
{
  g_return_if_fail (CLT_IS_EMAIL (self));

  if (clt_set_date_time (&self->next_attempt, next_attempt))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_ATTEMPT]);
}
