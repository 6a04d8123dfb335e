/* clt-customer-number.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-customer-number"

#include "config.h"

#include <string.h>

#include "clt-customer-number.h"
#include "clt-random.h"

#define HALF_BITS   20
#define HALF_MASK   ((G_GUINT64_CONSTANT (1) << HALF_BITS) - 1)
#define N_ROUNDS    8
#define N_SYMBOLS   32
#define BODY_LENGTH (CLT_CUSTOMER_NUMBER_CODE_LENGTH - 1)

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* SipHash-2-4 of one 64-bit word (Aumasson & Bernstein): a fast keyed PRF,
 * enough for a round function where a number is made per customer created
 * or imported (half a million in a sample import). */
#define ROTL(x, b) (((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                      \
  G_STMT_START {                                                      \
    v0 += v1; v1 = ROTL (v1, 13); v1 ^= v0; v0 = ROTL (v0, 32);       \
    v2 += v3; v3 = ROTL (v3, 16); v3 ^= v2;                           \
    v0 += v3; v3 = ROTL (v3, 21); v3 ^= v0;                           \
    v2 += v1; v1 = ROTL (v1, 17); v1 ^= v2; v2 = ROTL (v2, 32);       \
  } G_STMT_END

static guint64
siphash24_u64 (guint64 k0,
               guint64 k1,
               guint64 m)
{
  guint64 v0 = k0 ^ G_GUINT64_CONSTANT (0x736f6d6570736575);
  guint64 v1 = k1 ^ G_GUINT64_CONSTANT (0x646f72616e646f6d);
  guint64 v2 = k0 ^ G_GUINT64_CONSTANT (0x6c7967656e657261);
  guint64 v3 = k1 ^ G_GUINT64_CONSTANT (0x7465646279746573);
  /* The final block of an 8-byte message: its length in the top byte. */
  guint64 b = G_GUINT64_CONSTANT (8) << 56;

  v3 ^= m;
  SIPROUND;
  SIPROUND;
  v0 ^= m;

  v3 ^= b;
  SIPROUND;
  SIPROUND;
  v0 ^= b;

  v2 ^= 0xff;
  SIPROUND;
  SIPROUND;
  SIPROUND;
  SIPROUND;

  return v0 ^ v1 ^ v2 ^ v3;
}

#undef SIPROUND
#undef ROTL

static gboolean
parse_key (const char *key,
           guint64    *k0,
           guint64    *k1)
{
  guint64 words[2] = { 0, 0 };

  if (key == NULL || strlen (key) != CLT_CUSTOMER_NUMBER_KEY_LENGTH)
    return FALSE;

  for (guint i = 0; i < CLT_CUSTOMER_NUMBER_KEY_LENGTH; i++)
    {
      int digit = g_ascii_xdigit_value (key[i]);

      if (digit < 0)
        return FALSE;
      words[i / 16] = (words[i / 16] << 4) | (guint64) digit;
    }

  *k0 = words[0];
  *k1 = words[1];
  return TRUE;
}

static guint64
round_function (guint64 k0,
                guint64 k1,
                guint   round_index,
                guint64 half)
{
  return siphash24_u64 (k0, k1, ((guint64) round_index << 32) | half) & HALF_MASK;
}

static guint64
permute (guint64 k0,
         guint64 k1,
         guint64 value)
{
  guint64 left = value >> HALF_BITS;
  guint64 right = value & HALF_MASK;

  for (guint round_index = 0; round_index < N_ROUNDS; round_index++)
    {
      guint64 next = left ^ round_function (k0, k1, round_index, right);

      left = right;
      right = next;
    }

  return (left << HALF_BITS) | right;
}

static guint64
unpermute (guint64 k0,
           guint64 k1,
           guint64 value)
{
  guint64 left = value >> HALF_BITS;
  guint64 right = value & HALF_MASK;

  for (guint round_index = N_ROUNDS; round_index-- > 0;)
    {
      guint64 previous = right ^ round_function (k0, k1, round_index, left);

      right = left;
      left = previous;
    }

  return (left << HALF_BITS) | right;
}

/* The value of a canonical symbol, or -1. */
static int
symbol_value (char c)
{
  const char *p;

  if (c == '\0')
    return -1;
  p = strchr (crockford, c);
  return p != NULL ? (int) (p - crockford) : -1;
}

/* The value of a typed symbol: lower case, and I/L for 1, O for 0. */
static int
typed_symbol_value (char c)
{
  c = g_ascii_toupper (c);
  if (c == 'I' || c == 'L')
    c = '1';
  else if (c == 'O')
    c = '0';
  return symbol_value (c);
}

/* Luhn mod N over the symbol values, N = 32. */
static int
check_value (const int *values,
             gsize      n_values)
{
  guint factor = 2;
  guint sum = 0;

  for (gsize i = n_values; i-- > 0;)
    {
      guint addend = factor * (guint) values[i];

      factor = factor == 2 ? 1 : 2;
      sum += addend / N_SYMBOLS + addend % N_SYMBOLS;
    }

  return (int) ((N_SYMBOLS - sum % N_SYMBOLS) % N_SYMBOLS);
}

