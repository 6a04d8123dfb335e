/* clt-customer-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-customer-details"

#include "config.h"

#include "clt-company.h"
#include "clt-customer.h"
#include "clt-customer-details.h"

struct _CltCustomerDetails
{
  GObject      parent_instance;

  CltCustomer *customer;
  GPtrArray   *addresses;
  GPtrArray   *notes;
  GPtrArray   *orders;
  GPtrArray   *emails;
  GPtrArray   *sites;
  GPtrArray   *assisted_buying;
  GPtrArray   *marketing;
  GPtrArray   *groups;
  CltCompany  *company;
};

G_DEFINE_FINAL_TYPE (CltCustomerDetails, clt_customer_details, G_TYPE_OBJECT)

static GPtrArray *
ref_or_empty (GPtrArray *array)
{
  return array != NULL ? g_ptr_array_ref (array) : g_ptr_array_new_with_free_func (g_object_unref);
}

static void
clt_customer_details_finalize (GObject *object)
{
  CltCustomerDetails *self = (CltCustomerDetails *) object;

  g_clear_object (&self->customer);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->emails, g_ptr_array_unref);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_clear_pointer (&self->assisted_buying, g_ptr_array_unref);
  g_clear_pointer (&self->marketing, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->company);

  G_OBJECT_CLASS (clt_customer_details_parent_class)->finalize (object);
}

static void
clt_customer_details_class_init (CltCustomerDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_customer_details_finalize;
}

static void
clt_customer_details_init (CltCustomerDetails *self)
{
}

/**
 * clt_customer_details_new:
 *
 * Takes a reference on each array (NULL reads as empty) and object.
 */
CltCustomerDetails *
clt_customer_details_new (CltCustomer *customer,
                          GPtrArray   *addresses,
                          GPtrArray   *notes,
                          GPtrArray   *orders,
                          GPtrArray   *emails,
                          GPtrArray   *sites,
                          GPtrArray   *groups,
                          CltCompany  *company)
{
  CltCustomerDetails *self;

  g_return_val_if_fail (CLT_IS_CUSTOMER (customer), NULL);
  g_return_val_if_fail (company == NULL || CLT_IS_COMPANY (company), NULL);

  self = g_object_new (CLT_TYPE_CUSTOMER_DETAILS, NULL);
  self->customer = g_object_ref (customer);
  self->addresses = ref_or_empty (addresses);
  self->notes = ref_or_empty (notes);
  self->orders = ref_or_empty (orders);
  self->emails = ref_or_empty (emails);
  self->sites = ref_or_empty (sites);
  self->assisted_buying = ref_or_empty (NULL);
  self->marketing = ref_or_empty (NULL);
  self->groups = ref_or_empty (groups);
  self->company = company != NULL ? g_object_ref (company) : NULL;

  return self;
}

CltCustomer *
clt_customer_details_get_customer (CltCustomerDetails *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_DETAILS (self), NULL);

  return self->customer;
}

GPtrArray *
clt_customer_details_get_addresses (CltCustomerDetails *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_DETAILS (self), NULL);

  return self->addresses;
}

GPtrArray *
clt_customer_details_get_notes (CltCustomerDetails *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_DETAILS (self), NULL);

  return self->notes;
}

GPtrArray *
clt_customer_details_get_orders (CltCustomerDetails *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_DETAILS (self), NULL);

  return self->orders;
}

GPtrArray *
clt_customer_details_get_emails (CltCustomerDetails *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_DETAILS (self), NULL);

  return self->emails;
}

GPtrArray *
clt_customer_details_get_sites (CltCustomerDetails *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_DETAILS (self), NULL);

  return self->sites;
}

GPtrArray *
clt_customer_details_get_groups (CltCustomerDetails *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_DETAILS (self), NULL);

  return self->groups;
}

CltCompany *
clt_customer_details_get_company (CltCustomerDetails *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_DETAILS (self), NULL);

  return self->company;
}

GPtrArray *
clt_customer_details_get_assisted_buying (CltCustomerDetails *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_DETAILS (self), NULL);

  return self->assisted_buying;
}

void
clt_customer_details_set_assisted_buying (CltCustomerDetails *self,
                                          GPtrArray          *log)
{
  g_return_if_fail (CLT_IS_CUSTOMER_DETAILS (self));

  g_clear_pointer (&self->assisted_buying, g_ptr_array_unref);
  self->assisted_buying = ref_or_empty (log);
}

GPtrArray *
clt_customer_details_get_marketing (CltCustomerDetails *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_DETAILS (self), NULL);

  return self->marketing;
}

void
clt_customer_details_set_marketing (CltCustomerDetails *self,
                                    GPtrArray          *marketing)
{
  g_return_if_fail (CLT_IS_CUSTOMER_DETAILS (self));

  g_clear_pointer (&self->marketing, g_ptr_array_unref);
  self->marketing = ref_or_empty (marketing);
}
