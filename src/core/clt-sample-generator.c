/* clt-sample-generator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sample-generator"

#include "config.h"

#include <math.h>
#include <string.h>

#include "clt-address.h"
#include "clt-customer-number.h"
#include "clt-customer.h"
#include "clt-marketing-record.h"
#include "clt-order.h"
#include "clt-query.h"
#include "clt-sample-generator.h"

/* Everything comes from one xoshiro256** stream seeded from the seed, never
 * from g_random or the clock, so a seed always yields the same customers.
 * Dates fall in a fixed window (2018-07-01 … 2026-06-30). Objects are
 * filled through their setters: the GObject property machinery would cost
 * more than the rest of the generation. */

#define WINDOW_START   G_GINT64_CONSTANT (1530403200)  /* 2018-07-01 00:00 UTC */
#define WINDOW_END     G_GINT64_CONSTANT (1782777600)  /* 2026-06-30 00:00 UTC */
#define NUMBER_PREFIX  "CUST-"

typedef struct
{
  const char *name;
  const char *zip;     /* '#' digit, '@' letter, anything else literal */
  const char *region;
  const char *locale;  /* overrides the country's when set */
} City;

typedef struct
{
  const char          *code;
  guint                weight;
  const char          *currency;
  const char          *locale;
  const char          *site;
  gboolean             number_first;    /* "12 High Street" vs "Hauptstraße 12" */
  const char          *number_glue;     /* between street and number */
  gboolean             trade_first;     /* "Boulangerie Dubois" vs "Müller Elektro" */
  gboolean             feminine_ski;    /* Kowalski → Kowalska */
  gboolean             german_translit; /* ü → ue in emails */
  const char * const  *male;
  const char * const  *female;
  const char * const  *last;
  const char * const  *streets;
  const City          *cities;
  const char * const  *phones;
  const char * const  *trades;
  const char * const  *suffixes;
  guint n_male, n_female, n_last, n_streets, n_cities, n_phones, n_trades, n_suffixes;
} Country;

/* Name lists {{{ */

static const char * const de_male[] = {
  "Jürgen", "Lukas", "Maximilian", "Jonas", "Felix", "Stefan", "Thomas", "Michael", "Andreas",
  "Matthias", "Sören", "Björn", "Günter", "Klaus", "Tobias", "Florian", "Sebastian", "Jörg",
  "Uwe", "Paul", "Moritz", "Niklas", "Jan", "Frank",
};
static const char * const de_female[] = {
  "Anna", "Lena", "Sophie", "Marie", "Katharina", "Julia", "Jana", "Sabine", "Ursula", "Lea",
  "Hannah", "Charlotte", "Käthe", "Brigitte", "Monika", "Petra", "Susanne", "Zoë", "Jördis",
  "Mareike", "Anke", "Heike",
};
static const char * const de_last[] = {
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
  "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
  "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
  "Werner", "Krause", "Köhler", "Weiß", "Groß", "Jäger", "Böhm", "Günther", "Vogel", "Fuchs",
  "Kühn", "Lorenz", "Baumann", "Franke", "Albrecht", "Löffler",
};
static const char * const de_streets[] = {
  "Hauptstraße", "Bahnhofstraße", "Gartenstraße", "Schillerstraße", "Goethestraße",
  "Lindenallee", "Am Mühlbach", "Königsweg", "Schloßstraße", "Friedrichstraße",
  "Münchner Straße", "Kirchplatz", "Rosenweg", "Birkenweg", "Dorfstraße", "Bergstraße",
};
static const City de_cities[] = {
  { "Berlin", "10###", "Berlin", NULL },
  { "Hamburg", "20###", "Hamburg", NULL },
  { "München", "80###", "Bayern", NULL },
  { "Köln", "50###", "Nordrhein-Westfalen", NULL },
  { "Frankfurt am Main", "60###", "Hessen", NULL },
  { "Stuttgart", "70###", "Baden-Württemberg", NULL },
  { "Düsseldorf", "40###", "Nordrhein-Westfalen", NULL },
  { "Leipzig", "04###", "Sachsen", NULL },
  { "Dresden", "01###", "Sachsen", NULL },
  { "Nürnberg", "90###", "Bayern", NULL },
  { "Bremen", "28###", "Bremen", NULL },
  { "Hannover", "30###", "Niedersachsen", NULL },
  { "Münster", "48###", "Nordrhein-Westfalen", NULL },
  { "Freiburg im Breisgau", "79###", "Baden-Württemberg", NULL },
  { "Lübeck", "23###", "Schleswig-Holstein", NULL },
  { "Würzburg", "97###", "Bayern", NULL },
};
static const char * const de_phones[] = { "+49 30 #######", "+49 89 ########", "+49 40 #######",
                                          "+49 221 #######", "+49 151 ########" };
static const char * const de_trades[] = { "Maschinenbau", "Elektrotechnik", "Gartenbau",
                                          "Holzbau", "Logistik", "Möbelhaus", "Feinkost",
                                          "Bäckerei", "Consulting", "Medizintechnik" };
static const char * const de_suffixes[] = { "GmbH", "AG", "GmbH & Co. KG", "e.K.", "KG" };

static const char * const at_male[] = {
  "Lukas", "Tobias", "Florian", "Dominik", "Raphael", "Matthias", "Christoph", "Josef",
  "Franz", "Valentin", "Jürgen", "Andreas", "Günther", "Wolfgang",
};
static const char * const at_female[] = {
  "Sarah", "Anna", "Lena", "Johanna", "Magdalena", "Theresa", "Katharina", "Elisabeth",
  "Verena", "Zoë", "Barbara", "Sophie", "Marlene",
};
static const char * const at_last[] = {
  "Gruber", "Huber", "Bauer", "Wagner", "Müller", "Pichler", "Steiner", "Moser", "Mayer",
  "Hofer", "Leitner", "Berger", "Fuchs", "Eder", "Fischer", "Schmid", "Winkler", "Weber",
  "Pöschl", "Höller", "Strauß", "Größwang", "Brunner", "Lechner", "Wallner", "Aigner",
};
static const char * const at_streets[] = {
  "Hauptplatz", "Mariahilfer Straße", "Kärntner Straße", "Bahnhofstraße", "Schulgasse",
  "Kirchengasse", "Wiener Straße", "Grazer Straße", "Lindengasse", "Mozartgasse",
  "Salzachstraße", "Praterstraße",
};
static const City at_cities[] = {
  { "Wien", "1##0", "Wien", NULL },
  { "Graz", "80##", "Steiermark", NULL },
  { "Linz", "40##", "Oberösterreich", NULL },
  { "Salzburg", "50##", "Salzburg", NULL },
  { "Innsbruck", "60##", "Tirol", NULL },
  { "Klagenfurt am Wörthersee", "90##", "Kärnten", NULL },
  { "Villach", "95##", "Kärnten", NULL },
  { "Sankt Pölten", "31##", "Niederösterreich", NULL },
  { "Bregenz", "69##", "Vorarlberg", NULL },
};
static const char * const at_phones[] = { "+43 1 #######", "+43 316 ######", "+43 664 #######" };
static const char * const at_trades[] = { "Holzbau", "Tischlerei", "Elektro", "Gastronomie",
                                          "Transporte", "Consulting" };
