"""The analytical store's tables, declared once.

Two kinds of table:
- bookkeeping (`snapshot`, `source_file`, `source_record`, `quarantine`), append-only
  (declared in `akrim.store.bookkeeping`);
- register tables with dated history: each row is one version of one register object, valid from
  the snapshot that first saw it until `valid_to` (NULL while current). `record_id` points at the
  immutable source record (file and line) the version was read from.

A register table's `scope` says what one load speaks for. A bulk file (scope `()`) is the whole
register, so an object absent from it has ended. An a-melding leveranse speaks for one employer and
month, so its scope is `(opplysningspliktig, kalendermaaned)`: other employers and months are left
alone. A change feed speaks only for the objects it names (scope = the key).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Re-exported: tests/store/test_postgres.py imports it from here.
from akrim.store.bookkeeping import BOOKKEEPING_DDL as BOOKKEEPING_DDL

UNKNOWN_FIELDS = ("unknown_fields", "VARCHAR[]")
"""The fields of the row's source record (`record_id`) whose value akrim does not know (a code its
lists lack, stored as given) or could not read (stored NULL), named as in `quarantine.field`;
NULL when there are none. A judgement on the record, not register content: it is not part of
`row_hash`, so it never opens a version by itself."""

HISTORY_COLUMNS = (
    ("valid_from", "DATE NOT NULL"),
    ("valid_to", "DATE"),
    ("snapshot_id", "INTEGER NOT NULL"),
    ("record_id", "VARCHAR NOT NULL"),
    ("row_hash", "VARCHAR NOT NULL"),
)
STAGING_COLUMNS = (
    ("record_id", "VARCHAR"), ("line", "BIGINT"), ("row_no", "BIGINT"), ("file_id", "INTEGER"),
    ("row_hash", "VARCHAR"),
)
"""What a staged row has beyond its table's columns: its source record, line and number in the
file, and its content hash."""


def column_list(columns: tuple[tuple[str, str], ...]) -> str:
    """`(name type, ...)`: (name, type) pairs as a CREATE TABLE's column list."""
    return "(" + ", ".join(f"{name} {sqltype}" for name, sqltype in columns) + ")"


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...]
    scope: tuple[str, ...] = ()
    description: str = ""
    column_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_names", tuple(name for name, _ in self.columns))
        unknown = set(self.key + self.scope) - set(self.column_names)
        if unknown:
            raise ValueError(f"{self.name}: key or scope names unknown columns {unknown}")

    def ddl(self) -> str:
        cols = ",\n  ".join(f"{name} {sqltype}" for name, sqltype
                            in self.columns + (UNKNOWN_FIELDS,) + HISTORY_COLUMNS)
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n  {cols}\n)"

    def staged_columns(self) -> tuple[tuple[str, str], ...]:
        """(name, type) of `stg_<table>`: a load's rows before they are merged.

        `(file_id, row_no)` identifies a staged row: one a-melding line yields many rows.
        """
        return tuple((name, sqltype.replace(" NOT NULL", ""))
                     for name, sqltype in self.columns + (UNKNOWN_FIELDS,)) + STAGING_COLUMNS

    def staging_columns(self) -> str:
        """The columns of `stg_<table>` (`staged_columns`) as a table's column list."""
        return column_list(self.staged_columns())

    def held_columns(self) -> str:
        """The columns of `held_<table>`: keys of quarantined rows (see store.history)."""
        return "(" + ", ".join(f"{name} {sqltype.replace(' NOT NULL', '')}"
                               for name, sqltype in self.columns if name in self.key) + ")"


V, D, INT, B, N = "VARCHAR", "DATE", "INTEGER", "BOOLEAN", "DECIMAL(12,2)"
MONEY = "BIGINT"  # øre: integers compare exactly on every engine

