-- Loose company mentions (tips, inspections) resolved to units of Enhetsregisteret.
-- Input: company_mention_in (mention_id, organisasjonsnummer, navn, address_key, postnummer),
-- its address keys made by akrim.link.normalise. Output: company_mention_out, one row per
-- mention with the unit, its legal unit (enhet), the method, score and number of candidates.
-- Steps, first that finds candidates wins; a step whose best candidates belong to more than one
-- legal unit is 'ambiguous' (no guess is made).

-- A company name in one form: lower case, ø/æ/å and accents folded, punctuation dropped, legal
-- forms (AS, A/S, ENK, NUF, Sp. z o.o., UAB, ...) and "og"/"&" left out.
CREATE OR REPLACE TEMP MACRO company_name_key(navn) AS nullif(trim(regexp_replace(
    regexp_replace(
        regexp_replace(strip_accents(translate(lower(navn), 'øæåłđß', 'oaalds')),
                       '[^a-z0-9]+', ' ', 'g'),
        '\b(as|asa|a s|enk|da|ans|sa|nuf|ba|ks|iks|ltd|limited|gmbh|ab|oy|aps|uab|sia|srl|'
        || 'sp z o o|og|and)\b', ' ', 'g'),
    ' +', ' ', 'g')), '');

CREATE OR REPLACE TEMP TABLE company_mention AS
SELECT mention_id, organisasjonsnummer, company_name_key(navn) AS name_key, address_key,
       postnummer
FROM company_mention_in;

CREATE OR REPLACE TEMP TABLE company_unit AS
SELECT organisasjonsnummer, 'enhet' AS unit_type, organisasjonsnummer AS enhet_organisasjonsnummer,
       company_name_key(navn) AS name_key, postnummer, k.address_key
FROM enhet LEFT JOIN address_keys k USING (adresse, postnummer)
WHERE valid_to IS NULL
UNION ALL
SELECT organisasjonsnummer, 'underenhet', coalesce(overordnet_enhet, organisasjonsnummer),
       company_name_key(navn), postnummer, k.address_key
FROM underenhet LEFT JOIN address_keys k USING (adresse, postnummer)
WHERE valid_to IS NULL;

CREATE OR REPLACE TEMP TABLE company_candidate AS
SELECT m.mention_id, u.organisasjonsnummer, u.enhet_organisasjonsnummer,
       1 AS step, 'orgnr' AS method, 1.0 AS score
FROM company_mention m JOIN company_unit u USING (organisasjonsnummer)
UNION ALL
SELECT m.mention_id, u.organisasjonsnummer, u.enhet_organisasjonsnummer, 2, 'name_address', 1.0
FROM company_mention m
JOIN company_unit u ON u.name_key = m.name_key AND u.address_key = m.address_key
UNION ALL
SELECT m.mention_id, u.organisasjonsnummer, u.enhet_organisasjonsnummer, 3, 'name_postnummer',
       1.0
FROM company_mention m
JOIN company_unit u ON u.name_key = m.name_key AND u.postnummer = m.postnummer
UNION ALL
SELECT m.mention_id, u.organisasjonsnummer, u.enhet_organisasjonsnummer, 4,
       'name_fuzzy_postnummer', jaro_winkler_similarity(u.name_key, m.name_key)
FROM company_mention m
JOIN company_unit u ON u.postnummer = m.postnummer
WHERE jaro_winkler_similarity(u.name_key, m.name_key) >= $fuzzy_in_postnummer
UNION ALL
SELECT m.mention_id, u.organisasjonsnummer, u.enhet_organisasjonsnummer, 5, 'name', 1.0
FROM company_mention m JOIN company_unit u ON u.name_key = m.name_key
UNION ALL
-- Nationwide fuzzy matching is blocked on the name's first three letters.
SELECT m.mention_id, u.organisasjonsnummer, u.enhet_organisasjonsnummer, 6, 'name_fuzzy',
       jaro_winkler_similarity(u.name_key, m.name_key)
FROM company_mention m
JOIN company_unit u ON left(u.name_key, 3) = left(m.name_key, 3)
WHERE jaro_winkler_similarity(u.name_key, m.name_key) >= $fuzzy_national
UNION ALL
-- An address alone (an inspection names a workplace, not a firm) finds the units there.
SELECT m.mention_id, u.organisasjonsnummer, u.enhet_organisasjonsnummer, 7, 'address', 1.0
FROM company_mention m JOIN company_unit u ON u.address_key = m.address_key
WHERE m.name_key IS NULL;

CREATE OR REPLACE TEMP TABLE company_mention_out AS
WITH first_step AS (
    SELECT * FROM company_candidate
    QUALIFY step = min(step) OVER (PARTITION BY mention_id)
), best AS (
    -- Near-ties count as ties: a typo must not choose between two similar names.
    SELECT * FROM first_step
    QUALIFY score >= max(score) OVER (PARTITION BY mention_id) - $tie_margin
), decided AS (
    SELECT mention_id, any_value(method) AS method, max(score) AS score,
           count(DISTINCT enhet_organisasjonsnummer) AS candidates,
           count(DISTINCT organisasjonsnummer) AS units,
           any_value(organisasjonsnummer) AS unit, any_value(enhet_organisasjonsnummer) AS enhet
    FROM best GROUP BY mention_id
)
SELECT m.mention_id,
       CASE WHEN d.candidates = 1 AND d.units = 1 THEN d.unit
            WHEN d.candidates = 1 THEN d.enhet END AS organisasjonsnummer,
       CASE WHEN d.candidates = 1 THEN d.enhet END AS enhet_organisasjonsnummer,
       CASE WHEN d.mention_id IS NULL THEN 'unresolved'
            WHEN d.candidates > 1 THEN 'ambiguous' ELSE d.method END AS method,
       CASE WHEN d.candidates = 1 THEN round(d.score, 4) END AS score,
       coalesce(d.candidates, 0) AS candidates
FROM company_mention m LEFT JOIN decided d USING (mention_id);