static const char * const at_suffixes[] = { "GmbH", "AG", "OG", "KG" };

static const char * const ch_male[] = {
  "Luca", "Noah", "Leon", "Nico", "Samuel", "Jonas", "Matteo", "Élie", "Rémy", "Urs", "Beat",
  "Reto", "Jérôme", "Loïc",
};
static const char * const ch_female[] = {
  "Mia", "Lina", "Léa", "Chiara", "Nina", "Laura", "Céline", "Anaïs", "Zoë", "Mélanie",
  "Ursina", "Seraina", "Maëlle",
};
static const char * const ch_last[] = {
  "Müller", "Meier", "Schmid", "Keller", "Weber", "Huber", "Schneider", "Meyer", "Steiner",
  "Gerber", "Brunner", "Baumann", "Frei", "Widmer", "Wyss", "Graf", "Roth", "Favre", "Rochat",
  "Bianchi", "Rossi", "Käser", "Lüthi", "Brändli", "Schnyder", "Bühler", "Jaquet",
};
static const char * const ch_streets[] = {
  "Bahnhofstrasse", "Hauptstrasse", "Dorfstrasse", "Seestrasse", "Rue du Rhône",
  "Rue de Lausanne", "Via Nassa", "Kirchgasse", "Limmatquai", "Zürichstrasse", "Bernstrasse",
  "Chemin des Vignes",
};
static const City ch_cities[] = {
  { "Zürich", "80##", "ZH", NULL },
  { "Genève", "12##", "GE", "fr_CH" },
  { "Basel", "40##", "BS", NULL },
  { "Bern", "30##", "BE", NULL },
  { "Lausanne", "10##", "VD", "fr_CH" },
  { "Luzern", "60##", "LU", NULL },
  { "St. Gallen", "90##", "SG", NULL },
  { "Winterthur", "84##", "ZH", NULL },
  { "Lugano", "69##", "TI", "it_CH" },
  { "Neuchâtel", "20##", "NE", "fr_CH" },
};
static const char * const ch_phones[] = { "+41 44 ### ## ##", "+41 22 ### ## ##",
                                          "+41 79 ### ## ##", "+41 31 ### ## ##" };
static const char * const ch_trades[] = { "Uhren", "Treuhand", "Informatik", "Immobilien",
                                          "Käserei", "Consulting" };
static const char * const ch_suffixes[] = { "AG", "GmbH", "SA", "Sàrl" };

static const char * const fr_male[] = {
  "Jean", "Pierre", "François", "Louis", "Gabriel", "Raphaël", "Léo", "Hugo", "Théo",
  "Jérôme", "Stéphane", "Frédéric", "Benoît", "Loïc", "Noël", "Gaël", "Mathéo", "Aurélien",
};
static const char * const fr_female[] = {
  "Camille", "Léa", "Chloé", "Manon", "Inès", "Zoé", "Hélène", "Émilie", "Océane", "Clémence",
  "Mélanie", "Anaïs", "Maëlle", "Noémie", "Béatrice", "Françoise", "Agnès", "Gaëlle",
};
static const char * const fr_last[] = {
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
  "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
  "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
  "François", "Legrand", "Garnier", "Faure", "Rousseau", "Guérin", "Gérard", "Lemaître",
  "Côté", "Bénard", "Chevalier",
};
static const char * const fr_streets[] = {
  "rue de la Paix", "rue Victor Hugo", "avenue des Champs-Élysées", "boulevard Saint-Michel",
  "rue de l'Église", "place de la République", "rue du Faubourg Saint-Honoré",
  "allée des Châtaigniers", "rue Émile Zola", "chemin des Prés", "rue Pasteur",
  "quai de la Tournelle",
};
static const City fr_cities[] = {
  { "Paris", "750##", "Île-de-France", NULL },
  { "Lyon", "6900#", "Auvergne-Rhône-Alpes", NULL },
  { "Marseille", "130##", "Provence-Alpes-Côte d'Azur", NULL },
  { "Toulouse", "31###", "Occitanie", NULL },
  { "Nice", "06###", "Provence-Alpes-Côte d'Azur", NULL },
  { "Nantes", "44###", "Pays de la Loire", NULL },
  { "Strasbourg", "67###", "Grand Est", NULL },
  { "Montpellier", "34###", "Occitanie", NULL },
  { "Bordeaux", "33###", "Nouvelle-Aquitaine", NULL },
  { "Lille", "59###", "Hauts-de-France", NULL },
  { "Besançon", "25###", "Bourgogne-Franche-Comté", NULL },
  { "Orléans", "45###", "Centre-Val de Loire", NULL },
};
static const char * const fr_phones[] = { "+33 1 ## ## ## ##", "+33 4 ## ## ## ##",
                                          "+33 6 ## ## ## ##", "+33 7 ## ## ## ##" };
static const char * const fr_trades[] = { "Boulangerie", "Menuiserie", "Transports",
                                          "Pharmacie", "Librairie", "Électricité", "Conseil" };
static const char * const fr_suffixes[] = { "SARL", "SAS", "SA", "EURL" };

