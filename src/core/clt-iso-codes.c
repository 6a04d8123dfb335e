/* clt-iso-codes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-iso-codes"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "clt-iso-codes.h"

/* Countries and currencies are taken from the iso-codes data (4.15.0,
 * iso_3166-1.json and iso_4217.json), using the common name where it has
 * one ("South Korea" rather than "Korea, Republic of"). Currencies leave out
 * the fund, precious-metal, bond-market and testing codes (BOV, CHE, CHW,
 * CLF, COU, MXV, USN, UYI, UYW, X-codes but XAF, XCD, XOF, XPF): nobody
 * pays in them. Both tables must stay sorted by code (binary search). */

static const CltIsoCountry countries[] =
{
  { "AD", N_("Andorra") },
  { "AE", N_("United Arab Emirates") },
  { "AF", N_("Afghanistan") },
  { "AG", N_("Antigua and Barbuda") },
  { "AI", N_("Anguilla") },
  { "AL", N_("Albania") },
  { "AM", N_("Armenia") },
  { "AO", N_("Angola") },
  { "AQ", N_("Antarctica") },
  { "AR", N_("Argentina") },
  { "AS", N_("American Samoa") },
  { "AT", N_("Austria") },
  { "AU", N_("Australia") },
  { "AW", N_("Aruba") },
  { "AX", N_("Åland Islands") },
  { "AZ", N_("Azerbaijan") },
  { "BA", N_("Bosnia and Herzegovina") },
  { "BB", N_("Barbados") },
  { "BD", N_("Bangladesh") },
  { "BE", N_("Belgium") },
  { "BF", N_("Burkina Faso") },
  { "BG", N_("Bulgaria") },
  { "BH", N_("Bahrain") },
  { "BI", N_("Burundi") },
  { "BJ", N_("Benin") },
  { "BL", N_("Saint Barthélemy") },
  { "BM", N_("Bermuda") },
  { "BN", N_("Brunei Darussalam") },
  { "BO", N_("Bolivia") },
  { "BQ", N_("Bonaire, Sint Eustatius and Saba") },
  { "BR", N_("Brazil") },
  { "BS", N_("Bahamas") },
  { "BT", N_("Bhutan") },
  { "BV", N_("Bouvet Island") },
  { "BW", N_("Botswana") },
  { "BY", N_("Belarus") },
  { "BZ", N_("Belize") },
  { "CA", N_("Canada") },
  { "CC", N_("Cocos (Keeling) Islands") },
  { "CD", N_("Congo, The Democratic Republic of the") },
  { "CF", N_("Central African Republic") },
  { "CG", N_("Congo") },
  { "CH", N_("Switzerland") },
  { "CI", N_("Côte d'Ivoire") },
  { "CK", N_("Cook Islands") },
  { "CL", N_("Chile") },
  { "CM", N_("Cameroon") },
  { "CN", N_("China") },
  { "CO", N_("Colombia") },
  { "CR", N_("Costa Rica") },
  { "CU", N_("Cuba") },
  { "CV", N_("Cabo Verde") },
  { "CW", N_("Curaçao") },
  { "CX", N_("Christmas Island") },
  { "CY", N_("Cyprus") },
  { "CZ", N_("Czechia") },
  { "DE", N_("Germany") },
  { "DJ", N_("Djibouti") },
  { "DK", N_("Denmark") },
  { "DM", N_("Dominica") },
  { "DO", N_("Dominican Republic") },
  { "DZ", N_("Algeria") },
  { "EC", N_("Ecuador") },
  { "EE", N_("Estonia") },
  { "EG", N_("Egypt") },
  { "EH", N_("Western Sahara") },
  { "ER", N_("Eritrea") },
  { "ES", N_("Spain") },
  { "ET", N_("Ethiopia") },
  { "FI", N_("Finland") },
  { "FJ", N_("Fiji") },
  { "FK", N_("Falkland Islands (Malvinas)") },
  { "FM", N_("Micronesia, Federated States of") },
  { "FO", N_("Faroe Islands") },
  { "FR", N_("France") },
  { "GA", N_("Gabon") },
  { "GB", N_("United Kingdom") },
  { "GD", N_("Grenada") },
  { "GE", N_("Georgia") },
  { "GF", N_("French Guiana") },
  { "GG", N_("Guernsey") },
  { "GH", N_("Ghana") },
  { "GI", N_("Gibraltar") },
  { "GL", N_("Greenland") },
  { "GM", N_("Gambia") },
  { "GN", N_("Guinea") },
  { "GP", N_("Guadeloupe") },
  { "GQ", N_("Equatorial Guinea") },
  { "GR", N_("Greece") },
  { "GS", N_("South Georgia and the South Sandwich Islands") },
  { "GT", N_("Guatemala") },
  { "GU", N_("Guam") },
  { "GW", N_("Guinea-Bissau") },
  { "GY", N_("Guyana") },
  { "HK", N_("Hong Kong") },
  { "HM", N_("Heard Island and McDonald Islands") },
  { "HN", N_("Honduras") },
  { "HR", N_("Croatia") },
  { "HT", N_("Haiti") },
  { "HU", N_("Hungary") },
  { "ID", N_("Indonesia") },
  { "IE", N_("Ireland") },
  { "IL", N_("Israel") },
  { "IM", N_("Isle of Man") },
  { "IN", N_("India") },
  { "IO", N_("British Indian Ocean Territory") },
  { "IQ", N_("Iraq") },
  { "IR", N_("Iran") },
  { "IS", N_("Iceland") },
  { "IT", N_("Italy") },
  { "JE", N_("Jersey") },
  { "JM", N_("Jamaica") },
  { "JO", N_("Jordan") },
  { "JP", N_("Japan") },
  { "KE", N_("Kenya") },
  { "KG", N_("Kyrgyzstan") },
  { "KH", N_("Cambodia") },
  { "KI", N_("Kiribati") },
  { "KM", N_("Comoros") },
  { "KN", N_("Saint Kitts and Nevis") },
  { "KP", N_("North Korea") },
  { "KR", N_("South Korea") },
  { "KW", N_("Kuwait") },
  { "KY", N_("Cayman Islands") },
  { "KZ", N_("Kazakhstan") },
  { "LA", N_("Laos") },
  { "LB", N_("Lebanon") },
  { "LC", N_("Saint Lucia") },
  { "LI", N_("Liechtenstein") },
  { "LK", N_("Sri Lanka") },
  { "LR", N_("Liberia") },
  { "LS", N_("Lesotho") },
  { "LT", N_("Lithuania") },
  { "LU", N_("Luxembourg") },
  { "LV", N_("Latvia") },
  { "LY", N_("Libya") },
  { "MA", N_("Morocco") },
  { "MC", N_("Monaco") },
  { "MD", N_("Moldova") },
  { "ME", N_("Montenegro") },
  { "MF", N_("Saint Martin (French part)") },
  { "MG", N_("Madagascar") },
  { "MH", N_("Marshall Islands") },
  { "MK", N_("North Macedonia") },
  { "ML", N_("Mali") },
  { "MM", N_("Myanmar") },
  { "MN", N_("Mongolia") },
  { "MO", N_("Macao") },
  { "MP", N_("Northern Mariana Islands") },
  { "MQ", N_("Martinique") },
  { "MR", N_("Mauritania") },
  { "MS", N_("Montserrat") },
  { "MT", N_("Malta") },
  { "MU", N_("Mauritius") },
  { "MV", N_("Maldives") },
  { "MW", N_("Malawi") },
  { "MX", N_("Mexico") },
  { "MY", N_("Malaysia") },
  { "MZ", N_("Mozambique") },
  { "NA", N_("Namibia") },
  { "NC", N_("New Caledonia") },
  { "NE", N_("Niger") },
  { "NF", N_("Norfolk Island") },
  { "NG", N_("Nigeria") },
  { "NI", N_("Nicaragua") },
  { "NL", N_("Netherlands") },
  { "NO", N_("Norway") },
  { "NP", N_("Nepal") },
  { "NR", N_("Nauru") },
  { "NU", N_("Niue") },
  { "NZ", N_("New Zealand") },
  { "OM", N_("Oman") },
  { "PA", N_("Panama") },
  { "PE", N_("Peru") },
  { "PF", N_("French Polynesia") },
  { "PG", N_("Papua New Guinea") },
  { "PH", N_("Philippines") },
  { "PK", N_("Pakistan") },
  { "PL", N_("Poland") },
  { "PM", N_("Saint Pierre and Miquelon") },
  { "PN", N_("Pitcairn") },
  { "PR", N_("Puerto Rico") },
  { "PS", N_("Palestine, State of") },
  { "PT", N_("Portugal") },
  { "PW", N_("Palau") },
  { "PY", N_("Paraguay") },
  { "QA", N_("Qatar") },
  { "RE", N_("Réunion") },
  { "RO", N_("Romania") },
  { "RS", N_("Serbia") },
  { "RU", N_("Russian Federation") },
  { "RW", N_("Rwanda") },
  { "SA", N_("Saudi Arabia") },
  { "SB", N_("Solomon Islands") },
  { "SC", N_("Seychelles") },
  { "SD", N_("Sudan") },
  { "SE", N_("Sweden") },
  { "SG", N_("Singapore") },
  { "SH", N_("Saint Helena, Ascension and Tristan da Cunha") },
  { "SI", N_("Slovenia") },
  { "SJ", N_("Svalbard and Jan Mayen") },
  { "SK", N_("Slovakia") },
  { "SL", N_("Sierra Leone") },
  { "SM", N_("San Marino") },
  { "SN", N_("Senegal") },
  { "SO", N_("Somalia") },
  { "SR", N_("Suriname") },
  { "SS", N_("South Sudan") },
  { "ST", N_("Sao Tome and Principe") },
  { "SV", N_("El Salvador") },
  { "SX", N_("Sint Maarten (Dutch part)") },
  { "SY", N_("Syria") },
  { "SZ", N_("Eswatini") },
  { "TC", N_("Turks and Caicos Islands") },
  { "TD", N_("Chad") },
  { "TF", N_("French Southern Territories") },
  { "TG", N_("Togo") },
  { "TH", N_("Thailand") },
  { "TJ", N_("Tajikistan") },
  { "TK", N_("Tokelau") },
  { "TL", N_("Timor-Leste") },
  { "TM", N_("Turkmenistan") },
  { "TN", N_("Tunisia") },
  { "TO", N_("Tonga") },
  { "TR", N_("Türkiye") },
  { "TT", N_("Trinidad and Tobago") },
  { "TV", N_("Tuvalu") },
  { "TW", N_("Taiwan") },
  { "TZ", N_("Tanzania") },
  { "UA", N_("Ukraine") },
  { "UG", N_("Uganda") },
  { "UM", N_("United States Minor Outlying Islands") },
  { "US", N_("United States") },
  { "UY", N_("Uruguay") },
  { "UZ", N_("Uzbekistan") },
  { "VA", N_("Holy See (Vatican City State)") },
  { "VC", N_("Saint Vincent and the Grenadines") },
  { "VE", N_("Venezuela") },
  { "VG", N_("Virgin Islands, British") },
  { "VI", N_("Virgin Islands, U.S.") },
  { "VN", N_("Vietnam") },
  { "VU", N_("Vanuatu") },
  { "WF", N_("Wallis and Futuna") },
  { "WS", N_("Samoa") },
  { "YE", N_("Yemen") },
  { "YT", N_("Mayotte") },
  { "ZA", N_("South Africa") },
  { "ZM", N_("Zambia") },
  { "ZW", N_("Zimbabwe") },
};