/* Values of the last CODE_LENGTH canonical symbols of @number, FALSE when
 * they are not all symbols or the check symbol does not match. */
static gboolean
code_values (const char *number,
             int        *values)
{
  gsize length;
  const char *code;

  if (number == NULL)
    return FALSE;

  length = strlen (number);
  if (length < CLT_CUSTOMER_NUMBER_CODE_LENGTH)
    return FALSE;

  code = number + length - CLT_CUSTOMER_NUMBER_CODE_LENGTH;
  for (guint i = 0; i < CLT_CUSTOMER_NUMBER_CODE_LENGTH; i++)
    {
      values[i] = symbol_value (code[i]);
      if (values[i] < 0)
        return FALSE;
    }

  return check_value (values, BODY_LENGTH) == values[BODY_LENGTH];
}

/**
 * clt_customer_number_generate_key:
 *
 * Returns: (transfer full): a new secret for clt_customer_number_format()
 */
char *
clt_customer_number_generate_key (void)
{
  return clt_random_token_hex (CLT_CUSTOMER_NUMBER_KEY_LENGTH / 2);
}

gboolean
clt_customer_number_key_is_valid (const char *key)
{
  guint64 k0 = 0, k1 = 0;

  return parse_key (key, &k0, &k1);
}

/**
 * clt_customer_number_format:
 * @key: the database's secret, from clt_customer_number_generate_key()
 * @prefix: (nullable): the shop's prefix, such as "CUST-"
 * @sequence: the next value of the store's sequence
 *
 * Returns: (transfer full): the customer number
 */
char *
clt_customer_number_format (const char *key,
                            const char *prefix,
                            guint64     sequence)
{
  guint64 k0, k1, value;
  int values[CLT_CUSTOMER_NUMBER_CODE_LENGTH];
  GString *number;

  g_return_val_if_fail (sequence <= CLT_CUSTOMER_NUMBER_MAX_SEQUENCE, NULL);
  if (!parse_key (key, &k0, &k1))
    g_return_val_if_reached (NULL);

  value = permute (k0, k1, sequence);
  for (guint i = 0; i < BODY_LENGTH; i++)
    values[i] = (int) ((value >> (5 * (BODY_LENGTH - 1 - i))) & (N_SYMBOLS - 1));
  values[BODY_LENGTH] = check_value (values, BODY_LENGTH);

  number = g_string_new (prefix);
  for (guint i = 0; i < CLT_CUSTOMER_NUMBER_CODE_LENGTH; i++)
    g_string_append_c (number, crockford[values[i]]);

  return g_string_free (number, FALSE);
}

gboolean
clt_customer_number_parse (const char *key,
                           const char *number,
                           guint64    *sequence)
{
  int values[CLT_CUSTOMER_NUMBER_CODE_LENGTH];
  guint64 k0 = 0, k1 = 0;
  guint64 value = 0;

  g_return_val_if_fail (clt_customer_number_key_is_valid (key), FALSE);

  if (!code_values (number, values))
    return FALSE;

  parse_key (key, &k0, &k1);
  for (guint i = 0; i < BODY_LENGTH; i++)
    value = (value << 5) | (guint64) values[i];

  if (sequence != NULL)
    *sequence = unpermute (k0, k1, value);
  return TRUE;
}

gboolean
clt_customer_number_is_valid (const char *number)
{
  int values[CLT_CUSTOMER_NUMBER_CODE_LENGTH];

  return code_values (number, values);
}

/**
 * clt_customer_number_normalize:
 * @prefix: (nullable): the shop's current prefix
 * @text: what the user typed
 *
 * Returns: (transfer full) (nullable): the canonical number, or NULL
 */
char *
clt_customer_number_normalize (const char *prefix,
                               const char *text)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GString) code = NULL;
  const char *rest;
  gsize prefix_length;
  char *number;

  if (text == NULL)
    return NULL;
  if (prefix == NULL)
    prefix = "";

  stripped = g_strstrip (g_strdup (text));
  prefix_length = strlen (prefix);
  rest = stripped;
  if (prefix_length > 0 && g_ascii_strncasecmp (stripped, prefix, prefix_length) == 0)
    rest += prefix_length;

  /* What is left must be the code alone, with separators anywhere. */
  code = g_string_new (NULL);
  for (const char *p = rest; *p != '\0'; p++)
    {
      int value;

      if (*p == '-' || *p == ' ')
        continue;
      value = typed_symbol_value (*p);
      if (value < 0)
        return NULL;
      g_string_append_c (code, crockford[value]);
    }

  if (code->len != CLT_CUSTOMER_NUMBER_CODE_LENGTH)
    return NULL;

  number = g_strconcat (prefix, code->str, NULL);
  if (!clt_customer_number_is_valid (number))
    {
      g_free (number);
      return NULL;
    }

  return number;
}
