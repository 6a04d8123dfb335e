/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "clt-application.h"
#include "clt-catalog.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CltApplication) app = NULL;

  /* LOCALEDIR, or $CLT_LOCALEDIR for a build tree or a relocated install */
  bindtextdomain (GETTEXT_PACKAGE, clt_catalog_get_directory ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = clt_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