static const CltIsoCurrency currencies[] =
{
  { "AED", N_("UAE Dirham"), 2 },
  { "AFN", N_("Afghani"), 2 },
  { "ALL", N_("Lek"), 2 },
  { "AMD", N_("Armenian Dram"), 2 },
  { "ANG", N_("Netherlands Antillean Guilder"), 2 },
  { "AOA", N_("Kwanza"), 2 },
  { "ARS", N_("Argentine Peso"), 2 },
  { "AUD", N_("Australian Dollar"), 2 },
  { "AWG", N_("Aruban Florin"), 2 },
  { "AZN", N_("Azerbaijan Manat"), 2 },
  { "BAM", N_("Convertible Mark"), 2 },
  { "BBD", N_("Barbados Dollar"), 2 },
  { "BDT", N_("Taka"), 2 },
  { "BGN", N_("Bulgarian Lev"), 2 },
  { "BHD", N_("Bahraini Dinar"), 3 },
  { "BIF", N_("Burundi Franc"), 0 },
  { "BMD", N_("Bermudian Dollar"), 2 },
  { "BND", N_("Brunei Dollar"), 2 },
  { "BOB", N_("Boliviano"), 2 },
  { "BRL", N_("Brazilian Real"), 2 },
  { "BSD", N_("Bahamian Dollar"), 2 },
  { "BTN", N_("Ngultrum"), 2 },
  { "BWP", N_("Pula"), 2 },
  { "BYN", N_("Belarusian Ruble"), 2 },
  { "BZD", N_("Belize Dollar"), 2 },
  { "CAD", N_("Canadian Dollar"), 2 },
  { "CDF", N_("Congolese Franc"), 2 },
  { "CHF", N_("Swiss Franc"), 2 },
  { "CLP", N_("Chilean Peso"), 0 },
  { "CNY", N_("Yuan Renminbi"), 2 },
  { "COP", N_("Colombian Peso"), 2 },
  { "CRC", N_("Costa Rican Colon"), 2 },
  { "CUC", N_("Peso Convertible"), 2 },
  { "CUP", N_("Cuban Peso"), 2 },
  { "CVE", N_("Cabo Verde Escudo"), 2 },
  { "CZK", N_("Czech Koruna"), 2 },
  { "DJF", N_("Djibouti Franc"), 0 },
  { "DKK", N_("Danish Krone"), 2 },
  { "DOP", N_("Dominican Peso"), 2 },
  { "DZD", N_("Algerian Dinar"), 2 },
  { "EGP", N_("Egyptian Pound"), 2 },
  { "ERN", N_("Nakfa"), 2 },
  { "ETB", N_("Ethiopian Birr"), 2 },
  { "EUR", N_("Euro"), 2 },
  { "FJD", N_("Fiji Dollar"), 2 },
  { "FKP", N_("Falkland Islands Pound"), 2 },
  { "GBP", N_("Pound Sterling"), 2 },
  { "GEL", N_("Lari"), 2 },
  { "GHS", N_("Ghana Cedi"), 2 },
  { "GIP", N_("Gibraltar Pound"), 2 },
  { "GMD", N_("Dalasi"), 2 },
  { "GNF", N_("Guinean Franc"), 0 },
  { "GTQ", N_("Quetzal"), 2 },
  { "GYD", N_("Guyana Dollar"), 2 },
  { "HKD", N_("Hong Kong Dollar"), 2 },
  { "HNL", N_("Lempira"), 2 },
  { "HRK", N_("Kuna"), 2 },
  { "HTG", N_("Gourde"), 2 },
  { "HUF", N_("Forint"), 2 },
  { "IDR", N_("Rupiah"), 2 },
  { "ILS", N_("New Israeli Sheqel"), 2 },
  { "INR", N_("Indian Rupee"), 2 },
  { "IQD", N_("Iraqi Dinar"), 3 },
  { "IRR", N_("Iranian Rial"), 2 },
  { "ISK", N_("Iceland Krona"), 0 },
  { "JMD", N_("Jamaican Dollar"), 2 },
  { "JOD", N_("Jordanian Dinar"), 3 },
  { "JPY", N_("Yen"), 0 },
  { "KES", N_("Kenyan Shilling"), 2 },
  { "KGS", N_("Som"), 2 },
  { "KHR", N_("Riel"), 2 },
  { "KMF", N_("Comorian Franc"), 0 },
  { "KPW", N_("North Korean Won"), 2 },
  { "KRW", N_("Won"), 0 },
  { "KWD", N_("Kuwaiti Dinar"), 3 },
  { "KYD", N_("Cayman Islands Dollar"), 2 },
  { "KZT", N_("Tenge"), 2 },
  { "LAK", N_("Lao Kip"), 2 },
  { "LBP", N_("Lebanese Pound"), 2 },
  { "LKR", N_("Sri Lanka Rupee"), 2 },
  { "LRD", N_("Liberian Dollar"), 2 },
  { "LSL", N_("Loti"), 2 },
  { "LYD", N_("Libyan Dinar"), 3 },
  { "MAD", N_("Moroccan Dirham"), 2 },
  { "MDL", N_("Moldovan Leu"), 2 },
  { "MGA", N_("Malagasy Ariary"), 2 },
  { "MKD", N_("Denar"), 2 },
  { "MMK", N_("Kyat"), 2 },
  { "MNT", N_("Tugrik"), 2 },
  { "MOP", N_("Pataca"), 2 },
  { "MRU", N_("Ouguiya"), 2 },
  { "MUR", N_("Mauritius Rupee"), 2 },
  { "MVR", N_("Rufiyaa"), 2 },
  { "MWK", N_("Malawi Kwacha"), 2 },
  { "MXN", N_("Mexican Peso"), 2 },
  { "MYR", N_("Malaysian Ringgit"), 2 },
  { "MZN", N_("Mozambique Metical"), 2 },
  { "NAD", N_("Namibia Dollar"), 2 },
  { "NGN", N_("Naira"), 2 },
  { "NIO", N_("Cordoba Oro"), 2 },
  { "NOK", N_("Norwegian Krone"), 2 },
  { "NPR", N_("Nepalese Rupee"), 2 },
  { "NZD", N_("New Zealand Dollar"), 2 },
  { "OMR", N_("Rial Omani"), 3 },
  { "PAB", N_("Balboa"), 2 },
  { "PEN", N_("Sol"), 2 },
  { "PGK", N_("Kina"), 2 },
  { "PHP", N_("Philippine Peso"), 2 },
  { "PKR", N_("Pakistan Rupee"), 2 },
  { "PLN", N_("Zloty"), 2 },
  { "PYG", N_("Guarani"), 0 },
  { "QAR", N_("Qatari Rial"), 2 },
  { "RON", N_("Romanian Leu"), 2 },
  { "RSD", N_("Serbian Dinar"), 2 },
  { "RUB", N_("Russian Ruble"), 2 },
  { "RWF", N_("Rwanda Franc"), 0 },
  { "SAR", N_("Saudi Riyal"), 2 },
  { "SBD", N_("Solomon Islands Dollar"), 2 },
  { "SCR", N_("Seychelles Rupee"), 2 },
  { "SDG", N_("Sudanese Pound"), 2 },
  { "SEK", N_("Swedish Krona"), 2 },
  { "SGD", N_("Singapore Dollar"), 2 },
  { "SHP", N_("Saint Helena Pound"), 2 },
  { "SLE", N_("Leone"), 2 },
  { "SLL", N_("Leone"), 2 },
  { "SOS", N_("Somali Shilling"), 2 },
  { "SRD", N_("Surinam Dollar"), 2 },
  { "SSP", N_("South Sudanese Pound"), 2 },
  { "STN", N_("Dobra"), 2 },
  { "SVC", N_("El Salvador Colon"), 2 },
  { "SYP", N_("Syrian Pound"), 2 },
  { "SZL", N_("Lilangeni"), 2 },
  { "THB", N_("Baht"), 2 },
  { "TJS", N_("Somoni"), 2 },
  { "TMT", N_("Turkmenistan New Manat"), 2 },
  { "TND", N_("Tunisian Dinar"), 3 },
  { "TOP", N_("Pa’anga"), 2 },
  { "TRY", N_("Turkish Lira"), 2 },
  { "TTD", N_("Trinidad and Tobago Dollar"), 2 },
  { "TWD", N_("New Taiwan Dollar"), 2 },
  { "TZS", N_("Tanzanian Shilling"), 2 },
  { "UAH", N_("Hryvnia"), 2 },
  { "UGX", N_("Uganda Shilling"), 0 },
  { "USD", N_("US Dollar"), 2 },
  { "UYU", N_("Peso Uruguayo"), 2 },
  { "UZS", N_("Uzbekistan Sum"), 2 },
  { "VED", N_("Bolívar Soberano"), 2 },
  { "VES", N_("Bolívar Soberano"), 2 },
  { "VND", N_("Dong"), 0 },
  { "VUV", N_("Vatu"), 0 },
  { "WST", N_("Tala"), 2 },
  { "XAF", N_("CFA Franc BEAC"), 0 },
  { "XCD", N_("East Caribbean Dollar"), 2 },
  { "XOF", N_("CFA Franc BCEAO"), 0 },
  { "XPF", N_("CFP Franc"), 0 },
  { "YER", N_("Yemeni Rial"), 2 },
  { "ZAR", N_("Rand"), 2 },
  { "ZMW", N_("Zambian Kwacha"), 2 },
  { "ZWL", N_("Zimbabwe Dollar"), 2 },
};

