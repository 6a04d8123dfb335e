/* clt-sample-loader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sample-loader"

#include "config.h"

#include "clt-error.h"
#include "clt-group.h"
#include "clt-import-report.h"
#include "clt-sample-generator.h"
#include "clt-sample-loader.h"
#include "clt-site.h"
#include "clt-store.h"

/* Sites and groups that the sample customers refer to. Sample data, like
 * the names of the customers: not translated. */
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

/* The first batch is one page of the customer table: a small import, so
 * its rows show (a "changed", a recount) while the rest is still being
 * written. A thousand in one import would keep the table empty for
 * the whole import. */
#define FIRST_BATCH 100

/* While one batch is imported the next one is generated: on two cores that
 * hides most of the cost of building the objects. At most one batch waits. */
typedef struct
{
  CltSampleGenerator *generator;
  CltImportReport    *report;
  GPtrArray          *pending;         /* generated, not yet handed over */
  guint64             pending_first;   /* its first row, counting from 0 */
  guint64             importing_first;
  guint               n_importing;
  guint64             n_generated;
  guint               n_customers;
  guint32             seed;
  guint               n_setup;         /* sites, groups and the count in flight */
  guint               next_site;       /* sites are saved in order, one after another */
  guint               existing;
  gboolean            generating;
  gboolean            importing;
  GError             *error;
} Loader;

typedef struct
{
  CltSampleGenerator *generator;
  guint               n;
} Generate;

static void pump (GTask *task);

static void
loader_free (Loader *loader)
{
  g_clear_object (&loader->generator);
  g_clear_object (&loader->report);
  g_clear_pointer (&loader->pending, g_ptr_array_unref);
  g_clear_error (&loader->error);
  g_free (loader);
}

static void
generate_free (Generate *generate)
{
  g_clear_object (&generate->generator);
  g_free (generate);
}

static void
set_error (Loader *loader,
           GError *error)
{
  if (loader->error == NULL)
    loader->error = error;
  else
    g_error_free (error);
}

/* Customers still to ask the generator for, at most one import's worth. */
static guint
n_wanted (Loader *loader)
{
  guint64 have = (guint64) clt_import_report_get_n_imported (loader->report) + loader->n_importing;

  if (have >= loader->n_customers)
    return 0;

  /* Only clashes for a long time: the store holds this stream already. */
  if (loader->n_generated > 2 * (guint64) loader->n_customers + CLT_STORE_MAX_IMPORT)
    return 0;

  if (loader->n_generated == 0)
    return MIN (loader->n_customers - have, FIRST_BATCH);

  return MIN (loader->n_customers - have, CLT_STORE_MAX_IMPORT);
}

static void
generate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Generate *generate = task_data;
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, clt_sample_generator_next_n (generate->generator, generate->n),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
on_generated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Loader *loader = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *batch;

  loader->generating = FALSE;
  batch = g_task_propagate_pointer (G_TASK (result), &error);
  if (batch == NULL)
    set_error (loader, error);
  else
    {
      g_assert (loader->pending == NULL);
      loader->pending = batch;
      loader->pending_first = loader->n_generated;
      loader->n_generated += batch->len;
    }

  pump (task);
}

static void
on_imported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Loader *loader = g_task_get_task_data (task);
  g_autoptr(CltImportReport) report = NULL;
  GError *error = NULL;

  loader->importing = FALSE;
  loader->n_importing = 0;
  report = clt_store_import_customers_finish (CLT_STORE (object), result, &error);
  if (report == NULL)
    set_error (loader, error);
  else
    {
      clt_import_report_add_imported (loader->report, clt_import_report_get_n_imported (report));
      for (guint i = 0; i < clt_import_report_get_n_refused (report); i++)
        {
          const char *field;
          const char *message;
          guint row = clt_import_report_get_refusal (report, i, &field, &message);

          clt_import_report_add_refusal (loader->report, loader->importing_first + row,
                                         field, message);
        }
    }

  pump (task);
}

/* Moves the load on from the main context: hands a generated batch to the
 * store when it is idle, has the next one generated meanwhile, and
 * completes once neither is busy and nothing is left to do. */
