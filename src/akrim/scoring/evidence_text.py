"""Evidence texts in the reader's language.

The indicators' SQL writes each evidence row's `detail` in bokmål (indicators/catalogue/*.sql).
Each shape below is one such text's format with its fields named, `{name:n}` a number and
`{name:w}` a word the register or the SQL gives in bokmål. A text is read back into its fields;
its numbers are then written the reader's way, and in English the fields are set in the English
sentence. A text that no shape fits is shown as it is: tests/scoring/test_evidence_text.py reads
every evidence text an analysis writes, so a changed wording in the SQL fails there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from string import Formatter

from akrim.i18n import Lang
from akrim.indicators.catalogue import by_id
from akrim.numbers import number

_NUMBER = r"-?\d+(?:\.\d+)?"

WORDS = {
    "ukjent antall": "unknown number", "ukjent": "unknown", "ikke registrert": "not registered",
    "Godkjent": "approved", "Ikke godkjent": "not approved", "adresse": "address",
    "regnskapsfører": "accountant", "renhold": "cleaning", "bilpleie": "car care",
    "bemanning": "staffing",
}
"""The bokmål words in `{name:w}` fields, in English."""


@dataclass(frozen=True)
class Shape:
    nb: str
    en: str

    @property
    def fields(self) -> list[tuple[str, str, str]]:
        """(literal text before, field name, kind) for each field; a last field name ''."""
        return [(literal, name or "", kind or "")
                for literal, name, kind, _ in Formatter().parse(self.nb)]

    @property
    def pattern(self) -> re.Pattern[str]:
        parts = [re.escape(literal) + (f"(?P<{name}>{_NUMBER if kind == 'n' else '.+?'})"
                                       if name else "")
                 for literal, name, kind in self.fields]
        return re.compile("".join(parts), re.DOTALL)


PILE = " på {address} (boliger: {dwellings:w}, personer: {persons:n}, virksomheter: {companies:n})"
PILE_EN = " at {address} (dwellings: {dwellings}, persons: {persons}, companies: {companies})"
WAGE = (" = {hourly:n} kr/t, minstelønn {rate:n} kr/t ({industry} {category} fra {valid_from}; "
        "satsdag {rate_day}, alder {age:w})")
WAGE_EN = (" = NOK {hourly}/h, minimum wage NOK {rate}/h ({industry} {category} from "
           "{valid_from}; rate day {rate_day}, age {age})")
TURNOVER = "{terms:n} terminer med i snitt {per_term:n} kr i mva-grunnlag"
TURNOVER_EN = "{terms} VAT terms with on average NOK {per_term} of VAT base"
BEYOND = (": mer arbeid enn {owners:n} person(er) i ledelsen ({owner_hours:n} timer per termin "
          "hver) og {staff_hours:n} ansattimer per termin kan gjøre")
BEYOND_EN = (": more work than {owners} person(s) in management ({owner_hours} hours per term "
             "each) and {staff_hours} employee hours per term can do")
FOUND_BY, FOUND_BY_EN = " [identifisert ved {method}]", " [identified by {method}]"

SHAPES: dict[str, tuple[Shape, ...]] = {
    "address_pile": (
        Shape("{in_dwelling:n} personer registrert i én bolig" + PILE,
              "{in_dwelling} persons registered in one dwelling" + PILE_EN),
        Shape("postkasseadresse? (Folkeregisteret ikke lest inn: om noen bor der er ukjent)"
              + PILE, "letterbox address? (population register not loaded: whether anyone "
              "lives there is unknown)" + PILE_EN),
        Shape("postkasseadresse i et bolighus" + PILE,
              "letterbox address in a residential building" + PILE_EN),
        Shape("{employed:n} av de {persons:n} personene registrert i én bolig på {address} har "
              "lønn herfra", "{employed} of the {persons} persons registered in one dwelling at "
              "{address} are paid by this employer"),
    ),
    "arrears_while_paying": (
        Shape("{amount:n} kr forfalt forskuddstrekk", "NOK {amount} of withheld tax overdue"),
    ),
    "bankruptcy_quarantine": (
        Shape("rolle {role} i {orgnr} under karantene til {until}",
              "role {role} in {orgnr} while disqualified after bankruptcy until {until}"),
    ),
    "combined_hours": (
        Shape("{hours:n} timer hos {employers:n} arbeidsgivere på én måned: {orgs}",
              "{hours} hours at {employers} employers in one month: {orgs}"),
        Shape("{hours:n} timer hos {employers:n} arbeidsgivere på én måned, {beside:n} av dem "
              "utenom den største; to måneder på rad over {average:n} timer i uken i snitt, "
              "over {side_job:n} av dem utenom den største: {orgs}",
              "{hours} hours at {employers} employers in one month, {beside} of them beside "
              "the largest; two months running over {average} hours a week on average, over "
              "{side_job} of them beside the largest: {orgs}"),
        Shape("{impossible:n} av {workers:n} arbeidstakere har flere timer hos flere "
              "arbeidsgivere enn én person lovlig kan arbeide på en måned, f.eks. {example}",
              "{impossible} of {workers} employees have more hours at several employers than "
              "one person may lawfully work in a month, e.g. {example}"),
    ),
    "facilitator": (
        Shape("{flagged:n} av {clients:n} klienter har treff (ventet {expected:n} ut fra andelen "
              "{share:n} %)", "{flagged} of {clients} clients have hits (expected {expected} "
              "from the share {share} %)"),
    ),
    "fictitious_timesheets": (
        Shape("{workers:n} timelønnede i {months:n} måneder: samme timetall for alle hver måned",
              "{workers} on hourly pay over {months} months: the same hours for all, every month"),
        Shape("{workers:n} timelønnede i {months:n} måneder: hver har samme timetall hver måned",
              "{workers} on hourly pay over {months} months: each the same hours every month"),
    ),
    "inspection_findings": (
        Shape("tilsyn {date}: {finding} / {reaction}" + FOUND_BY,
              "inspection {date}: {finding} / {reaction}" + FOUND_BY_EN),
        Shape("tilsyn {date}: {finding} / {reaction}",
              "inspection {date}: {finding} / {reaction}"),
    ),
    "minimum_wage": (
        Shape("{hours:n} t timelønn for {pay:n} kr" + WAGE,
              "{hours} h on hourly pay for NOK {pay}" + WAGE_EN),
        Shape("fastlønn {pay:n} kr for {hours:n} avtalte timer" + WAGE,
              "fixed pay NOK {pay} for {hours} agreed hours" + WAGE_EN),
    ),
    "missing_hms_cards": (
        Shape("{without:n} av {employees:n} ansatte uten gyldig HMS-kort",
              "{without} of {employees} employees without a valid HMS card"),
    ),
    "repeat_bankruptcy": (
        Shape("{bankruptcies:n} konkurser i næringshovedgruppe {division}: {orgs}",
              "{bankruptcies} bankruptcies in industry division {division}: {orgs}"),
        Shape("nytt selskap i næringshovedgruppe {division} (registrert {registered}) etter "
              "{bankruptcies:n} konkurser hos {person}", "new company in industry division "
              "{division} (registered {registered}) after {bankruptcies} bankruptcies of "
              "{person}"),
    ),
    "shared_identity": (
        Shape("nummeret {number} brukes av {persons:n} personer",
              "the number {number} is used by {persons} persons"),
        Shape("HMS-kort {card} på delt nummer {number}", "HMS card {card} on shared number "
              "{number}"),
    ),
    "sole_proprietor_chain": (
        Shape("ett av {members:n} enkeltpersonforetak med samme {via:w}",
              "one of {members} sole proprietorships with the same {via}"),
        Shape("oppdragsgiver for en kjede av {members:n} enkeltpersonforetak",
              "client of a chain of {members} sole proprietorships"),
    ),
    "stop_decision": (
        Shape("stansingsvedtak {date} ({reason}), ikke opphevet",
              "stop decision {date} ({reason}), not lifted"),
        Shape("stansingsvedtak {date} ({reason})", "stop decision {date} ({reason})"),
    ),
    "tips": (
        Shape("tips {date} ({category}): {text}" + FOUND_BY,
              "tip {date} ({category}): {text}" + FOUND_BY_EN),
        Shape("tips {date} ({category}): {text}", "tip {date} ({category}): {text}"),
    ),
    "turnover_no_employees": (
        Shape(TURNOVER + " og {value_added:n} kr i verdiskaping (fratrukket innkjøp med "
              "fradragsført inngående mva)" + BEYOND, TURNOVER_EN + " and NOK {value_added} of "
              "value added (purchases with deducted input VAT taken off)" + BEYOND_EN),
        Shape(TURNOVER + BEYOND, TURNOVER_EN + BEYOND_EN),
    ),
    "unapproved_operation": (
        Shape("ansatte i a-meldingen, {register:w}-registeret: {status:w}",
              "employees in the a-melding, {register} register: {status}"),
    ),
    "working_time": (
        Shape("{hours:n} timer i måneden hos {orgs} under felles kontroll (grense {limit:n})",
              "{hours} hours in the month at {orgs} under common control (limit {limit})"),
        Shape("{hours:n} timer i måneden (grense {limit:n})",
              "{hours} hours in the month (limit {limit})"),
    ),
}


@cache
def _compiled(key: str) -> tuple[tuple[Shape, re.Pattern[str]], ...]:
    return tuple((shape, shape.pattern) for shape in SHAPES.get(key, ()))


def _value(text: str, kind: str, lang: Lang) -> str:
    if kind == "n" or (kind == "w" and re.fullmatch(_NUMBER, text)):
        decimals = len(text.partition(".")[2])
        return number(float(text) if decimals else int(text), lang, decimals or None)
    if kind == "w" and lang == "en":
        return WORDS.get(text, text)
    return text


def evidence_text(indicator: str, detail: str, lang: Lang = "nb") -> str:
    """An evidence row's `detail` (of the indicator with this id or key) in `lang`."""
    for shape, pattern in _compiled(by_id(indicator).key):
        found = pattern.fullmatch(detail)
        if found is None:
            continue
        kinds = {name: kind for _, name, kind in shape.fields if name}
        values = {name: _value(text, kinds[name], lang)
                  for name, text in found.groupdict().items()}
        template = shape.en if lang == "en" else re.sub(r"\{(\w+):\w\}", r"{\1}", shape.nb)
        return template.format(**values)
    return detail