/* Sorted by name, the order a language picker shows. */
static const CltIsoLocale locales[] =
{
  { "ar", N_("Arabic") },
  { "ar_EG", N_("Arabic (Egypt)") },
  { "ar_SA", N_("Arabic (Saudi Arabia)") },
  { "ar_AE", N_("Arabic (United Arab Emirates)") },
  { "bg_BG", N_("Bulgarian (Bulgaria)") },
  { "ca_ES", N_("Catalan (Spain)") },
  { "zh", N_("Chinese") },
  { "zh_CN", N_("Chinese (China)") },
  { "zh_HK", N_("Chinese (Hong Kong)") },
  { "zh_TW", N_("Chinese (Taiwan)") },
  { "hr_HR", N_("Croatian (Croatia)") },
  { "cs", N_("Czech") },
  { "cs_CZ", N_("Czech (Czechia)") },
  { "da", N_("Danish") },
  { "da_DK", N_("Danish (Denmark)") },
  { "nl", N_("Dutch") },
  { "nl_BE", N_("Dutch (Belgium)") },
  { "nl_NL", N_("Dutch (Netherlands)") },
  { "en", N_("English") },
  { "en_AU", N_("English (Australia)") },
  { "en_CA", N_("English (Canada)") },
  { "en_IN", N_("English (India)") },
  { "en_IE", N_("English (Ireland)") },
  { "en_NZ", N_("English (New Zealand)") },
  { "en_SG", N_("English (Singapore)") },
  { "en_ZA", N_("English (South Africa)") },
  { "en_GB", N_("English (United Kingdom)") },
  { "en_US", N_("English (United States)") },
  { "et_EE", N_("Estonian (Estonia)") },
  { "fi", N_("Finnish") },
  { "fi_FI", N_("Finnish (Finland)") },
  { "fr", N_("French") },
  { "fr_BE", N_("French (Belgium)") },
  { "fr_CA", N_("French (Canada)") },
  { "fr_FR", N_("French (France)") },
  { "fr_LU", N_("French (Luxembourg)") },
  { "fr_CH", N_("French (Switzerland)") },
  { "de", N_("German") },
  { "de_AT", N_("German (Austria)") },
  { "de_DE", N_("German (Germany)") },
  { "de_LI", N_("German (Liechtenstein)") },
  { "de_LU", N_("German (Luxembourg)") },
  { "de_CH", N_("German (Switzerland)") },
  { "el_GR", N_("Greek (Greece)") },
  { "he_IL", N_("Hebrew (Israel)") },
  { "hi_IN", N_("Hindi (India)") },
  { "hu", N_("Hungarian") },
  { "hu_HU", N_("Hungarian (Hungary)") },
  { "id_ID", N_("Indonesian (Indonesia)") },
  { "it", N_("Italian") },
  { "it_IT", N_("Italian (Italy)") },
  { "it_CH", N_("Italian (Switzerland)") },
  { "ja", N_("Japanese") },
  { "ja_JP", N_("Japanese (Japan)") },
  { "ko_KR", N_("Korean (South Korea)") },
  { "lv_LV", N_("Latvian (Latvia)") },
  { "lt_LT", N_("Lithuanian (Lithuania)") },
  { "ms_MY", N_("Malay (Malaysia)") },
  { "nb_NO", N_("Norwegian Bokmål (Norway)") },
  { "pl", N_("Polish") },
  { "pl_PL", N_("Polish (Poland)") },
  { "pt", N_("Portuguese") },
  { "pt_BR", N_("Portuguese (Brazil)") },
  { "pt_PT", N_("Portuguese (Portugal)") },
  { "ro_RO", N_("Romanian (Romania)") },
  { "ru", N_("Russian") },
  { "ru_RU", N_("Russian (Russia)") },
  { "sr_RS", N_("Serbian (Serbia)") },
  { "sk_SK", N_("Slovak (Slovakia)") },
  { "sl_SI", N_("Slovenian (Slovenia)") },
  { "es", N_("Spanish") },
  { "es_AR", N_("Spanish (Argentina)") },
  { "es_CL", N_("Spanish (Chile)") },
  { "es_CO", N_("Spanish (Colombia)") },
  { "es_MX", N_("Spanish (Mexico)") },
  { "es_ES", N_("Spanish (Spain)") },
  { "es_US", N_("Spanish (United States)") },
  { "sv", N_("Swedish") },
  { "sv_FI", N_("Swedish (Finland)") },
  { "sv_SE", N_("Swedish (Sweden)") },
  { "th_TH", N_("Thai (Thailand)") },
  { "tr", N_("Turkish") },
  { "tr_TR", N_("Turkish (Türkiye)") },
  { "uk_UA", N_("Ukrainian (Ukraine)") },
  { "vi_VN", N_("Vietnamese (Vietnam)") },
};

