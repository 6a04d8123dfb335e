/* clt-enums.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The columns the store can sort the customer table by. The values are
 * persisted in GSettings by nick: never renumber, only append. */
typedef enum
{
  CLT_SORT_KEY_NUMBER,
  CLT_SORT_KEY_REGISTERED,
  CLT_SORT_KEY_EMAIL,
  CLT_SORT_KEY_LAST_NAME,
  CLT_SORT_KEY_FIRST_NAME,
  CLT_SORT_KEY_COMPANY,
  CLT_SORT_KEY_ZIP_CODE,
  CLT_SORT_KEY_CITY,
  CLT_SORT_KEY_COUNTRY,
  CLT_SORT_KEY_STATUS,
  CLT_SORT_KEY_SITE,
} CltSortKey;

#define CLT_N_SORT_KEYS (CLT_SORT_KEY_SITE + 1)

typedef enum
{
  CLT_SORT_ASCENDING,
  CLT_SORT_DESCENDING,
} CltSortDirection;

/* Activation as the table shows it: on hold wins over inactive. */
typedef enum
{
  CLT_CUSTOMER_STATUS_ACTIVE,
  CLT_CUSTOMER_STATUS_ON_HOLD,
  CLT_CUSTOMER_STATUS_INACTIVE,
} CltCustomerStatus;

/* Filter on activation; CLT_STATUS_FILTER_ANY means no filter. */
typedef enum
{
  CLT_STATUS_FILTER_ANY,
  CLT_STATUS_FILTER_ACTIVE,
  CLT_STATUS_FILTER_ON_HOLD,
  CLT_STATUS_FILTER_INACTIVE,
  CLT_STATUS_FILTER_UNVERIFIED,
} CltStatusFilter;

typedef enum
{
  CLT_GENDER_UNSPECIFIED,
  CLT_GENDER_MALE,
  CLT_GENDER_FEMALE,
  CLT_GENDER_DIVERSE,
} CltGender;

typedef enum
{
  CLT_ADDRESS_USE_BILLING,
  CLT_ADDRESS_USE_SHIPPING,
} CltAddressUse;

typedef enum
{
  CLT_EMAIL_STATE_QUEUED,
  CLT_EMAIL_STATE_HANDED_OFF,
  CLT_EMAIL_STATE_SENT,
  CLT_EMAIL_STATE_FAILED,
} CltEmailState;

typedef enum
{
  CLT_CUSTOM_FIELD_STRING,
  CLT_CUSTOM_FIELD_NUMBER,
  CLT_CUSTOM_FIELD_BOOLEAN,
  CLT_CUSTOM_FIELD_DATE,
} CltCustomFieldType;

G_END_DECLS
