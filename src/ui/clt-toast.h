/* clt-toast.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast   *clt_toast_new         (const char *message);
const char *clt_toast_get_message (AdwToast   *toast);
void        clt_toast_show        (AdwToast   *toast,
                                   GtkWidget  *where);

G_END_DECLS