static int
compare_code (const void *key,
              const void *entry)
{
  /* Every table's entries start with the code pointer. */
  return strcmp (key, *(const char * const *) entry);
}

const CltIsoCountry *
clt_iso_codes_get_countries (gsize *n_countries)
{
  if (n_countries != NULL)
    *n_countries = G_N_ELEMENTS (countries);
  return countries;
}

const CltIsoCountry *
clt_iso_codes_lookup_country (const char *code)
{
  if (code == NULL || *code == '\0')
    return NULL;
  return bsearch (code, countries, G_N_ELEMENTS (countries), sizeof countries[0], compare_code);
}

gboolean
clt_iso_codes_is_country (const char *code)
{
  return clt_iso_codes_lookup_country (code) != NULL;
}

const char *
clt_iso_codes_get_country_name (const char *code)
{
  const CltIsoCountry *country = clt_iso_codes_lookup_country (code);

  return country != NULL ? _(country->name) : NULL;
}

const CltIsoCurrency *
clt_iso_codes_get_currencies (gsize *n_currencies)
{
  if (n_currencies != NULL)
    *n_currencies = G_N_ELEMENTS (currencies);
  return currencies;
}

const CltIsoCurrency *
clt_iso_codes_lookup_currency (const char *code)
{
  if (code == NULL || *code == '\0')
    return NULL;
  return bsearch (code, currencies, G_N_ELEMENTS (currencies), sizeof currencies[0], compare_code);
}