ENHET_COMMON = (
    ("organisasjonsnummer", "VARCHAR NOT NULL"),
    ("navn", V),
    ("organisasjonsform", V),
    ("naeringskode1", V),
    ("naeringskode2", V),
    ("naeringskode3", V),
    ("antall_ansatte", INT),  # NULL: not registered (unknown), never zero
    ("har_registrert_antall_ansatte", B),
    ("adresse", V),  # forretningsadresse (enhet) or beliggenhetsadresse (underenhet)
    ("postnummer", V),
    ("poststed", V),
    ("kommunenummer", V),
    ("landkode", V),
    ("postadresse", V),
    ("post_postnummer", V),
    ("post_kommunenummer", V),
    ("registreringsdato", D),
    ("hjemmeside", V),
    ("slettedato", D),
)

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "enhet",
        ENHET_COMMON + (
            ("stiftelsesdato", D),
            ("registrert_i_mvaregisteret", B),
            ("registrert_i_foretaksregisteret", B),
            ("konkurs", B),
            ("konkursdato", D),
            ("under_avvikling", B),
            ("under_tvangsavvikling", B),
            ("overordnet_enhet", V),
            ("institusjonell_sektorkode", V),
            ("siste_innsendte_aarsregnskap", V),
        ),
        key=("organisasjonsnummer",),
        description="Enhetsregisteret: main units (enheter)",
    ),
    TableSpec(
        "underenhet",
        ENHET_COMMON + (
            ("overordnet_enhet", V),
            ("oppstartsdato", D),
            ("nedleggelsesdato", D),
        ),
        key=("organisasjonsnummer",),
        description="Enhetsregisteret: sub-units (underenheter, places of business)",
    ),
    TableSpec(
        "rolle",
        (
            ("organisasjonsnummer", "VARCHAR NOT NULL"),
            ("rollegruppe", "VARCHAR NOT NULL"),
            ("rolle", "VARCHAR NOT NULL"),
            ("innehaver", "VARCHAR NOT NULL"),  # orgnr, or fodselsdato|navn for a person
            ("person_fodselsdato", D),
            ("person_fornavn", V),
            ("person_mellomnavn", V),
            ("person_etternavn", V),
            ("person_er_doed", B),
            ("enhet_organisasjonsnummer", V),
            ("enhet_navn", V),
            ("fratraadt", B),
            ("rekkefolge", INT),
            ("valgt_av", V),
        ),
        key=("organisasjonsnummer", "rollegruppe", "rolle", "innehaver"),
        description="Enhetsregisteret: roles (board, CEO, owner, accountant, auditor, estate)",
    ),
)

AMELDING_MESSAGE = (
    ("opplysningspliktig", "VARCHAR NOT NULL"),
    ("kalendermaaned", "VARCHAR NOT NULL"),  # 'YYYY-MM'
    ("meldings_id", "VARCHAR NOT NULL"),
)
AMELDING_PERSON = AMELDING_MESSAGE + (
    ("virksomhet", "VARCHAR NOT NULL"),
    ("inntektsmottaker", "VARCHAR NOT NULL"),  # fnr/d-number, land:id, or fodselsdato|navn
)
AMELDING_SCOPE = ("opplysningspliktig", "kalendermaaned", "meldings_id")