static void
pump (GTask *task)
{
  Loader *loader = g_task_get_task_data (task);
  CltStore *store = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  guint wanted;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    set_error (loader, error);

  if (loader->error == NULL && !loader->importing && loader->pending != NULL)
    {
      g_autoptr(GPtrArray) batch = g_steal_pointer (&loader->pending);

      loader->importing = TRUE;
      loader->importing_first = loader->pending_first;
      loader->n_importing = batch->len;
      clt_store_import_customers_async (store, batch, NULL, cancellable,
                                        on_imported_cb, g_object_ref (task));
    }

  if (loader->error == NULL && !loader->generating && loader->pending == NULL &&
      (wanted = n_wanted (loader)) > 0)
    {
      g_autoptr(GTask) generate_task = g_task_new (store, cancellable, on_generated_cb,
                                                   g_object_ref (task));
      Generate *generate = g_new0 (Generate, 1);

      generate->generator = g_object_ref (loader->generator);
      generate->n = wanted;
      loader->generating = TRUE;
      g_task_set_source_tag (generate_task, pump);
      g_task_set_task_data (generate_task, generate, (GDestroyNotify) generate_free);
      g_task_run_in_thread (generate_task, generate_thread);
    }

  if (loader->importing || loader->generating)
    return;

  if (loader->error != NULL)
    g_task_return_error (task, g_steal_pointer (&loader->error));
  else if (loader->pending == NULL)
    g_task_return_pointer (task, g_steal_pointer (&loader->report), g_object_unref);
}

/* The sites, the groups and the count are asked for together; the
 * customers follow once all three have answered. */
static void
setup_done (GTask  *task,
            GError *error)
{
  Loader *loader = g_task_get_task_data (task);

  /* What exists already (a second load, shop data of one's own) stays. */
  if (error != NULL && g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT))
    g_clear_error (&error);
  if (error != NULL)
    set_error (loader, error);

  g_assert (loader->n_setup > 0);
  if (--loader->n_setup > 0)
    return;

  if (loader->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&loader->error));
      return;
    }

  /* A store that holds customers: another stream of the same seed, so
   * that a second load adds new people. */
  if (loader->existing > 0)
    loader->seed ^= (guint32) (loader->existing * 2654435761u) | 1;
  loader->generator = clt_sample_generator_new (loader->seed);

  pump (task);
}

static void on_site_saved_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data);

/* Sites keep the order they are added in: one after another. */
static void
save_next_site (GTask *task)
{
  Loader *loader = g_task_get_task_data (task);
  g_autoptr(CltSite) site = NULL;
  g_autofree char *template = NULL;
  guint i = loader->next_site++;

  if (i >= G_N_ELEMENTS (sample_sites))
    return;

  site = clt_site_new ();
  clt_site_set_code (site, sample_sites[i].code);
  clt_site_set_name (site, sample_sites[i].name);
  clt_site_set_storefront_url (site, sample_sites[i].url);
  clt_site_set_default_currency (site, sample_sites[i].currency);
  clt_site_set_default_locale (site, sample_sites[i].locale);
  clt_site_set_active (site, TRUE);
  clt_site_set_assisted_buying (site, TRUE);
  template = g_strconcat (sample_sites[i].url,
                          "assisted-buying?token={token}&customer={customerNumber}", NULL);
  clt_site_set_assisted_buying_url (site, template);
  clt_site_set_version (site, 0);
  clt_store_save_site_async (g_task_get_source_object (task), site, NULL,
                             g_task_get_cancellable (task), on_site_saved_cb, g_object_ref (task));
}

static void
on_site_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CltSite) site = NULL;
  GError *error = NULL;

  site = clt_store_save_site_finish (CLT_STORE (object), result, &error);
  save_next_site (task);
  setup_done (task, error);
}

static void
on_group_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CltGroup) group = NULL;
  GError *error = NULL;

  group = clt_store_save_group_finish (CLT_STORE (object), result, &error);
  setup_done (task, error);
}

static void
on_counted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Loader *loader = g_task_get_task_data (task);
  GError *error = NULL;

  clt_store_count_customers_finish (CLT_STORE (object), result, &loader->existing, &error);
  setup_done (task, error);
}

void
clt_sample_load_async (CltStore            *store,
                       guint                n_customers,
                       guint32              seed,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Loader *loader;

  g_return_if_fail (CLT_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  loader = g_new0 (Loader, 1);
  loader->report = clt_import_report_new ();
  loader->n_customers = n_customers;
  loader->seed = seed;
  loader->n_setup = G_N_ELEMENTS (sample_sites) + G_N_ELEMENTS (sample_groups) + 1;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, clt_sample_load_async);
  g_task_set_task_data (task, loader, (GDestroyNotify) loader_free);

  save_next_site (task);

  for (guint i = 0; i < G_N_ELEMENTS (sample_groups); i++)
    {
      g_autoptr(CltGroup) group = clt_group_new ();

      clt_group_set_code (group, sample_groups[i].code);
      clt_group_set_name (group, sample_groups[i].name);
      clt_group_set_description (group, sample_groups[i].description);
      clt_group_set_version (group, 0);
      clt_store_save_group_async (store, group, NULL, cancellable, on_group_saved_cb,
                                  g_object_ref (task));
    }

  clt_store_count_customers_async (store, NULL, cancellable, on_counted_cb, g_object_ref (task));
}

CltImportReport *
clt_sample_load_finish (CltStore      *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == clt_sample_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
