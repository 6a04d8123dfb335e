/* clt-iso-codes.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The code lists a customer's or an address's fields are checked against:
 * ISO 3166-1 alpha-2 countries, ISO 4217 currencies in use, and the locales
 * a shop commonly offers. Codes are case-sensitive as stored: countries and
 * currencies upper case ("DE", "EUR"), locales "ll" or "ll_TT" ("de",
 * "de_DE").
 *
 * The tables' names are English and marked for translation: translate
 * them with g_dgettext (GETTEXT_PACKAGE, name), or use the _get_*_name()
 * functions, which return them translated. Countries and currencies are
 * sorted by code, locales by English name (the order a language list
 * shows). */

typedef struct
{
  const char *code;
  const char *name;
} CltIsoCountry;

typedef struct
{
  const char *code;
  const char *name;
  guint       minor_units;   /* digits after the decimal point: 2 for EUR, 0 for JPY */
} CltIsoCurrency;

typedef struct
{
  const char *code;
  const char *name;
} CltIsoLocale;

const CltIsoCountry  *clt_iso_codes_get_countries              (gsize      *n_countries);
const CltIsoCountry  *clt_iso_codes_lookup_country             (const char *code);
gboolean              clt_iso_codes_is_country                 (const char *code);
/* Translated; NULL when @code is not a known country. */
const char           *clt_iso_codes_get_country_name           (const char *code);

const CltIsoCurrency *clt_iso_codes_get_currencies             (gsize      *n_currencies);
const CltIsoCurrency *clt_iso_codes_lookup_currency            (const char *code);
gboolean              clt_iso_codes_is_currency                (const char *code);
const char           *clt_iso_codes_get_currency_name          (const char *code);
/* 2 when @code is unknown. */
guint                 clt_iso_codes_get_currency_minor_units   (const char *code);

const CltIsoLocale   *clt_iso_codes_get_locales                (gsize      *n_locales);
const CltIsoLocale   *clt_iso_codes_lookup_locale              (const char *code);
gboolean              clt_iso_codes_is_locale                  (const char *code);
const char           *clt_iso_codes_get_locale_name            (const char *code);

G_END_DECLS
