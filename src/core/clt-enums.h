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

/* What a CltMarketingRecord is: a segment the customer belongs to, a
 * coupon issued to them, or a campaign delivered to them. */
typedef enum
{
  CLT_MARKETING_KIND_SEGMENT,
  CLT_MARKETING_KIND_COUPON,
  CLT_MARKETING_KIND_DELIVERY,
} CltMarketingKind;

/* Where a marketing record stands: a coupon is active or redeemed, a
 * delivery delivered, opened or bounced; a segment has no state. */
typedef enum
{
  CLT_MARKETING_STATE_NONE,
  CLT_MARKETING_STATE_ACTIVE,
  CLT_MARKETING_STATE_REDEEMED,
  CLT_MARKETING_STATE_DELIVERED,
  CLT_MARKETING_STATE_OPENED,
  CLT_MARKETING_STATE_BOUNCED,
} CltMarketingState;

typedef enum
{
  CLT_CUSTOM_FIELD_STRING,
  CLT_CUSTOM_FIELD_NUMBER,
  CLT_CUSTOM_FIELD_BOOLEAN,
  CLT_CUSTOM_FIELD_DATE,
  CLT_CUSTOM_FIELD_CHOICE,
} CltCustomFieldType;

/* How a CltQuery's custom field filter compares a customer's value with
 * the filter's: equal (text and choices ignoring case and accents), the
 * text starts with it, at least / at most (numbers, dates, text). */
typedef enum
{
  CLT_FIELD_MATCH_EQUALS,
  CLT_FIELD_MATCH_PREFIX,
  CLT_FIELD_MATCH_AT_LEAST,
  CLT_FIELD_MATCH_AT_MOST,
} CltFieldMatch;

/* What a back-office user may do. Viewers read; staff edit customers,
 * addresses and notes; support is staff plus Assisted Buying; admins also
 * manage users, shop preferences, sites, groups, companies, custom fields
 * and imports. Ordered: each role may do what the ones before it may. */
typedef enum
{
  CLT_ROLE_VIEWER,
  CLT_ROLE_STAFF,
  CLT_ROLE_SUPPORT,
  CLT_ROLE_ADMIN,
} CltRole;

/* What a store's "changed" signal and change log say changed. The id that
 * goes with it is the customer's for CUSTOMER, ADDRESS, NOTE and OUTBOX
 * (the customer whose page shows it), the code or key for shop data, NULL
 * for CUSTOMERS (any number of them, e.g. an import). Values are stored in
 * change logs: never renumber, only append. */
typedef enum
{
  CLT_CHANGE_CUSTOMERS,
  CLT_CHANGE_CUSTOMER,
  CLT_CHANGE_ADDRESS,
  CLT_CHANGE_NOTE,
  CLT_CHANGE_OUTBOX,
  CLT_CHANGE_SITE,
  CLT_CHANGE_GROUP,
  CLT_CHANGE_COMPANY,
  CLT_CHANGE_CUSTOM_FIELD,
  CLT_CHANGE_PREFERENCES,
} CltChangeKind;

G_END_DECLS
