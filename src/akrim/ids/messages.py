"""The reasons an identifier is refused, in bokmål and English (InvalidIdentifier's keys)."""

from akrim.i18n import add_messages

add_messages({
    "ids.label.orgnr": ("organisasjonsnummer", "organisation number"),
    "ids.label.person_id": ("personnummer", "personal identifier"),
    "ids.label.fodselsnummer": ("fødselsnummer", "fødselsnummer"),
    "ids.label.d_number": ("d-nummer", "D-number"),
    "ids.label.h_number": ("h-nummer", "H-number"),
    "ids.label.synthetic_fodselsnummer": ("syntetisk fødselsnummer", "synthetic fødselsnummer"),
    "ids.label.synthetic_d_number": ("syntetisk d-nummer", "synthetic D-number"),
    "ids.digits_only": ("{label} {given!r} kan bare inneholde sifre",
                        "{label} {given!r} must contain digits only"),
    "ids.length": ("{label} {number} har {digits} sifre, ikke {length}",
                   "{label} {number} has {digits} digits, expected {length}"),
    "ids.orgnr_first_digit": ("organisasjonsnummer {number} må begynne med 8 eller 9, ikke {first}",
                              "organisation number {number} must start with 8 or 9, not {first}"),
    "ids.orgnr_checksum": ("organisasjonsnummer {number} stemmer ikke med kontrollsifferet "
                           "(mod-11-kontrollen)",
                           "organisation number {number} fails the mod-11 check"),
    "ids.orgnr_tenor": ("organisasjonsnummer {number} er et testnummer fra Tenor (første siffer "
                        "{first}); les inn med --synthetic",
                        "organisation number {number} is a Tenor test organisation number "
                        "(first digit {first}); load with --synthetic"),
    "ids.neither": ("{given!r} er verken et organisasjonsnummer ({orgnr} sifre) eller et "
                    "fødselsnummer eller d-nummer ({person} sifre)",
                    "{given!r} is neither an organisation number ({orgnr} digits) nor a "
                    "fødselsnummer or d-number ({person} digits)"),
    "ids.fh_number": ("{number} ser ut som et FH-nummer (første siffer {first}), som ikke "
                      "støttes",
                      "{number} looks like an FH-number (first digit {first}), not supported"),
    "ids.d_and_h": ("{number} kombinerer en d-nummerdag (+40) med en h-nummermåned (+40)",
                    "{number} combines a D-number day (+40) with an H-number month (+40)"),
    "ids.month": ("{label} {number} har umulig måned {month:02d}",
                  "{label} {number} has impossible month {month:02d}"),
    "ids.day": ("{label} {number} har umulig dag {day:02d}",
                "{label} {number} has impossible day {day:02d}"),
    "ids.synthetic": ("{label} {number} (måned + 80) er testdata; godtas bare med "
                      "allow_synthetic=True",
                      "{label} {number} (month + 80) is test data; accepted only with "
                      "allow_synthetic=True"),
    "ids.k1": ("{label} {number} stemmer ikke med kontrollsiffer k1",
               "{label} {number} fails control digit k1"),
    "ids.k2": ("{label} {number} stemmer ikke med kontrollsiffer k2",
               "{label} {number} fails control digit k2"),
    "ids.date": ("{label} {number} har umulig dato {day:02d}.{month:02d}.{year}",
                 "{label} {number} has impossible date {day:02d}.{month:02d}.{year}"),
})