static const char * const gb_male[] = {
  "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "Oscar",
  "William", "James", "Alfie", "Daniel", "Rhys", "Owen", "Callum", "Niall", "Seán",
};
static const char * const gb_female[] = {
  "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Chloë", "Zoë", "Ruby",
  "Siobhán", "Niamh", "Eleanor", "Charlotte", "Freya", "Poppy",
};
static const char * const gb_last[] = {
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
  "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
  "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood",
  "Turner", "Cooper", "Hill", "Ward", "Morris", "Moore", "King", "Baker", "O'Brien",
  "O'Connor", "MacDonald", "Ó Súilleabháin",
};
static const char * const gb_streets[] = {
  "High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane", "Manor Road",
  "Park Avenue", "Queen's Road", "King Street", "Mill Lane", "The Crescent", "St John's Close",
};
static const City gb_cities[] = {
  { "London", "SW1A #@@", "", NULL },
  { "London", "EC1A #@@", "", NULL },
  { "London", "N1 #@@", "", NULL },
  { "Manchester", "M1 #@@", "", NULL },
  { "Birmingham", "B15 #@@", "", NULL },
  { "Leeds", "LS1 #@@", "", NULL },
  { "Glasgow", "G1 #@@", "", NULL },
  { "Edinburgh", "EH1 #@@", "", NULL },
  { "Bristol", "BS1 #@@", "", NULL },
  { "Liverpool", "L1 #@@", "", NULL },
  { "Cardiff", "CF10 #@@", "", NULL },
  { "Belfast", "BT1 #@@", "", NULL },
};
static const char * const gb_phones[] = { "+44 20 #### ####", "+44 161 ### ####",
                                          "+44 7700 ######", "+44 131 ### ####" };
static const char * const gb_trades[] = { "Logistics", "Consulting", "Builders", "Bakery",
                                          "Engineering", "Design" };
static const char * const gb_suffixes[] = { "Ltd", "PLC", "LLP" };

static const char * const us_male[] = {
  "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas",
  "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "José", "Andrés",
};
static const char * const us_female[] = {
  "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah",
  "Karen", "Emily", "Madison", "Ashley", "Zoë", "Renée", "Chloé",
};
static const char * const us_last[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
  "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore",
  "Jackson", "Lee", "Pérez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
  "Lewis", "Robinson", "Walker", "Young", "Nguyen", "Flores", "O'Neill", "McCarthy",
};
static const char * const us_streets[] = {
  "Main Street", "Oak Avenue", "Maple Drive", "Cedar Lane", "Elm Street",
  "Washington Boulevard", "Park Avenue", "Sunset Boulevard", "Lake Shore Drive", "Pine Street",
  "2nd Avenue", "Broadway",
};
static const City us_cities[] = {
  { "New York", "100##", "NY", NULL },
  { "Los Angeles", "900##", "CA", NULL },
  { "Chicago", "606##", "IL", NULL },
  { "Houston", "770##", "TX", NULL },
  { "Phoenix", "850##", "AZ", NULL },
  { "Philadelphia", "191##", "PA", NULL },
  { "San Francisco", "941##", "CA", NULL },
  { "Seattle", "981##", "WA", NULL },
  { "Boston", "021##", "MA", NULL },
  { "Denver", "802##", "CO", NULL },
  { "Austin", "787##", "TX", NULL },
  { "Portland", "972##", "OR", NULL },
};
static const char * const us_phones[] = { "+1 (212) 555-0###", "+1 (310) 555-0###",
                                          "+1 (312) 555-0###", "+1 (415) 555-0###" };
static const char * const us_trades[] = { "Logistics", "Software", "Supply", "Consulting",
                                          "Hardware", "Foods" };
static const char * const us_suffixes[] = { "Inc.", "LLC", "Corp." };

static const char * const nl_male[] = {
  "Daan", "Sem", "Lucas", "Levi", "Finn", "Milan", "Bram", "Thijs", "Jeroen", "Sjoerd",
  "Joris", "Ruud", "Pieter", "Gijs",
};
static const char * const nl_female[] = {
  "Emma", "Julia", "Tess", "Sophie", "Zoë", "Noor", "Fenna", "Sanne", "Anouk", "Femke",
  "Lotte", "Marloes", "Ilse", "Eline",
};
static const char * const nl_last[] = {
  "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
  "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
  "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "van der Meer", "Kok",
};
static const char * const nl_streets[] = {
  "Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg", "Prinsengracht", "Keizersgracht",
  "Herengracht", "Julianalaan", "Beatrixstraat", "Kastanjelaan", "Nieuwstraat", "Markt",
};
static const City nl_cities[] = {
  { "Amsterdam", "10## @@", "Noord-Holland", NULL },
  { "Rotterdam", "30## @@", "Zuid-Holland", NULL },
  { "Den Haag", "25## @@", "Zuid-Holland", NULL },
  { "Utrecht", "35## @@", "Utrecht", NULL },
  { "Eindhoven", "56## @@", "Noord-Brabant", NULL },
  { "Groningen", "97## @@", "Groningen", NULL },
  { "Haarlem", "20## @@", "Noord-Holland", NULL },
};
static const char * const nl_phones[] = { "+31 20 ### ####", "+31 10 ### ####",
                                          "+31 6 ########" };
static const char * const nl_trades[] = { "Handel", "Installatietechniek", "Bouw", "Transport",
                                          "Advies" };
static const char * const nl_suffixes[] = { "B.V.", "N.V." };

static const char * const it_male[] = {
  "Leonardo", "Francesco", "Alessandro", "Lorenzo", "Mattia", "Andrea", "Gabriele", "Riccardo",
  "Tommaso", "Niccolò", "Giuseppe", "Giovanni", "Luca", "Nicolò",
};
static const char * const it_female[] = {
  "Sofia", "Giulia", "Aurora", "Alice", "Ginevra", "Emma", "Giorgia", "Beatrice", "Chiara",
  "Martina", "Francesca", "Noemi", "Maria", "Zoe",
};
static const char * const it_last[] = {
  "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
  "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
  "Lombardi", "Moretti", "D'Angelo", "Fabbri", "De Santis", "Caruso",
};
static const char * const it_streets[] = {
  "Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele II", "Via Mazzini", "Piazza del Duomo",
  "Via dei Mille", "Via Cavour", "Viale della Libertà", "Via San Francesco d'Assisi",
  "Via Nazionale", "Corso Italia", "Via Niccolò Tommaseo",
};
static const City it_cities[] = {
  { "Roma", "001##", "RM", NULL },
  { "Milano", "201##", "MI", NULL },
  { "Napoli", "801##", "NA", NULL },
  { "Torino", "101##", "TO", NULL },
  { "Palermo", "901##", "PA", NULL },
  { "Genova", "161##", "GE", NULL },
  { "Bologna", "401##", "BO", NULL },
  { "Firenze", "501##", "FI", NULL },
  { "Venezia", "301##", "VE", NULL },
  { "Forlì", "471##", "FC", NULL },
};
static const char * const it_phones[] = { "+39 06 #### ####", "+39 02 #### ####",
                                          "+39 3## ### ####" };
