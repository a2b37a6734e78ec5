"""User-facing text in bokmål (the default) and English: one catalogue, one lookup.

The language is a setting (`AKRIM_LANG`, `--lang`), passed in; nothing here reads the environment.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["nb", "en"]

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (bokmål, English)
    "load.title": ("Innlesing — øyeblikksbilde {snapshot}, dato {as_of}",
                   "Load — snapshot {snapshot}, as of {as_of}"),
    "load.aborted": ("Innlesing avbrutt, ingenting er endret", "Load aborted, nothing changed"),
    "link.current": ("Koblingen er à jour med siste innlesing; bruk --force for å bygge på nytt.",
                     "Linkage is up to date with the last load; use --force to rebuild."),
    "link.done": ("Personer: {records} poster ble til {persons} personer ({merged} koblinger, "
                  "{conflicts} til vurdering, {shared} delte identiteter) på {seconds} s",
                  "Persons: {records} records resolved to {persons} persons ({merged} links, "
                  "{conflicts} for review, {shared} shared identifiers) in {seconds} s"),
    "link.shipped": ("For få personposter til å trene koblingsmodellen ({why}); brukte modellen "
                     "som følger med akrim.",
                     "Too few person records to train the linkage model ({why}); used the model "
                     "shipped with akrim."),
    "link.rescored": ("Bare endrede poster skåret på nytt: {rescored}",
                      "Only changed records scored again: {rescored}"),
    "network.done": ("Nettverk: {nodes} noder, {edges} kanter, {clusters} klynger, {seconds} s",
                     "Network: {nodes} nodes, {edges} edges, {clusters} clusters, {seconds} s"),
    "mentions.done": ("Virksomheter nevnt i tips og tilsyn: {mentions}, {resolved} funnet "
                      "({ambiguous} tvetydige, {unresolved} ikke funnet), {seconds} s",
                      "Companies named in tips and inspections: {mentions}, {resolved} found "
                      "({ambiguous} ambiguous, {unresolved} not found), {seconds} s"),
    "demo.analysing": ("Kobler personer, bygger nettverket og kjører indikatorene …",
                       "Linking persons, building the network and running the indicators …"),
    "analyse.title": ("Indikatorer", "Indicators"),
    "analyse.entries": ("Prioriteringslisten har {entries} oppføringer.",
                        "The priority list has {entries} entries."),
    "top.title": ("Prioriteringsliste: sentrale trusselaktører",
                  "Priority list: central threat actors"),
    "explain.head": ("{kind} {id} {name}: plass {rank}, poengsum {score}",
                     "{kind} {id} {name}: rank {rank}, score {score}"),
    "explain.reasons": ("Begrunnelse (sterkest først)", "Reasons (strongest first)"),
    "explain.evidence": ("Bevis", "Evidence"),
    "explain.states": ("Alle indikatorer", "Every indicator"),
    # The command line: reasons beyond the few a terminal shows, and unknown filter values.
    "top.more_reasons": ("… og {count} til: akrim explain {id}",
                         "… and {count} more: akrim explain {id}"),
    "error.unknown_value": ("ukjent verdi {value!r}; gyldige verdier: {valid}",
                            "unknown value {value!r}; valid values: {valid}"),
    "evaluate.title": ("Treff per mønster: topp 1 % = {k} og topp 0,25 % = {quarter} av "
                       "{entries} oppføringer ({actors} aktører)",
                       "Recall per scheme: top 1 % = {k} and top 0.25 % = {quarter} of "
                       "{entries} entries ({actors} actors)"),
    "evaluate.whole_list": ("Listen ({k} oppføringer) er ikke lengre enn 1 % av aktørene: "
                            "topp 1 % er hele listen.",
                            "The list ({k} entries) is no longer than 1 % of the actors: the "
                            "top 1 % is the whole list."),
    "evaluate.summary": ("Presisjon ved {k}: {precision}; falske positive i topp 1 %: {fp} "
                         "({false_positives} av {top_k}, bakgrunn og lovlige lignende); "
                         "lovlige lignende i topp 1 %: {benign} ({flagged} av {instances})",
                         "Precision at {k}: {precision}; false positives in the top 1 %: {fp} "
                         "({false_positives} of {top_k}, background and benign look-alikes); "
                         "benign look-alikes in the top 1 %: {benign} ({flagged} of "
                         "{instances})"),
    "state.hit": ("treff", "hit"),
    "state.no_hit": ("ikke treff", "no hit"),
    "state.insufficient_data": ("for lite data", "insufficient data"),
    "state.assessed": ("vurdert", "assessed"),
    "actor.company": ("Virksomhet", "Company"),
    "actor.person": ("Person", "Person"),
    "actor.cluster": ("Klynge", "Cluster"),
    "col.indicator": ("Indikator", "Indicator"),
    "col.title": ("Navn", "Title"),
    "col.status": ("Status", "Status"),
    "col.hits": ("Treff", "Hits"),
    "col.seconds": ("Sekunder", "Seconds"),
    "col.rank": ("Plass", "Rank"),
    "col.actor": ("Aktør", "Actor"),
    "col.name": ("Navn", "Name"),
    "col.score": ("Poeng", "Score"),
    "col.reasons": ("Begrunnelse", "Reasons"),
    "col.weight": ("Vekt", "Weight"),
    "col.evidence": ("Bevisrader", "Evidence rows"),
    "col.via": ("Via", "Via"),
    "col.period": ("Periode", "Period"),
    "col.detail": ("Detaljer", "Detail"),
    "col.source": ("Kilde", "Source"),
    "col.scheme": ("Mønster", "Scheme"),
    "col.instances": ("Tilfeller", "Instances"),
    "col.recall_1pct": ("Funnet i topp 1 %", "Recall top 1 %"),
    "col.recall_quarter": ("Funnet i topp 0,25 %", "Recall top 0.25 %"),
    "col.recall_1000": ("Funnet i topp 1000", "Recall top 1,000"),
    "judge.saved": ("Vurdering lagret: {left} / {right}: {verdict}",
                    "Judgement saved: {left} / {right}: {verdict}"),
    "col.file": ("Fil", "File"),
    "col.register": ("Register", "Register"),
    "col.records": ("Poster", "Records"),
    "col.quarantined": ("I karantene", "Quarantined"),
    "col.note": ("Merknad", "Note"),
    "col.table": ("Tabell", "Table"),
    "col.closed": ("Avsluttede versjoner", "Versions closed"),
    "col.opened": ("Nye versjoner", "Versions opened"),
    "col.current": ("Gjeldende rader", "Current rows"),
    "col.history": ("Versjoner i alt", "All versions"),
    "col.as_of": ("Dato", "As of"),
    "col.loaded": ("Lastet", "Loaded"),
    "col.files": ("Filer", "Files"),
    "col.line": ("Linje", "Line"),
    "col.field": ("Felt", "Field"),
    "col.reason": ("Årsak", "Reason"),
    "changes.title": ("Endringer i historikken", "Changes to the history"),
    "tables.title": ("Tabeller", "Tables"),
    "snapshots.title": ("Øyeblikksbilder", "Snapshots"),
    "quarantine.by_reason": ("Karantene etter årsak", "Quarantine by reason"),
    "quarantine.none": ("Karantene: ingen rader", "Quarantine: no rows"),
    "quarantine.sample": ("Eksempler fra karantenen", "Quarantine sample"),
    "progress.records": ("poster", "records"),
    "skip.unrecognised": ("ukjent filtype, ikke lest", "not recognised, not read"),
    "skip.loaded": ("allerede lest inn i øyeblikksbilde {snapshot}",
                    "already loaded in snapshot {snapshot}"),
    "demo.loading": ("Demo: leser inn {bundle}", "Demo: loading {bundle}"),
    "demo.generating": ("Demo: lager syntetisk datasett ({scale}) i {bundle}",
                        "Demo: generating a synthetic bundle ({scale}) in {bundle}"),
    # Problems a person can fix (akrim.errors), and what the CLI says about bad input.
    "error.no_store": ("Ingen database i {data_dir}: ingenting er lest inn her ennå. Kjør akrim "
                       "ingest, eller sjekk --data-dir.",
                       "No store in {data_dir}: nothing has been loaded here yet. Run akrim "
                       "ingest, or check --data-dir."),
    "error.store_unavailable": ("Kan ikke åpne {path}: {reason}", "Cannot open {path}: {reason}"),
    "error.store_outdated": ("Databasen i {data_dir} er laget av en eldre akrim og mangler "
                             "tabellene {tables}: kjør akrim ingest på nytt.",
                             "The store in {data_dir} was made by an older akrim and lacks the "
                             "tables {tables}: run akrim ingest again."),
    "error.nothing_loaded": ("Ingenting er lest inn i {data_dir} ennå: kjør akrim ingest.",
                             "Nothing loaded in {data_dir} yet: run akrim ingest."),
    "error.not_linked": ("Personer og nettverk er ikke bygget i {data_dir} ennå: kjør akrim link "
                         "(eller akrim analyse).",
                         "Persons and the network are not built in {data_dir} yet: run akrim "
                         "link (or akrim analyse)."),
    "error.not_analysed": ("Ingenting analysert i {data_dir} ennå: kjør akrim analyse.",
                           "Nothing analysed in {data_dir} yet: run akrim analyse."),
    "error.unknown_actor": ("Ukjent aktør: {actor}", "Unknown actor: {actor}"),
    "error.unknown_record": ("Ukjent post: {record} finnes ikke blant personpostene fra siste "
                             "akrim link; ingenting er lagret.",
                             "Unknown record: {record} is not among the person records of the "
                             "last akrim link; nothing was saved."),
    "error.invalid_id": ("Ugyldig identifikator: {reason}", "Invalid identifier: {reason}"),
    "error.file": ("Fil eller mappe: {error}", "File or folder: {error}"),
    # The web app (akrim serve): the public seriousness check.
    "serve.open": ("Åpne {url} i nettleseren (Ctrl+C stopper)",
                   "Open {url} in your browser (Ctrl+C stops)"),
    "web.skip": ("Hopp til innholdet", "Skip to content"),
    "web.language": ("Språk", "Language"),
    "web.other_language": ("English", "Norsk (bokmål)"),
    "web.title": ("Seriøsitetssjekk", "Seriousness check"),
    "web.intro": ("Offentlige opplysninger om en leverandør fra Enhetsregisteret og "
                  "Arbeidstilsynets registre. Hver opplysning vises med register og dato. "
                  "Sjekken gir ingen poengsum og ingen vurdering av leverandøren.",
                  "Public information about a supplier from the Central Coordinating Register "
                  "and the Labour Inspection Authority's registers. Each fact is shown with its "
                  "register and date. The check gives no score and no assessment of the "
                  "supplier."),
    "web.orgnr": ("Organisasjonsnummer (9 siffer)", "Organisation number (9 digits)"),
    "web.check": ("Sjekk", "Check"),
    "web.invalid_orgnr": ("Ugyldig organisasjonsnummer", "Invalid organisation number"),
    "web.unknown_unit_title": ("Ukjent enhet", "Unknown unit"),
    "web.unknown_unit": ("Organisasjonsnummer {orgnr} finnes ikke i Enhetsregisteret slik det "
                         "er lastet her.",
                         "Organisation number {orgnr} is not in the Central Coordinating "
                         "Register as loaded here."),
    "web.store_unavailable": ("Sjekken er ikke tilgjengelig", "The check is not available"),
    "web.facts": ("Opplysninger", "Facts"),
    "web.fact": ("Opplysning", "Fact"),
    "web.state": ("Status", "State"),
    "web.register": ("Register", "Register"),
    "web.as_of": ("Dato", "As of"),
    "web.advice": ("Dette bør du be leverandøren om", "What to ask the supplier for"),
    "web.state.ok": ("OK", "OK"),
    "web.state.not_ok": ("Ikke OK", "Not OK"),
    "web.state.unknown": ("Ikke kjent (for lite data)", "Not known (insufficient data)"),
    "web.batch": ("Sjekk mange leverandører", "Check many suppliers"),
    "web.batch_intro": ("Last opp en CSV-fil med en kolonne organisasjonsnummer (eller orgnr), "
                        "eller ett nummer per linje.",
                        "Upload a CSV file with a column organisasjonsnummer (or orgnr), or one "
                        "number per line."),
    "web.batch_file": ("CSV-fil med leverandører", "CSV file of suppliers"),
    "web.batch_submit": ("Last opp og sjekk", "Upload and check"),
    "web.batch_result": ("Resultat for {suppliers} leverandører ({bad} linjer ikke sjekket)",
                         "Result for {suppliers} suppliers ({bad} lines not checked)"),
    "web.download": ("Last ned resultatet som CSV", "Download the result as CSV"),
    "web.orgnr_col": ("Org.nr.", "Org. no."),
    "web.name": ("Navn", "Name"),
    "web.invalid_file": ("Filen kan ikke leses", "The file cannot be read"),
}


def add_messages(messages: dict[str, tuple[str, str]]) -> None:
    """Add a capability's own messages (a web page module's, say) to the catalogue, at import.

    Why not one dict for everything: each page keeps its texts beside its code; a key given
    twice is a mistake and stops the import.
    """
    twice = sorted(MESSAGES.keys() & messages.keys())
    if twice:
        raise ValueError(f"messages defined twice: {', '.join(twice)}")
    MESSAGES.update(messages)


def t(key: str, lang: Lang = "nb", **values: object) -> str:
    """The message `key` in `lang`, with `{placeholders}` filled in."""
    bokmaal, english = MESSAGES[key]
    return (english if lang == "en" else bokmaal).format(**values)
