/* clt-sample-generator.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_SAMPLE_GENERATOR (clt_sample_generator_get_type ())

G_DECLARE_FINAL_TYPE (CltSampleGenerator, clt_sample_generator, CLT, SAMPLE_GENERATOR, GObject)

/* Deterministic sample customers: the same seed yields the same sequence.
 * Realistic names, emails, companies and addresses from several countries
 * (DE, AT, CH, FR, GB, US, NL, IT, ES, PL, SE, …) with their umlauts and
 * accents; one to three addresses; zero or more orders with totals in the
 * customer's currency; registration dates spread over years; a mix of
 * active, on hold, inactive and (un)verified. Every customer gets a unique
 * id, number and email, so any number of them can be imported together. */

CltSampleGenerator *clt_sample_generator_new      (guint32             seed);
/* Returns the next customer, with import addresses and orders attached. */
CltCustomer        *clt_sample_generator_next     (CltSampleGenerator *self);
/* The next @n customers in one array (g_object_unref free func). */
GPtrArray          *clt_sample_generator_next_n   (CltSampleGenerator *self,
                                                   guint               n);

G_END_DECLS
