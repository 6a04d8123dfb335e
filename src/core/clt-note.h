/* clt-note.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_NOTE (clt_note_get_type ())

G_DECLARE_FINAL_TYPE (CltNote, clt_note, CLT, NOTE, GObject)

/* A note a back-office user left on a customer; "created" is UTC. */

CltNote    *clt_note_new             (void);
CltNote    *clt_note_copy            (CltNote    *self);
const char *clt_note_get_id          (CltNote    *self);
void        clt_note_set_id          (CltNote    *self,
                                      const char *id);
const char *clt_note_get_customer_id (CltNote    *self);
void        clt_note_set_customer_id (CltNote    *self,
                                      const char *customer_id);
const char *clt_note_get_author      (CltNote    *self);
void        clt_note_set_author      (CltNote    *self,
                                      const char *author);
const char *clt_note_get_message     (CltNote    *self);
void        clt_note_set_message     (CltNote    *self,
                                      const char *message);
GDateTime  *clt_note_get_created     (CltNote    *self);
void        clt_note_set_created     (CltNote    *self,
                                      GDateTime  *created);

G_END_DECLS
