/* clt-note.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-note"

#include "config.h"

#include "clt-note.h"
#include "clt-property-util.h"

struct _CltNote
{
  GObject parent_instance;

  char       *id;
  char      *customer_id;
  char      *author;
  char      *message;
  GDateTime *created;
};

G_DEFINE_FINAL_TYPE (CltNote, clt_note, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_AUTHOR,
  PROP_MESSAGE,
  PROP_CREATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clt_note_finalize (GObject *object)
{
  CltNote *self = (CltNote *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (clt_note_parent_class)->finalize (object);
}

static void
clt_note_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CltNote *self = CLT_NOTE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, clt_note_get_id (self));
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_string (value, clt_note_get_customer_id (self));
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, clt_note_get_author (self));
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, clt_note_get_message (self));
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, clt_note_get_created (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_note_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CltNote *self = CLT_NOTE (object);

  switch (prop_id)
    {
    case PROP_ID:
      clt_note_set_id (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_ID:
      clt_note_set_customer_id (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR:
      clt_note_set_author (self, g_value_get_string (value));
      break;

    case PROP_MESSAGE:
      clt_note_set_message (self, g_value_get_string (value));
      break;

    case PROP_CREATED:
      clt_note_set_created (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_note_class_init (CltNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_note_finalize;
  object_class->get_property = clt_note_get_property;
  object_class->set_property = clt_note_set_property;

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

  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clt_note_init (CltNote *self)
{
}

CltNote *
clt_note_new (void)
{
  return g_object_new (CLT_TYPE_NOTE, NULL);
}

CltNote *
clt_note_copy (CltNote *self)
{
  CltNote *copy;

  g_return_val_if_fail (CLT_IS_NOTE (self), NULL);

  copy = clt_note_new ();
  copy->id = g_strdup (self->id);
  copy->customer_id = g_strdup (self->customer_id);
  copy->author = g_strdup (self->author);
  copy->message = g_strdup (self->message);
  copy->created = self->created != NULL ? g_date_time_ref (self->created) : NULL;

  return copy;
}

const char *
clt_note_get_id (CltNote *self)
{
  g_return_val_if_fail (CLT_IS_NOTE (self), NULL);

  return self->id != NULL ? self->id : "";
}

void
clt_note_set_id (CltNote   *self,
                  const char *id)
{
  g_return_if_fail (CLT_IS_NOTE (self));

  if (clt_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
clt_note_get_customer_id (CltNote *self)
{
  g_return_val_if_fail (CLT_IS_NOTE (self), "");

  return self->customer_id != NULL ? self->customer_id : "";
}

void
clt_note_set_customer_id (CltNote    *self,
                          const char *customer_id)
{
  g_return_if_fail (CLT_IS_NOTE (self));

  if (clt_set_string (&self->customer_id, customer_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
clt_note_get_author (CltNote *self)
{
  g_return_val_if_fail (CLT_IS_NOTE (self), "");

  return self->author != NULL ? self->author : "";
}

void
clt_note_set_author (CltNote    *self,
                     const char *author)
{
  g_return_if_fail (CLT_IS_NOTE (self));

  if (clt_set_string (&self->author, author))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

const char *
clt_note_get_message (CltNote *self)
{
  g_return_val_if_fail (CLT_IS_NOTE (self), "");

  return self->message != NULL ? self->message : "";
}

void
clt_note_set_message (CltNote    *self,
                      const char *message)
{
  g_return_if_fail (CLT_IS_NOTE (self));

  if (clt_set_string (&self->message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

GDateTime *
clt_note_get_created (CltNote *self)
{
  g_return_val_if_fail (CLT_IS_NOTE (self), NULL);

  return self->created;
}

void
clt_note_set_created (CltNote   *self,
                      GDateTime *created)
{
  g_return_if_fail (CLT_IS_NOTE (self));

  if (clt_set_date_time (&self->created, created))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}
