"""Plausible names by origin, with the diacritics each language uses.

Lists are short samples of common given names and surnames (SSB "Navnestatistikk" for Norway;
the national statistics offices' common-name lists for the others), not frequencies: a person's
name is drawn uniformly from the lists of their origin and sex.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    code: str  # ISO 3166 alpha-3, as Folkeregisteret writes statsborgerskap
    landkode: str  # ISO alpha-2 (internasjonalIdentifikator.land)
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]
    surnames_female: tuple[str, ...] | None = None  # languages with gendered surnames


ORIGINS: tuple[Origin, ...] = (
    Origin(
        "NOR", "NO",
        ("Anne", "Inger", "Kari", "Marit", "Ingrid", "Liv", "Eva", "Berit", "Astrid", "Bjørg",
         "Hilde", "Anna", "Solveig", "Marianne", "Randi", "Ida", "Nora", "Emma", "Sofie",
         "Ingeborg", "Åse", "Gunnhild", "Tone", "Kjersti", "Sigrid", "Thea", "Maja", "Silje",
         "Ragnhild", "Øydis"),
        ("Jan", "Per", "Bjørn", "Ole", "Lars", "Kjell", "Knut", "Arne", "Svein", "Hans", "Geir",
         "Tor", "Morten", "Terje", "Odd", "Erik", "Jon", "Martin", "Andreas", "Håkon", "Jørgen",
         "Sindre", "Øyvind", "Ståle", "Trond", "Magnus", "Henrik", "Even", "Aksel", "Eirik"),
        ("Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
         "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
         "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
         "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg",
         "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen",
         "Mathisen", "Lie", "Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde", "Solheim",
         "Ødegård", "Bråthen", "Sæther", "Løvås", "Aasen", "Mæland", "Vågen", "Østby", "Kjærnes"),
    ),
    Origin(
        "POL", "PL",
        ("Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Magdalena", "Joanna",
         "Aleksandra", "Żaneta", "Monika", "Beata", "Dorota", "Urszula", "Grażyna"),
        ("Piotr", "Krzysztof", "Tomasz", "Andrzej", "Paweł", "Michał", "Marcin", "Łukasz",
         "Grzegorz", "Mateusz", "Wojciech", "Mariusz", "Dariusz", "Jarosław", "Rafał",
         "Przemysław"),
        ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
         "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
         "Krawczyk", "Piotrowski", "Grabowski", "Pawłowski", "Michalski", "Król", "Wieczorek"),
        ("Nowak", "Kowalska", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamińska", "Lewandowska",
         "Zielińska", "Szymańska", "Woźniak", "Dąbrowska", "Kozłowska", "Jankowska", "Mazur",
         "Krawczyk", "Piotrowska", "Grabowska", "Pawłowska", "Michalska", "Król", "Wieczorek"),
    ),
    Origin(
        "LTU", "LT",
        ("Gintarė", "Rūta", "Jurgita", "Inga", "Asta", "Laima", "Aušra", "Edita", "Vaida",
         "Živilė"),
        ("Jonas", "Tomas", "Mindaugas", "Darius", "Žydrūnas", "Saulius", "Gediminas", "Vytautas",
         "Andrius", "Marius", "Rimantas", "Kęstutis", "Artūras", "Paulius"),
        ("Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius", "Vasiliauskas", "Žukauskas",
         "Butkus", "Paulauskas", "Urbonas", "Kavaliauskas", "Šimkus", "Baranauskas", "Navickas"),
        ("Kazlauskienė", "Jankauskienė", "Petrauskienė", "Stankevičienė", "Vasiliauskienė",
         "Žukauskienė", "Butkienė", "Paulauskienė", "Urbonienė", "Kavaliauskienė", "Šimkienė",
         "Baranauskienė", "Navickienė"),
    ),
    Origin(
        "ROU", "RO",
        ("Maria", "Elena", "Ioana", "Andreea", "Mihaela", "Cristina", "Alexandra", "Ștefania",
         "Roxana", "Mădălina"),
        ("Andrei", "Alexandru", "Ionuț", "Mihai", "Ștefan", "Gheorghe", "Florin", "Constantin",
         "Vasile", "Marius", "Răzvan", "Cătălin", "Bogdan"),
        ("Popescu", "Ionescu", "Popa", "Pop", "Nistor", "Dumitru", "Stoica", "Gheorghiu",
         "Rădulescu", "Munteanu", "Mărginean", "Constantinescu", "Șerban", "Țurcanu", "Lungu"),
    ),
    Origin(
        "UKR", "UA",
        ("Olena", "Nataliia", "Iryna", "Tetiana", "Oksana", "Yuliia", "Kateryna", "Svitlana",
         "Halyna", "Anastasiia"),
        ("Oleksandr", "Serhii", "Andrii", "Volodymyr", "Mykola", "Dmytro", "Vasyl", "Oleh",
         "Yurii", "Ivan", "Bohdan", "Taras"),
        ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Oliinyk",
         "Shevchuk", "Koval", "Polishchuk", "Boiko", "Melnyk", "Moroz", "Lysenko", "Marchenko"),
    ),
    Origin(
        "SWE", "SE",
        ("Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Ingrid", "Åsa", "Linnéa"),
        ("Lars", "Anders", "Johan", "Per", "Mikael", "Erik", "Karl", "Björn", "Göran", "Måns"),
        ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
         "Persson", "Svensson", "Gustafsson", "Lindström", "Åberg", "Sjöberg", "Öberg"),
    ),
    Origin(
        "LVA", "LV",
        ("Anna", "Ilze", "Inese", "Kristīne", "Līga", "Dace", "Sanita", "Ieva"),
        ("Jānis", "Andris", "Edgars", "Māris", "Aivars", "Guntis", "Kārlis", "Raivis"),
        ("Bērziņš", "Kalniņš", "Ozoliņš", "Jansons", "Liepiņš", "Krūmiņš", "Zariņš", "Vītols"),
        ("Bērziņa", "Kalniņa", "Ozoliņa", "Jansone", "Liepiņa", "Krūmiņa", "Zariņa", "Vītola"),
    ),
    Origin(
        "BGR", "BG",
        ("Maria", "Ivanka", "Elena", "Yordanka", "Desislava", "Petya", "Galina"),
        ("Georgi", "Ivan", "Dimitar", "Nikolay", "Hristo", "Stoyan", "Todor", "Plamen"),
        ("Ivanov", "Georgiev", "Dimitrov", "Petrov", "Nikolov", "Hristov", "Stoyanov", "Todorov"),
        ("Ivanova", "Georgieva", "Dimitrova", "Petrova", "Nikolova", "Hristova", "Stoyanova",
         "Todorova"),
    ),
    Origin(
        "SYR", "SY",
        ("Fatima", "Amina", "Rania", "Lina", "Noor", "Huda", "Rasha"),
        ("Mohammad", "Ahmad", "Omar", "Khaled", "Yousef", "Ali", "Hassan", "Rami"),
        ("Al-Ahmad", "Haddad", "Khalil", "Hamdan", "Najjar", "Darwish", "Saleh", "Ibrahim"),
    ),
    Origin(
        "ERI", "ER",
        ("Helen", "Semhar", "Selam", "Luwam", "Ruta", "Senait"),
        ("Yonas", "Dawit", "Tesfaye", "Samuel", "Kibrom", "Mehari", "Filmon"),
        ("Tesfamariam", "Ghebremedhin", "Haile", "Tekle", "Berhane", "Woldu", "Asmerom"),
    ),
)
ORIGIN_INDEX = {o.code: i for i, o in enumerate(ORIGINS)}

# Origins of foreign workers on d-numbers (short stays): SSB "Lønnstakere på korttidsopphold"
# (table 11616) — Poland and Lithuania dominate, then Sweden, Romania, Latvia, Ukraine, Bulgaria.
DNUMBER_ORIGINS = {"POL": 0.34, "LTU": 0.16, "SWE": 0.12, "ROU": 0.11, "LVA": 0.07,
                   "UKR": 0.12, "BGR": 0.08}
# Origins of resident immigrants (fødselsnummer): SSB 05184, largest groups.
RESIDENT_FOREIGN_ORIGINS = {"POL": 0.22, "LTU": 0.09, "SWE": 0.07, "SYR": 0.08, "UKR": 0.14,
                            "ROU": 0.05, "ERI": 0.06, "LVA": 0.03, "BGR": 0.02, "NOR": 0.24}
"""'NOR' here: Norwegian-born children of immigrants and others with Norwegian-style names."""

FIRMS_WORDS = (
    "Nord", "Fjord", "Vest", "Øst", "Sør", "Norsk", "Viken", "Polar", "Berg", "Dal", "Elv",
    "Kyst", "Midt", "Bygg", "Tre", "Stein", "Lys", "Havn", "Skog", "Fjell", "Bjørke", "Eik",
    "Furu", "Varde", "Nor", "Solid", "Trygg", "Rask", "Presis", "Total", "Proff", "Prima",
    "Alfa", "Delta", "Nova", "Aurora", "Borealis", "Hav", "Strand", "Vik", "Nes", "Holm",
)
FIRMS_TRADE = {
    "construction": ("Bygg", "Entreprenør", "Tømrer", "Murer", "Maler", "Betong", "Rehab",
                     "Elektro", "Rør", "Tak"),
    "cleaning": ("Renhold", "Rengjøring", "Vask", "Clean", "Service", "Facility"),
    "carcare": ("Bilpleie", "Dekk", "Bilvask", "Auto", "Bilservice"),
    "transport": ("Transport", "Logistikk", "Bud", "Frakt", "Express", "Levering"),
    "staffing": ("Bemanning", "Personal", "Workforce", "Rekruttering", "Staffing"),
    "food": ("Restaurant", "Kafé", "Kebab", "Pizza", "Sushi", "Grill", "Bistro"),
    "accounting": ("Regnskap", "Økonomi", "Regnskapsbyrå", "Økonomiservice"),
    "other": ("Holding", "Invest", "Eiendom", "Handel", "Consult", "Design", "Data", "Import",
              "Media", "Helse", "Gård", "Fisk", "Tjenester", "Utvikling", "Partner"),
}
STREETS = (
    "Storgata", "Kirkegata", "Skolegata", "Jernbanegata", "Strandgata", "Kongens gate",
    "Dronningens gate", "Parkveien", "Industriveien", "Sjøgata", "Fjordveien", "Bakkeveien",
    "Granveien", "Bjørkeveien", "Furuveien", "Løkkeveien", "Haugveien", "Åsveien",
    "Solbakken", "Nedre gate", "Øvre gate", "Gamle Kongevei", "Myrveien", "Tunveien",
    "Skogveien", "Engveien", "Kirkeveien", "Gårdsveien", "Stasjonsveien", "Havnegata",
    "Lillevegen", "Bøgata", "Tjernveien", "Ringveien", "Fossveien", "Sandvikveien",
    "Sørumsgata", "Grønnegata", "Nordre gate", "Vestre gate", "Østre vei", "Elvegata",
    "Torget", "Prestegårdsveien", "Rådhusgata", "Smiebakken", "Bryggeveien", "Eikeveien",
)