static const char * const it_trades[] = { "Costruzioni", "Trasporti", "Arredamenti",
                                          "Consulenze", "Alimentari" };
static const char * const it_suffixes[] = { "S.r.l.", "S.p.A.", "S.n.c." };

static const char * const es_male[] = {
  "Hugo", "Martín", "Lucas", "Mateo", "Leo", "Daniel", "Alejandro", "Pablo", "Manuel",
  "Álvaro", "Adrián", "José", "Javier", "Sergio", "Iñaki", "Jesús",
};
static const char * const es_female[] = {
  "Lucía", "Sofía", "Martina", "María", "Julia", "Paula", "Valeria", "Emma", "Daniela", "Carla",
  "Alba", "Noa", "Inés", "Begoña", "Nuria", "Ainhoa",
};
static const char * const es_last[] = {
  "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
  "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
  "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Núñez",
  "Ibáñez", "Peña", "Castaño",
};
static const char * const es_streets[] = {
  "Calle Mayor", "Calle Real", "Gran Vía", "Avenida de la Constitución", "Calle de Alcalá",
  "Plaza de España", "Passeig de Gràcia", "Calle del Carmen", "Calle San Sebastián",
  "Avenida de Andalucía", "Calle Nueva", "Rambla de Catalunya",
};
static const City es_cities[] = {
  { "Madrid", "280##", "Madrid", NULL },
  { "Barcelona", "080##", "Barcelona", NULL },
  { "Valencia", "460##", "Valencia", NULL },
  { "Sevilla", "410##", "Sevilla", NULL },
  { "Zaragoza", "500##", "Zaragoza", NULL },
  { "Málaga", "290##", "Málaga", NULL },
  { "Bilbao", "480##", "Bizkaia", NULL },
  { "A Coruña", "150##", "A Coruña", NULL },
  { "Córdoba", "140##", "Córdoba", NULL },
};
static const char * const es_phones[] = { "+34 91# ### ###", "+34 93# ### ###",
                                          "+34 6## ### ###" };
static const char * const es_trades[] = { "Construcciones", "Transportes", "Distribuciones",
                                          "Asesoría", "Panadería" };
static const char * const es_suffixes[] = { "S.L.", "S.A." };

static const char * const pl_male[] = {
  "Antoni", "Jan", "Jakub", "Aleksander", "Franciszek", "Szymon", "Filip", "Mikołaj",
  "Wojciech", "Łukasz", "Paweł", "Michał", "Piotr", "Krzysztof", "Tomasz", "Grzegorz",
};
static const char * const pl_female[] = {
  "Zuzanna", "Julia", "Zofia", "Hanna", "Maja", "Lena", "Alicja", "Aleksandra", "Małgorzata",
  "Agnieszka", "Katarzyna", "Joanna", "Magdalena", "Dorota", "Bożena", "Elżbieta",
};
static const char * const pl_last[] = {
  "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
  "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
  "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Pawłowski", "Michalski", "Król",
  "Wieczorek", "Jabłoński", "Wróbel", "Stępień", "Górski", "Sikora", "Zalewski",
};
static const char * const pl_streets[] = {
  "ul. Marszałkowska", "ul. Długa", "ul. Piotrkowska", "ul. Świętokrzyska", "ul. Floriańska",
  "al. Jerozolimskie", "ul. Mickiewicza", "ul. Kościuszki", "ul. Słowackiego",
  "ul. Żeromskiego", "ul. Kwiatowa", "ul. Łąkowa",
};
static const City pl_cities[] = {
  { "Warszawa", "0#-###", "mazowieckie", NULL },
  { "Kraków", "3#-###", "małopolskie", NULL },
  { "Łódź", "9#-###", "łódzkie", NULL },
  { "Wrocław", "5#-###", "dolnośląskie", NULL },
  { "Poznań", "6#-###", "wielkopolskie", NULL },
  { "Gdańsk", "80-###", "pomorskie", NULL },
  { "Szczecin", "7#-###", "zachodniopomorskie", NULL },
  { "Białystok", "15-###", "podlaskie", NULL },
  { "Toruń", "87-1##", "kujawsko-pomorskie", NULL },
};
static const char * const pl_phones[] = { "+48 22 ### ## ##", "+48 12 ### ## ##",
                                          "+48 5## ### ###" };
static const char * const pl_trades[] = { "Budownictwo", "Transport", "Handel", "Usługi" };
static const char * const pl_suffixes[] = { "sp. z o.o.", "S.A.", "sp.j." };

static const char * const se_male[] = {
  "William", "Liam", "Noah", "Hugo", "Lucas", "Oliver", "Elias", "Axel", "Björn", "Nils",
  "Lars", "Anders", "Göran", "Håkan", "Måns", "Olle",
};
static const char * const se_female[] = {
  "Alice", "Maja", "Elsa", "Astrid", "Wilma", "Freja", "Ebba", "Alva", "Åsa", "Märta",
  "Linnéa", "Sofia", "Karin", "Ingrid", "Birgitta", "Signe",
};
static const char * const se_last[] = {
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
  "Svensson", "Gustafsson", "Pettersson", "Jönsson", "Lindström", "Lindqvist", "Bergström",
  "Sjöberg", "Engström", "Håkansson", "Björk", "Löfgren", "Söderberg", "Nyström", "Åberg",
  "Ström",
};
static const char * const se_streets[] = {
  "Storgatan", "Drottninggatan", "Kungsgatan", "Vasagatan", "Skolgatan", "Järnvägsgatan",
  "Kyrkogatan", "Östra Hamngatan", "Södra Förstadsgatan", "Hötorget", "Åsgatan",
  "Björkvägen",
};
static const City se_cities[] = {
  { "Stockholm", "11# ##", "Stockholms län", NULL },
  { "Göteborg", "41# ##", "Västra Götalands län", NULL },
  { "Malmö", "21# ##", "Skåne län", NULL },
  { "Uppsala", "75# ##", "Uppsala län", NULL },
  { "Västerås", "72# ##", "Västmanlands län", NULL },
  { "Örebro", "70# ##", "Örebro län", NULL },
  { "Linköping", "58# ##", "Östergötlands län", NULL },
  { "Umeå", "90# ##", "Västerbottens län", NULL },
};
static const char * const se_phones[] = { "+46 8 ### ### ##", "+46 31 ### ## ##",
                                          "+46 70 ### ## ##" };