def _names(columns: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    return tuple(name for name, _ in columns)


TABLES += (
    TableSpec(
        "amelding_leveranse",
        AMELDING_MESSAGE + (
            ("erstatter_meldings_id", V),
            ("kildesystem", V),
            ("leveringstidspunkt", V),
            ("sum_arbeidsgiveravgift_oere", MONEY),
            ("sum_forskuddstrekk_oere", MONEY),
        ),
        key=AMELDING_SCOPE,
        scope=AMELDING_SCOPE,
        description="a-melding: one delivery (leveranse) per employer and month",
    ),
    TableSpec(
        "amelding_mottaker",
        AMELDING_PERSON + (
            ("norsk_identifikator", V),
            ("navn", V),
            ("foedselsdato", D),
            ("internasjonal_identifikator", V),
            ("internasjonal_land", V),
            ("forskuddstrekk_oere", MONEY),
        ),
        key=_names(AMELDING_PERSON),
        scope=AMELDING_SCOPE,
        description="a-melding: income recipients (inntektsmottaker) per virksomhet",
    ),
    TableSpec(
        "amelding_arbeidsforhold",
        AMELDING_PERSON + (
            ("arbeidsforhold_id", "VARCHAR NOT NULL"),
            ("type_arbeidsforhold", V),
            ("startdato", D),
            ("sluttdato", D),
            ("timer_per_uke_full_stilling", N),
            ("stillingsprosent", N),
            ("avloenningstype", V),
            ("yrke", V),
            ("arbeidstidsordning", V),
            ("form_for_ansettelse", V),
        ),
        key=(*_names(AMELDING_PERSON), "arbeidsforhold_id"),
        scope=AMELDING_SCOPE,
        description="a-melding: employment relationships reported for the month",
    ),
    TableSpec(
        "amelding_inntekt",
        AMELDING_PERSON + (
            ("linje", "INTEGER NOT NULL"),
            ("arbeidsforhold_id", V),
            ("inntektstype", V),  # loennsinntekt, ytelseFraOffentlige, ...
            ("beskrivelse", V),  # fastloenn, timeloenn, overtidsgodtgjoerelse, ...
            ("fordel", V),
            ("beloep_oere", MONEY),
            ("antall", N),  # hours for timeloenn and overtidsgodtgjoerelse
            ("startdato_opptjening", D),
            ("sluttdato_opptjening", D),
            ("utloeser_arbeidsgiveravgift", B),
            ("inngaar_i_grunnlag_for_trekk", B),
            ("skatte_og_avgiftsregel", V),
        ),
        key=(*_names(AMELDING_PERSON), "linje"),
        scope=AMELDING_SCOPE,
        description="a-melding: income lines (inntekt) with amount in øre and hours",
    ),
    TableSpec(
        "person",
        (
            ("identifikasjonsnummer", "VARCHAR NOT NULL"),
            ("identifikatortype", V),  # foedselsnummer | dNummer
            ("fornavn", V),
            ("mellomnavn", V),
            ("etternavn", V),
            ("foedselsdato", D),
            ("kjoenn", V),
            ("status", V),  # bosatt, utflyttet, doed, midlertidig, inaktiv, ...
            ("statsborgerskap", V),  # current citizenships, ISO alpha-3, comma separated
            ("adresse", V),
            ("postnummer", V),
            ("poststed", V),
            ("kommunenummer", V),
            ("adresse_id", V),  # adresseIdentifikatorFraMatrikkelen
            ("bruksenhetsnummer", V),  # the dwelling at the address: H0101, H0102, ...
            ("flyttedato", D),
        ),
        key=("identifikasjonsnummer",),
        scope=("identifikasjonsnummer",),
        description="Folkeregisteret: person documents (current values)",
    ),
    TableSpec(
        "person_identifikator",
        (
            ("identifikasjonsnummer", "VARCHAR NOT NULL"),
            ("identifikator", "VARCHAR NOT NULL"),
            ("identifikatortype", V),
            ("status", V),  # iBruk | opphoert: a d-number replaced by a fødselsnummer
        ),
        key=("identifikasjonsnummer", "identifikator"),
        scope=("identifikasjonsnummer",),
        description="Folkeregisteret: every identifier a person has had",
    ),
    TableSpec(
        "restanse",
        (
            ("organisasjonsnummer", "VARCHAR NOT NULL"),
            ("kategori", "VARCHAR NOT NULL"),  # restskatt, forskuddstrekk, merverdiavgift, ...
            ("forfalt_og_ubetalt_oere", MONEY),
            ("krav_oere", MONEY),
            ("renter_oere", MONEY),
            ("levert", V),
        ),
        key=("organisasjonsnummer", "kategori"),
        scope=("organisasjonsnummer",),
        description="Skatteetaten Restanser: overdue unpaid taxes and duties",
    ),
    TableSpec(
        "arbeidsgiveravgift_termin",
        (
            ("organisasjonsnummer", "VARCHAR NOT NULL"),
            ("aar", "VARCHAR NOT NULL"),
            ("termin", "VARCHAR NOT NULL"),  # jan-feb, mar-apr, ...
            ("avgiftsgrunnlag_oere", MONEY),
            ("levert", V),
        ),
        key=("organisasjonsnummer", "aar", "termin"),
        scope=("organisasjonsnummer", "aar", "termin"),
        description="Skatteetaten Arbeidsgiveravgift: basis per two-month term",
    ),
    TableSpec(
        "mva_termin",
        (
            ("organisasjonsnummer", "VARCHAR NOT NULL"),
            ("aar", "VARCHAR NOT NULL"),
            ("termin", "VARCHAR NOT NULL"),
            ("termintype", V),
            ("status", V),  # fastsettingsperiodeStatus
            ("er_myndighetsfastsatt", B),
            ("mva_grunnlag_oere", MONEY),  # the turnover basis: the sum of grunnlag_*_oere
            ("mva_avgift_oere", MONEY),  # net: avgift_*_oere less fradrag_*_oere
            *((f"{part}_{sats}_oere", MONEY)  # per rate, when the response gives the parts
              for part in ("grunnlag", "avgift", "fradrag") for sats in ("hoey", "middels", "lav")),
            ("levert", V),
        ),
        key=("organisasjonsnummer", "aar", "termin"),
        scope=("organisasjonsnummer", "aar", "termin"),
        description="Skatteetaten Mva meldingsopplysning: VAT returns per term",
    ),
    TableSpec(
        "skatt_arbeidsforhold",
        (
            ("arbeidsgiver", "VARCHAR NOT NULL"),
            ("arbeidstaker", "VARCHAR NOT NULL"),
            ("periode", "INTEGER NOT NULL"),
            ("aktiv", B),
            ("startdato", D),
            ("sluttdato", D),
        ),
        key=("arbeidsgiver", "arbeidstaker", "periode"),
        scope=("arbeidsgiver", "arbeidstaker"),
        description="Skatteetaten Arbeidsforhold (i oppdrag): is an employment active",
    ),
    TableSpec(
        "oppdrag_utenlandsk",
        (
            ("organisasjonsnummer", "VARCHAR NOT NULL"),
            ("aktive_oppdrag_som_arbeidsgiver", INT),
            ("aktive_arbeidstakere", INT),
            ("registrerte_oppdrag_som_oppdragsgiver", INT),
            ("levert", V),
        ),
        key=("organisasjonsnummer",),
        scope=("organisasjonsnummer",),
        description="Skatteetaten Oppdrag utenlandske virksomheter: foreign firms' assignments",
    ),
    TableSpec(
        "godkjenning",
        (
            ("register", "VARCHAR NOT NULL"),  # renhold | bilpleie | bemanning
            ("organisasjonsnummer", "VARCHAR NOT NULL"),
            ("navn", V),
            ("overordnet_enhet", V),
            ("status", V),  # Godkjent, Ikke godkjent, Under behandling, ...
            ("status_dato", D),
        ),
        key=("register", "organisasjonsnummer"),
        scope=("register", "organisasjonsnummer"),
        description="Arbeidstilsynet's approval registers (cleaning, car care, staffing)",
    ),
    TableSpec(
        "hms_kort",
        (
            ("kortnummer", "VARCHAR NOT NULL"),
            ("identifikasjonsnummer", V),
            ("fornavn", V),
            ("etternavn", V),
            ("foedselsdato", D),
            ("arbeidsgiver", V),
            ("utstedt", D),
            ("gyldig_til", D),
            ("status", V),
        ),
        key=("kortnummer",),
        scope=("kortnummer",),
        description="HMS cards (construction and cleaning ID cards)",
    ),
    TableSpec(
        "stansingsvedtak",
        (
            ("vedtak_id", "VARCHAR NOT NULL"),
            ("organisasjonsnummer", V),
            ("etat", V),
            ("vedtaksdato", D),
            ("hjemmel", V),
            ("begrunnelse", V),
            ("opphevet_dato", D),
        ),
        key=("vedtak_id",),
        scope=("vedtak_id",),
        description="Published decisions to stop operations (stansingsvedtak)",
    ),
    TableSpec(
        "tilsyn",
        (
            ("tilsyn_id", "VARCHAR NOT NULL"),
            ("organisasjonsnummer", V),
            ("etat", V),
            ("tilsynsdato", D),
            ("tema", V),
            ("funn", V),
            ("reaksjon", V),
            ("adresse", V),
        ),
        key=("tilsyn_id",),
        scope=("tilsyn_id",),
        description="Inspections and their findings",
    ),
    TableSpec(
        "tips",
        (
            ("tips_id", "VARCHAR NOT NULL"),
            ("mottatt_dato", D),
            ("etat", V),
            ("organisasjonsnummer", V),
            ("virksomhetsnavn", V),
            ("personnavn", V),
            ("adresse", V),
            ("kategori", V),
            ("beskrivelse", V),
        ),
        key=("tips_id",),
        scope=("tips_id",),
        description="Tips from the public and other agencies",
    ),
)

TABLE_BY_NAME = {spec.name: spec for spec in TABLES}
