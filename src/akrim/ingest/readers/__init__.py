"""Every register format akrim reads, in load order (bulk registers before change feeds).

File name patterns are matched case-insensitively; they are documented in docs/data-formats.md.
"""

from __future__ import annotations

from akrim.ingest.readers import (
    agency_csv,
    amelding,
    arbeidstilsynet,
    brreg_enheter,
    brreg_oppdateringer,
    brreg_roller,
    folkeregisteret,
    skatteetaten,
    skatteetaten_mva,
    skatteetaten_sql,
)
from akrim.ingest.records import ReaderSpec


def _json_and_gz(*stems: str) -> tuple[str, ...]:
    return tuple(f"{stem}{ext}" for stem in stems for ext in (".json", ".json.gz"))


def _jsonl(*stems: str) -> tuple[str, ...]:
    return tuple(
        f"{stem}{ext}" for stem in stems for ext in (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
    )


def _json_and_jsonl(*stems: str) -> tuple[str, ...]:
    """One document (as an API returns it) or JSON lines (`iter_json_records`)."""
    return _json_and_gz(*stems) + _jsonl(*stems)


def _csv(*stems: str) -> tuple[str, ...]:
    return tuple(f"{stem}{ext}" for stem in stems for ext in (".csv", ".csv.gz"))


READERS: tuple[ReaderSpec, ...] = (
    ReaderSpec("brreg.enheter", _json_and_gz("enheter_alle*"), ("enhet",),
               brreg_enheter.ENHETER, "Enhetsregisteret bulk download, JSON"),
    ReaderSpec("brreg.enheter.csv", _csv("enheter_alle*"), ("enhet",),
               brreg_enheter.read_enheter_csv, "Enhetsregisteret bulk download, CSV"),
    ReaderSpec("brreg.underenheter", _json_and_gz("underenheter_alle*"), ("underenhet",),
               brreg_enheter.UNDERENHETER, "Underenheter bulk download, JSON"),
    ReaderSpec("brreg.underenheter.csv", _csv("underenheter_alle*"), ("underenhet",),
               brreg_enheter.read_underenheter_csv, "Underenheter bulk download, CSV"),
    ReaderSpec("brreg.roller", _json_and_gz("roller_totalbestand*"), ("rolle",),
               brreg_roller.READER, "Roles bulk file (roller/totalbestand)"),
    ReaderSpec("skatteetaten.amelding", _json_and_jsonl("amelding*", "a-melding*"),
               amelding.TABLES,
               amelding.READER, "a-melding leveranser", after_merge=amelding.AFTER_MERGE,
               closed_if=amelding.CLOSED_IF),
    ReaderSpec("folkeregisteret", _jsonl("folkeregister*", "freg*"),
               ("person", "person_identifikator"), folkeregisteret.READER,
               "Folkeregisteret person documents"),
    ReaderSpec("skatteetaten.restanser", _json_and_jsonl("restanser*"), ("restanse",),
               skatteetaten.read_restanser, "Restanser responses"),
    ReaderSpec("skatteetaten.arbeidsgiveravgift", _json_and_jsonl("arbeidsgiveravgift*"),
               ("arbeidsgiveravgift_termin",), skatteetaten_sql.AGA_READER,
               "Arbeidsgiveravgift responses"),
    ReaderSpec("skatteetaten.mva",
               _json_and_jsonl("mva_meldingsopplysning*", "mvameldingsopplysning*"),
               ("mva_termin",), skatteetaten_mva.READER,
               "Mva meldingsopplysning responses"),
    ReaderSpec("skatteetaten.arbeidsforhold", _json_and_jsonl("arbeidsforhold*"),
               ("skatt_arbeidsforhold",), skatteetaten.read_arbeidsforhold,
               "Arbeidsforhold / Arbeidsforhold i oppdrag responses"),
    ReaderSpec("skatteetaten.oppdrag", _json_and_jsonl("oppdrag_utenlandske_virksomheter*",
                                                       "oppdragutenlandskevirksomheter*"),
               ("oppdrag_utenlandsk",), skatteetaten.read_oppdrag,
               "Oppdrag utenlandske virksomheter responses"),
    ReaderSpec("arbeidstilsynet.renhold", ("renhold*.xml", "renhold*.xml.gz"), ("godkjenning",),
               arbeidstilsynet.read_renhold_xml, "Renholdsregisteret XML feed",
               after_merge=arbeidstilsynet.whole_register("renhold")),
    ReaderSpec("arbeidstilsynet.bilpleie", _json_and_gz("bilpleie*") + _jsonl("bilpleie*"),
               ("godkjenning",), arbeidstilsynet.read_bilpleie, "Bilpleieregisteret JSON"),
    ReaderSpec("arbeidstilsynet.bemanning", _json_and_gz("bemanning*") + _jsonl("bemanning*"),
               ("godkjenning",), arbeidstilsynet.read_bemanning,
               "Bemanningsforetaksregisteret JSON",
               after_merge=arbeidstilsynet.whole_register("bemanning")),
    ReaderSpec("hms_kort", _csv("hms_kort*", "hms-kort*"), ("hms_kort",),
               agency_csv.READERS["hms_kort"], "HMS cards (akrim CSV)"),
    ReaderSpec("stansingsvedtak", _csv("stansingsvedtak*"), ("stansingsvedtak",),
               agency_csv.READERS["stansingsvedtak"], "Stop decisions (akrim CSV)"),
    ReaderSpec("tilsyn", _csv("tilsyn*"), ("tilsyn",), agency_csv.READERS["tilsyn"],
               "Inspections and findings (akrim CSV)"),
    ReaderSpec("tips", _csv("tips*"), ("tips",), agency_csv.READERS["tips"],
               "Tips (akrim CSV)"),
    ReaderSpec("brreg.oppdateringer.enheter",
               _json_and_gz("oppdateringer_enheter*") + _jsonl("oppdateringer_enheter*"),
               ("enhet_change",), brreg_oppdateringer.read_enheter_events,
               "Change feed for enheter"),
    ReaderSpec("brreg.oppdateringer.underenheter",
               _json_and_gz("oppdateringer_underenheter*")
               + _jsonl("oppdateringer_underenheter*"),
               ("underenhet_change",), brreg_oppdateringer.read_underenheter_events,
               "Change feed for underenheter"),
    ReaderSpec("brreg.oppdateringer.roller", _json_and_gz("oppdateringer_roller*"),
               ("rolle_change",), brreg_oppdateringer.read_roller_events,
               "Change feed for roller (CloudEvents)"),
)

READER_BY_REGISTER = {reader.register: reader for reader in READERS}