gboolean
clt_iso_codes_is_currency (const char *code)
{
  return clt_iso_codes_lookup_currency (code) != NULL;
}

const char *
clt_iso_codes_get_currency_name (const char *code)
{
  const CltIsoCurrency *currency = clt_iso_codes_lookup_currency (code);

  return currency != NULL ? _(currency->name) : NULL;
}

guint
clt_iso_codes_get_currency_minor_units (const char *code)
{
  const CltIsoCurrency *currency = clt_iso_codes_lookup_currency (code);

  return currency != NULL ? currency->minor_units : 2;
}

const CltIsoLocale *
clt_iso_codes_get_locales (gsize *n_locales)
{
  if (n_locales != NULL)
    *n_locales = G_N_ELEMENTS (locales);
  return locales;
}

const CltIsoLocale *
clt_iso_codes_lookup_locale (const char *code)
{
  if (code == NULL || *code == '\0')
    return NULL;

  /* Sorted by name, not code: a linear search over ninety entries. */
  for (gsize i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      if (strcmp (locales[i].code, code) == 0)
        return &locales[i];
    }

  return NULL;
}

gboolean
clt_iso_codes_is_locale (const char *code)
{
  return clt_iso_codes_lookup_locale (code) != NULL;
}

const char *
clt_iso_codes_get_locale_name (const char *code)
{
  const CltIsoLocale *locale = clt_iso_codes_lookup_locale (code);

  return locale != NULL ? _(locale->name) : NULL;
}
