-- The public seriousness check's queries, each named by its first line. They read only the
-- public registers in akrim.seriousness.check.PUBLIC_TABLES (a test parses this file and fails
-- on any other table): Enhetsregisteret (enhet, underenhet, rolle), Arbeidstilsynet's approval
-- registers (godkjenning) and its published stop decisions (stansingsvedtak).

-- name: registers
-- Whether each register is loaded, and the newest date one of its versions was first seen: the
-- date a fact from it speaks for. The approval registers are loaded one by one.
SELECT 'enhet' AS register, count(*) AS versions, max(valid_from) AS newest FROM enhet
UNION ALL
SELECT 'underenhet', count(*), max(valid_from) FROM underenhet
UNION ALL
SELECT 'rolle', count(*), max(valid_from) FROM rolle
UNION ALL
SELECT 'stansingsvedtak', count(*), max(valid_from) FROM stansingsvedtak
UNION ALL
SELECT 'godkjenning:' || register, count(*), max(valid_from) FROM godkjenning GROUP BY register;

-- name: unit
-- The unit's newest version (current first: a unit missing from the newest bulk file has an
-- ended version). For a sub-unit, the legal facts are its main unit's: the buyer contracts with
-- the legal person.
WITH own AS (
    SELECT 'enhet' AS kind, organisasjonsnummer, navn, naeringskode1, registreringsdato,
           slettedato, CAST(NULL AS DATE) AS nedleggelsesdato,
           organisasjonsnummer AS legal_orgnr, valid_from, valid_to, konkurs, konkursdato,
           under_avvikling, under_tvangsavvikling, registrert_i_mvaregisteret
    FROM enhet WHERE organisasjonsnummer = $orgnr
    UNION ALL
    SELECT 'underenhet', u.organisasjonsnummer, u.navn, u.naeringskode1, u.registreringsdato,
           u.slettedato, u.nedleggelsesdato, u.overordnet_enhet, u.valid_from, u.valid_to,
           p.konkurs, p.konkursdato, p.under_avvikling, p.under_tvangsavvikling,
           p.registrert_i_mvaregisteret
    FROM underenhet u
    LEFT JOIN enhet p ON p.organisasjonsnummer = u.overordnet_enhet AND p.valid_to IS NULL
    WHERE u.organisasjonsnummer = $orgnr
)
SELECT kind, organisasjonsnummer, navn, naeringskode1, registreringsdato, slettedato,
       nedleggelsesdato, legal_orgnr, valid_to, konkurs, konkursdato, under_avvikling,
       under_tvangsavvikling, registrert_i_mvaregisteret
FROM own
ORDER BY valid_to IS NULL DESC, valid_from DESC, kind
LIMIT 1;

-- name: approval
-- The unit's entries in the approval registers, an approved one first. An entry may name a
-- sub-unit with the legal unit as its parent.
SELECT register, status, status_dato
FROM godkjenning
WHERE valid_to IS NULL AND coalesce(overordnet_enhet, organisasjonsnummer) = $legal_orgnr
ORDER BY register, status = 'Godkjent' DESC, status_dato DESC NULLS LAST;

-- name: stop_decisions
-- Published stop decisions against the unit or its legal unit, newest first.
SELECT etat, vedtaksdato, opphevet_dato
FROM stansingsvedtak
WHERE valid_to IS NULL AND organisasjonsnummer IN ($orgnr, $legal_orgnr)
ORDER BY vedtaksdato DESC NULLS LAST, vedtak_id;

-- name: role_bankruptcies
-- One row per person in a leading role of the unit (Brønnøysund names a person by birth date
-- and name: 'p:<date>|<name>'), joined to each other unit ever registered bankrupt in which the
-- same person has held a leading role; the bankrupt columns are NULL for a person with none.
WITH holders AS (
    SELECT DISTINCT rolle, innehaver
    FROM rolle
    WHERE valid_to IS NULL AND organisasjonsnummer = $legal_orgnr
      AND innehaver LIKE 'p:%' AND NOT coalesce(fratraadt, FALSE)
      AND list_contains($roles, rolle)
),
bankrupt AS (
    SELECT organisasjonsnummer, max(konkursdato) AS konkursdato,
           max_by(navn, valid_from) AS navn
    FROM enhet WHERE konkurs GROUP BY organisasjonsnummer
),
held_elsewhere AS (
    SELECT DISTINCT r.innehaver, b.organisasjonsnummer, b.navn, b.konkursdato
    FROM rolle r JOIN bankrupt b ON b.organisasjonsnummer = r.organisasjonsnummer
    WHERE r.organisasjonsnummer <> $legal_orgnr AND r.innehaver LIKE 'p:%'
      AND NOT coalesce(r.fratraadt, FALSE) AND list_contains($roles, r.rolle)
)
SELECT h.rolle, h.innehaver, e.organisasjonsnummer, e.navn, e.konkursdato
FROM holders h LEFT JOIN held_elsewhere e ON e.innehaver = h.innehaver
ORDER BY list_position($roles, h.rolle), h.innehaver, e.konkursdato NULLS LAST,
         e.organisasjonsnummer;