static const char * const se_trades[] = { "Bygg", "Transport", "Konsult", "Handel", "Design" };
static const char * const se_suffixes[] = { "AB", "HB" };

/* }}} */

#define COUNTRY(code, weight, currency, locale, site, number_first, glue, trade_first, ski, \
                german, p) \
  { code, weight, currency, locale, site, number_first, glue, trade_first, ski, german, \
    p##_male, p##_female, p##_last, p##_streets, p##_cities, p##_phones, p##_trades, p##_suffixes, \
    G_N_ELEMENTS (p##_male), G_N_ELEMENTS (p##_female), G_N_ELEMENTS (p##_last), \
    G_N_ELEMENTS (p##_streets), G_N_ELEMENTS (p##_cities), G_N_ELEMENTS (p##_phones), \
    G_N_ELEMENTS (p##_trades), G_N_ELEMENTS (p##_suffixes) }

static const Country countries[] = {
  COUNTRY ("DE", 28, "EUR", "de_DE", "de-shop", FALSE, " ",  FALSE, FALSE, TRUE,  de),
  COUNTRY ("AT",  8, "EUR", "de_AT", "at-shop", FALSE, " ",  FALSE, FALSE, TRUE,  at),
  COUNTRY ("CH",  8, "CHF", "de_CH", "ch-shop", FALSE, " ",  FALSE, FALSE, TRUE,  ch),
  COUNTRY ("FR", 12, "EUR", "fr_FR", "fr-shop", TRUE,  ", ", TRUE,  FALSE, FALSE, fr),
  COUNTRY ("GB", 12, "GBP", "en_GB", "uk-shop", TRUE,  " ",  FALSE, FALSE, FALSE, gb),
  COUNTRY ("US", 12, "USD", "en_US", "us-shop", TRUE,  " ",  FALSE, FALSE, FALSE, us),
  COUNTRY ("NL",  6, "EUR", "nl_NL", "eu-shop", FALSE, " ",  FALSE, FALSE, FALSE, nl),
  COUNTRY ("IT",  6, "EUR", "it_IT", "eu-shop", FALSE, ", ", TRUE,  FALSE, FALSE, it),
  COUNTRY ("ES",  4, "EUR", "es_ES", "eu-shop", FALSE, ", ", TRUE,  FALSE, FALSE, es),
  COUNTRY ("PL",  2, "PLN", "pl_PL", "eu-shop", FALSE, " ",  FALSE, TRUE,  FALSE, pl),
  COUNTRY ("SE",  2, "SEK", "sv_SE", "eu-shop", FALSE, " ",  FALSE, FALSE, FALSE, se),
};

static const char * const email_domains[] = {
  "example.com", "example.net", "example.org", "mail.example", "post.example",
};

static const char * const order_statuses[] = {
  "completed", "completed", "completed", "completed", "completed", "completed",
  "completed", "completed", "completed", "completed", "completed", "completed",
  "shipped", "shipped", "confirmed", "new", "cancelled", "cancelled", "returned", "returned",
};

/* Marketing: segments, coupons (code, discount: a percentage, or an
 * amount of the customer's currency when %s is in it) and campaigns. */
static const struct { const char *code; const char *name; } segments[] = {
  { "newsletter", "Newsletter subscribers" },
  { "frequent-buyers", "Frequent buyers" },
  { "high-spenders", "High spenders" },
  { "lapsed", "Lapsed customers" },
  { "mobile-shoppers", "Mobile shoppers" },
};

static const struct { const char *code; const char *name; const char *discount; } coupons[] = {
  { "WELCOME10", "Welcome discount", "10 %" },
  { "SPRING15", "Spring sale", "15 %" },
  { "THANKYOU5", "Thank you for your order", "5.00 %s" },
  { "BIRTHDAY20", "Birthday surprise", "20 %" },
  { "FREESHIP", "Free shipping", "Free shipping" },
};

static const struct { const char *code; const char *name; } campaigns[] = {
  { "welcome-series", "Welcome series" },
  { "spring-sale-2026", "Spring sale 2026" },
  { "summer-newsletter", "Summer newsletter" },
  { "black-friday-2025", "Black Friday preview" },
  { "winter-clearance", "Winter clearance" },
};

struct _CltSampleGenerator
{
  GObject  parent_instance;

  guint64  state[4];
  guint64  index;
  char    *number_key;
  guint    total_weight;
};

G_DEFINE_FINAL_TYPE (CltSampleGenerator, clt_sample_generator, G_TYPE_OBJECT)

/* Randomness {{{ */

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
next_u64 (CltSampleGenerator *self)
{
  guint64 *s = self->state;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

/* Uniform in [0, n). The modulo bias is far below what sample data shows. */
static guint
below (CltSampleGenerator *self,
       guint               n)
{
  return (guint) ((next_u64 (self) >> 32) * n >> 32);
}

/* TRUE with probability @percent / 100. */
static gboolean
chance (CltSampleGenerator *self,
        guint               percent)
{
  return below (self, 100) < percent;
}

static const char *
pick (CltSampleGenerator *self,
      const char * const *list,
      guint               n)
{
  return list[below (self, n)];
}

/* '#' becomes a digit, '@' a letter (from those valid in UK and Dutch
 * postcodes), anything else stays. */
static char *
fill_pattern (CltSampleGenerator *self,
              const char         *pattern)
{
  static const char letters[] = "ABDEFGHJLNPRSTUWXYZ";
  GString *out = g_string_sized_new (strlen (pattern) + 1);

  for (const char *p = pattern; *p != '\0'; p++)
    {
      if (*p == '#')
        g_string_append_c (out, '0' + below (self, 10));
      else if (*p == '@')
        g_string_append_c (out, letters[below (self, sizeof letters - 1)]);
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* }}} */

/* Text {{{ */

/* The ASCII form of a name for an email address: "Müller" → "mueller"
 * (German spelling where it applies), "François" → "francois",
 * "O'Brien" → "obrien". */
static void
append_email_part (GString    *out,
                   const char *name,
                   gboolean    german)
{
  g_autofree char *folded = NULL;
  GString *spelled = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (german && (c == 0xe4 || c == 0xc4))
        g_string_append (spelled, "ae");
      else if (german && (c == 0xf6 || c == 0xd6))
        g_string_append (spelled, "oe");
      else if (german && (c == 0xfc || c == 0xdc))
        g_string_append (spelled, "ue");
      else
        g_string_append_unichar (spelled, c);
    }

  folded = clt_fold_text (spelled->str);
  g_string_free (spelled, TRUE);

  for (const char *p = folded; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
}

static char *
make_email (CltSampleGenerator *self,
            const Country      *country,
            const char         *first,
            const char         *last,
            const char         *company_domain)
{
  GString *email = g_string_new (NULL);
  guint style = below (self, 5);

  switch (style)
    {
    case 0:
      append_email_part (email, first, country->german_translit);
      g_string_append_c (email, '.');
      append_email_part (email, last, country->german_translit);
      break;
    case 1:
      {
        GString *initial = g_string_new (NULL);

        append_email_part (initial, first, country->german_translit);
        if (initial->len > 0)
          g_string_append_c (email, initial->str[0]);
        g_string_free (initial, TRUE);
        append_email_part (email, last, country->german_translit);
      }
      break;
    case 2:
      append_email_part (email, first, country->german_translit);
      g_string_append_c (email, '_');
      append_email_part (email, last, country->german_translit);
      break;
    case 3:
      append_email_part (email, last, country->german_translit);
      g_string_append_c (email, '.');
      append_email_part (email, first, country->german_translit);
      break;
    default:
      append_email_part (email, first, country->german_translit);
      append_email_part (email, last, country->german_translit);
      break;
    }

  /* The counter makes every address of a generator unique. */
  g_string_append_printf (email, ".%" G_GUINT64_FORMAT "@%s", self->index,
                          company_domain != NULL ? company_domain
                          : email_domains[below (self, G_N_ELEMENTS (email_domains))]);

  return g_string_free (email, FALSE);
}

static char *
make_last_name (CltSampleGenerator *self,
                const Country      *country,
                gboolean            female)
{
  const char *last = pick (self, country->last, country->n_last);

  if (female && country->feminine_ski &&
      (g_str_has_suffix (last, "ski") || g_str_has_suffix (last, "cki") ||
       g_str_has_suffix (last, "dzki")))
    {
      char *feminine = g_strdup (last);

      feminine[strlen (feminine) - 1] = 'a';
      return feminine;
    }

  return g_strdup (last);
}

static char *
make_street (CltSampleGenerator *self,
             const Country      *country)
{
  const char *street = pick (self, country->streets, country->n_streets);
  guint number = 1 + below (self, below (self, 10) == 0 ? 240 : 60);

  if (country->number_first)
    return g_strdup_printf ("%u%s%s", number, g_str_equal (country->code, "FR") ? ", " : " ",
                            street);

  if (chance (self, 8))
    return g_strdup_printf ("%s%s%u%c", street, country->number_glue, number,
                            'a' + below (self, 3));

  return g_strdup_printf ("%s%s%u", street, country->number_glue, number);
}

/* }}} */

static GDateTime *
date_time_at (gint64 unix_seconds)
{
  return g_date_time_new_from_unix_utc (unix_seconds);
}

static CltMarketingRecord *
make_marketing_record (CltMarketingKind   kind,
                       const char        *code,
                       const char        *name,
                       const char        *detail,
                       gint64             unix_seconds,
                       CltMarketingState  state)
{
  CltMarketingRecord *record = clt_marketing_record_new ();
  g_autoptr(GDateTime) date = date_time_at (unix_seconds);

  clt_marketing_record_set_kind (record, kind);
  clt_marketing_record_set_code (record, code);
  clt_marketing_record_set_name (record, name);
  clt_marketing_record_set_detail (record, detail);
  clt_marketing_record_set_date (record, date);
  clt_marketing_record_set_state (record, state);

  return record;
}

/* The customer's marketing: about half in a segment or two, a third with
 * a coupon, some with campaigns delivered. From a stream of its own, seeded
 * by the customer number, so that the rest of the sample stays as it was
 * before there was marketing data. */
static void
add_marketing (CltCustomer *customer,
               const char  *number,
               const char  *currency,
               gint64       registered_at)
{
  GPtrArray *marketing = clt_customer_get_import_marketing (customer);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (number));
  gint64 span = MAX (WINDOW_END - registered_at, 1);
  guint n_segments = g_rand_int_range (rand, 0, 4) == 0 ? 2 : g_rand_int_range (rand, 0, 2);
  guint first = g_rand_int_range (rand, 0, G_N_ELEMENTS (segments));

  for (guint i = 0; i < n_segments; i++)
    {
      guint k = (first + i * 2) % G_N_ELEMENTS (segments);

      g_ptr_array_add (marketing,
                       make_marketing_record (CLT_MARKETING_KIND_SEGMENT, segments[k].code,
                                              segments[k].name, "",
                                              registered_at + g_rand_int_range (rand, 0, (gint32) MIN (span, G_MAXINT32)),
                                              CLT_MARKETING_STATE_NONE));
    }

  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      guint k = g_rand_int_range (rand, 0, G_N_ELEMENTS (coupons));
      g_autofree char *discount = NULL;
      g_auto(GStrv) parts = g_strsplit (coupons[k].discount, "%s", 2);

      discount = g_strjoinv (currency, parts);
      g_ptr_array_add (marketing,
                       make_marketing_record (CLT_MARKETING_KIND_COUPON, coupons[k].code,
                                              coupons[k].name, discount,
                                              WINDOW_END - 86400 * g_rand_int_range (rand, -90, 300),
                                              g_rand_boolean (rand) ? CLT_MARKETING_STATE_REDEEMED
                                                                    : CLT_MARKETING_STATE_ACTIVE));
    }

  for (guint i = 0, n = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 1, 4) : 0;
       i < n; i++)
    {
      guint k = g_rand_int_range (rand, 0, G_N_ELEMENTS (campaigns));
      guint roll = g_rand_int_range (rand, 0, 10);

      g_ptr_array_add (marketing,
                       make_marketing_record (CLT_MARKETING_KIND_DELIVERY, campaigns[k].code,
                                              campaigns[k].name, roll < 8 ? "email" : "sms",
                                              registered_at + (gint64) (g_rand_double (rand) * span),
                                              roll < 4 ? CLT_MARKETING_STATE_OPENED
                                              : roll < 9 ? CLT_MARKETING_STATE_DELIVERED
                                              : CLT_MARKETING_STATE_BOUNCED));
    }
}

static CltAddress *
make_address (CltSampleGenerator *self,
              const Country      *country,
              const City         *city,
              const char         *id,
              const char         *salutation,
              const char         *first,
              const char         *last,
              const char         *company,
              const char         *phone)
{
  CltAddress *address = clt_address_new ();
  g_autofree char *street = make_street (self, country);
  g_autofree char *zip = fill_pattern (self, city->zip);

  clt_address_set_id (address, id);
  clt_address_set_salutation (address, salutation);
  clt_address_set_first_name (address, first);
  clt_address_set_last_name (address, last);
  clt_address_set_address1 (address, street);
  if (g_str_equal (country->code, "US") && chance (self, 25))
    {
      g_autofree char *apartment = g_strdup_printf ("Apt %u", 1 + below (self, 40));
      clt_address_set_address2 (address, apartment);
    }
  else if (company != NULL && company[0] != '\0' && chance (self, 30))
    clt_address_set_address2 (address, g_str_equal (country->code, "DE") ? "Wareneingang" :
                                       g_str_equal (country->code, "FR") ? "Service achats" :
                                       "Goods receiving");
  clt_address_set_zip_code (address, zip);
  clt_address_set_city (address, city->name);
  clt_address_set_region (address, city->region);
  clt_address_set_country (address, country->code);
  clt_address_set_phone (address, phone);
  clt_address_set_company (address, company);

  return address;
}

static void
clt_sample_generator_finalize (GObject *object)
{
  CltSampleGenerator *self = (CltSampleGenerator *) object;

  g_clear_pointer (&self->number_key, g_free);

  G_OBJECT_CLASS (clt_sample_generator_parent_class)->finalize (object);
}

static void
clt_sample_generator_class_init (CltSampleGeneratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_sample_generator_finalize;
}

static void
clt_sample_generator_init (CltSampleGenerator *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    self->total_weight += countries[i].weight;
}

CltSampleGenerator *
clt_sample_generator_new (guint32 seed)
{
  CltSampleGenerator *self = g_object_new (CLT_TYPE_SAMPLE_GENERATOR, NULL);
  guint64 x = seed;
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (self->state); i++)
    self->state[i] = splitmix64 (&x);

  /* The key of the number permutation, derived from the seed. */
  for (guint i = 0; i < 2; i++)
    g_string_append_printf (key, "%016" G_GINT64_MODIFIER "x", splitmix64 (&x));
  self->number_key = g_string_free (key, FALSE);

  return self;
}

