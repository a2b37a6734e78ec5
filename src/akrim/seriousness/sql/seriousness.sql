-- The public seriousness check's queries, each named by its first line. They read only the
-- public registers in akrim.seriousness.check.PUBLIC_TABLES (a test parses this file and fails
-- on any other table): Enhetsregisteret (enhet, underenhet, rolle), Arbeidstilsynet's approval
-- registers (godkjenning) and its published stop decisions (stansingsvedtak).
--
-- Each query runs as written on the DuckDB store and on the SQLite serving file that
-- akrim.seriousness.serving publishes (the same tables and columns): plain SQL both engines
-- read alike, parameters as $name, no lists, no engine-only functions. Dates come back from
-- SQLite as ISO text and booleans as 0/1; serving.rows converts them by column name.

-- name: registers
-- The newest date one of each register's versions was first seen (NULL: not loaded): the date a
-- fact from it speaks for. The approval registers are loaded one by one; they are
-- akrim.seriousness.facts.APPROVAL_REGISTERS (a test checks). Each figure is one index probe in
-- SQLite: no count(*) (a scan), no GROUP BY (a scan of the approvals, 2.7 ms a check
-- nationally).
WITH approval_register (register) AS (
    VALUES ('renhold'), ('bilpleie'), ('bemanning')
)
SELECT 'enhet' AS register, (SELECT max(valid_from) FROM enhet) AS newest
UNION ALL
SELECT 'underenhet', (SELECT max(valid_from) FROM underenhet)
UNION ALL
SELECT 'rolle', (SELECT max(valid_from) FROM rolle)
UNION ALL
SELECT 'stansingsvedtak', (SELECT max(valid_from) FROM stansingsvedtak)
UNION ALL
SELECT 'godkjenning:' || a.register,
       (SELECT max(g.valid_from) FROM godkjenning g WHERE g.register = a.register)
FROM approval_register a
ORDER BY register;

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
-- The leading roles, in the order the text names them, are akrim.seriousness.facts.ROLE_NAMES
-- (a test checks). Written from the unit outwards (its holders, their other roles, those
-- units) so that SQLite answers it with index lookups.
WITH leading_role (rolle, ordinal) AS (
    VALUES ('DAGL', 1), ('INNH', 2), ('LEDE', 3), ('NEST', 4), ('MEDL', 5), ('DTPR', 6),
           ('DTSO', 7), ('KOMP', 8)
),
holders AS (
    SELECT DISTINCT r.rolle, l.ordinal, r.innehaver
    FROM rolle r JOIN leading_role l ON l.rolle = r.rolle
    WHERE r.valid_to IS NULL AND r.organisasjonsnummer = $legal_orgnr
      AND substr(r.innehaver, 1, 2) = 'p:' AND NOT coalesce(r.fratraadt, FALSE)
),
held_elsewhere AS (
    SELECT DISTINCT r.innehaver, r.organisasjonsnummer
    FROM holders h JOIN rolle r ON r.innehaver = h.innehaver
    WHERE r.organisasjonsnummer <> $legal_orgnr AND NOT coalesce(r.fratraadt, FALSE)
      AND r.rolle IN (SELECT rolle FROM leading_role)
),
bankrupt AS (
    SELECT h.innehaver, e.organisasjonsnummer, max(e.konkursdato) AS konkursdato
    FROM held_elsewhere h JOIN enhet e ON e.organisasjonsnummer = h.organisasjonsnummer
    WHERE e.konkurs
    GROUP BY h.innehaver, e.organisasjonsnummer
)
SELECT h.rolle, h.innehaver, b.organisasjonsnummer,
       (SELECT n.navn FROM enhet n
        WHERE n.organisasjonsnummer = b.organisasjonsnummer AND n.konkurs
        ORDER BY n.valid_from DESC LIMIT 1) AS navn,
       b.konkursdato
FROM holders h LEFT JOIN bankrupt b ON b.innehaver = h.innehaver
ORDER BY h.ordinal, h.innehaver, b.konkursdato NULLS LAST, b.organisasjonsnummer;