CltCustomer *
clt_sample_generator_next (CltSampleGenerator *self)
{
  CltCustomer *customer;
  const Country *country = NULL;
  const City *city;
  GPtrArray *addresses;
  GPtrArray *orders;
  g_autoptr(GDateTime) registered = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_autoptr(GDateTime) last_login = NULL;
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *last = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *company = NULL;
  g_autofree char *company_domain = NULL;
  g_autofree char *date_of_birth = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  const char *first;
  const char *salutation;
  gboolean female;
  gint64 registered_at;
  gint64 last_seen;
  guint roll;
  guint n_addresses;
  guint n_orders;

  g_return_val_if_fail (CLT_IS_SAMPLE_GENERATOR (self), NULL);

  self->index++;

  roll = below (self, self->total_weight);
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      if (roll < countries[i].weight)
        {
          country = &countries[i];
          break;
        }
      roll -= countries[i].weight;
    }
  g_assert (country != NULL);

  city = &country->cities[below (self, country->n_cities)];
  female = chance (self, 51);
  first = female ? pick (self, country->female, country->n_female)
                 : pick (self, country->male, country->n_male);
  last = make_last_name (self, country, female);
  salutation = female ? (chance (self, 70) ? "Ms" : "Mrs") : "Mr";

  if (chance (self, 30))
    {
      const char *trade = pick (self, country->trades, country->n_trades);
      const char *suffix = pick (self, country->suffixes, country->n_suffixes);
      const char *owner = pick (self, country->last, country->n_last);
      GString *domain = g_string_new (NULL);

      if (country->trade_first)
        company = g_strdup_printf ("%s %s %s", trade, owner, suffix);
      else if (chance (self, 15))
        company = g_strdup_printf ("%s & %s %s", owner,
                                   pick (self, country->last, country->n_last), suffix);
      else
        company = g_strdup_printf ("%s %s %s", owner, trade, suffix);

      append_email_part (domain, owner, country->german_translit);
      g_string_append_c (domain, '-');
      append_email_part (domain, trade, country->german_translit);
      g_string_append (domain, ".example");
      company_domain = g_string_free (domain, FALSE);
    }

  /* Most people use a private address even when they buy for work. */
  email = make_email (self, country, first, last,
                      company_domain != NULL && chance (self, 60) ? company_domain : NULL);
  phone = fill_pattern (self, pick (self, country->phones, country->n_phones));

  id = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", next_u64 (self));
  number = clt_customer_number_format (self->number_key, NUMBER_PREFIX,
                                       self->index & CLT_CUSTOMER_NUMBER_MAX_SEQUENCE);

  /* Registrations grow over the years: the square root skews them late. */
  {
    double u = sqrt ((double) (next_u64 (self) >> 11) / (double) (G_GUINT64_CONSTANT (1) << 53));

    registered_at = WINDOW_START + (gint64) (u * (double) (WINDOW_END - WINDOW_START));
  }
  last_seen = registered_at +
              (gint64) below (self, (guint) MIN (WINDOW_END - registered_at, G_MAXUINT32 / 2) + 1);
  registered = date_time_at (registered_at);
  last_login = chance (self, 90) ? date_time_at (last_seen) : NULL;
  updated = date_time_at (registered_at + (last_seen - registered_at) / (1 + below (self, 4)));

  {
    int year = 2026 - 18 - (int) below (self, 67);

    date_of_birth = g_strdup_printf ("%04d-%02u-%02u", year, 1 + below (self, 12),
                                     1 + below (self, 28));
  }

  customer = clt_customer_new ();
  clt_customer_set_id (customer, id);
  clt_customer_set_number (customer, number);
  clt_customer_set_email (customer, email);
  clt_customer_set_salutation (customer, salutation);
  if ((country->german_translit || g_str_equal (country->code, "AT")) && chance (self, 4))
    clt_customer_set_title (customer, chance (self, 85) ? "Dr." : "Prof. Dr.");
  clt_customer_set_first_name (customer, first);
  if ((g_str_equal (country->code, "US") || g_str_equal (country->code, "GB")) && chance (self, 20))
    clt_customer_set_middle_name (customer, pick (self, country->male, country->n_male));
  clt_customer_set_last_name (customer, last);
  clt_customer_set_gender (customer, chance (self, 3) ? CLT_GENDER_UNSPECIFIED
                                     : female ? CLT_GENDER_FEMALE : CLT_GENDER_MALE);
  if (chance (self, 60))
    clt_customer_set_date_of_birth (customer, date_of_birth);
  clt_customer_set_phone (customer, phone);
  clt_customer_set_company (customer, company);
  clt_customer_set_locale (customer, city->locale != NULL ? city->locale : country->locale);
  clt_customer_set_currency (customer, country->currency);
  clt_customer_set_preferred_site (customer, country->site);

  /* ≈85 % active, 5 % on hold, 10 % inactive; ≈80 % verified. */
  roll = below (self, 100);
  clt_customer_set_active (customer, roll < 85);
  clt_customer_set_on_hold (customer, roll >= 85 && roll < 90);
  clt_customer_set_verified (customer, chance (self, 80));
  clt_customer_set_registered (customer, registered);
  clt_customer_set_updated (customer, updated);
  clt_customer_set_last_login (customer, last_login);

  /* Groups mark the exceptions; most customers are in none. */
  if (company != NULL && chance (self, 40))
    g_ptr_array_add (groups, (gpointer) (chance (self, 50) ? "b2b" : "wholesale"));
  if (chance (self, 25))
    g_ptr_array_add (groups, (gpointer) "newsletter");
  if (chance (self, 3))
    g_ptr_array_add (groups, (gpointer) "vip");
  g_ptr_array_add (groups, NULL);
  clt_customer_set_groups (customer, (const char * const *) groups->pdata);

  /* One to three addresses: home, then perhaps work or family. */
  addresses = clt_customer_get_import_addresses (customer);
  roll = below (self, 10);
  n_addresses = roll < 6 ? 1 : roll < 9 ? 2 : 3;
  for (guint i = 0; i < n_addresses; i++)
    {
      g_autofree char *address_id = g_strdup_printf ("a%u", i + 1);
      const City *address_city = i == 0 || chance (self, 50)
                                 ? city : &country->cities[below (self, country->n_cities)];

      if (i == 2)
        {
          /* A relative: same family name, another first name. */
          const char *other = chance (self, 50) ? pick (self, country->female, country->n_female)
                                                : pick (self, country->male, country->n_male);

          g_ptr_array_add (addresses,
                           make_address (self, country, address_city, address_id, "", other,
                                         last, NULL, ""));
        }
      else
        g_ptr_array_add (addresses,
                         make_address (self, country, address_city, address_id, salutation,
                                       first, last, i == 1 ? company : NULL, phone));
    }

  clt_customer_set_default_billing_address (customer, "a1");
  clt_customer_set_default_shipping_address (customer,
                                             n_addresses > 1 && chance (self, 50) ? "a2" : "a1");
  {
    CltAddress *billing = g_ptr_array_index (addresses, 0);

    clt_customer_set_zip_code (customer, clt_address_get_zip_code (billing));
    clt_customer_set_city (customer, clt_address_get_city (billing));
    clt_customer_set_country (customer, country->code);
  }

  /* Zero to eight orders, most customers having a few. */
  orders = clt_customer_get_import_orders (customer);
  roll = below (self, 100);
  n_orders = roll < 25 ? 0 : roll < 50 ? 1 : roll < 68 ? 2 : roll < 80 ? 3 : 4 + below (self, 5);
  for (guint i = 0; i < n_orders; i++)
    {
      CltOrder *order = clt_order_new ();
      g_autofree char *reference = g_strdup_printf ("ORD-%s-%02u", number + strlen (NUMBER_PREFIX),
                                                    i + 1);
      gint64 span = MAX (WINDOW_END - registered_at, 1);
      double when = (double) below (self, 1000000) / 1e6;
      g_autoptr(GDateTime) created = date_time_at (registered_at + (gint64) (when * span));
      /* Totals from 9.90 to about 900 in the customer's currency, most of
       * them small. */
      double u = (double) below (self, 1000000) / 1e6;
      gint64 total = 990 + (gint64) (u * u * u * 89000.0);

      if (g_str_equal (country->currency, "SEK") || g_str_equal (country->currency, "PLN"))
        total *= g_str_equal (country->currency, "SEK") ? 11 : 4;
      total = (total / 10) * 10;

      clt_order_set_reference (order, reference);
      clt_order_set_customer_id (order, id);
      clt_order_set_created (order, created);
      clt_order_set_status (order, order_statuses[below (self, G_N_ELEMENTS (order_statuses))]);
      clt_order_set_total (order, total);
      clt_order_set_currency (order, country->currency);
      clt_order_set_site (order, country->site);
      g_ptr_array_add (orders, order);
    }

  for (guint i = 0; i < addresses->len; i++)
    clt_address_set_customer_id (g_ptr_array_index (addresses, i), id);

  add_marketing (customer, number, country->currency, registered_at);

  return customer;
}

GPtrArray *
clt_sample_generator_next_n (CltSampleGenerator *self,
                             guint               n)
{
  GPtrArray *customers;

  g_return_val_if_fail (CLT_IS_SAMPLE_GENERATOR (self), NULL);

  customers = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (customers, clt_sample_generator_next (self));

  return customers;
}
