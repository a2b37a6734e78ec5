-- Persons, aliases and signals from link_person_record (records with their person_id).

-- Every identifier a person is known by: on its records, and Folkeregisteret's earlier numbers
-- (a d-number replaced by a fødselsnummer). An identifier held in Folkeregisteret belongs to
-- that person, otherwise to the person with the most records carrying it.
CREATE OR REPLACE TABLE person_alias AS
WITH known AS (
    SELECT identifikator, person_id, record_id LIKE 'freg:%' AS from_freg
    FROM link_person_record WHERE identifikator IS NOT NULL
    UNION ALL
    SELECT pi.identifikator, r.person_id, TRUE
    FROM person_identifikator pi
    JOIN link_person_record r ON r.record_id = 'freg:' || pi.identifikasjonsnummer
    WHERE pi.valid_to IS NULL
), ranked AS (
    SELECT identifikator, person_id, bool_or(from_freg) AS from_freg, count(*) AS n
    FROM known GROUP BY ALL
)
SELECT identifikator, arg_max(person_id, (from_freg, n, person_id)) AS person_id
FROM ranked GROUP BY identifikator;

-- Identifiers named only by number (a-melding, Arbeidsforhold) that no record explains
-- are persons of their own.
INSERT INTO person_alias
SELECT DISTINCT identifikator, identifikator FROM (
    SELECT norsk_identifikator AS identifikator FROM amelding_mottaker
    WHERE norsk_identifikator IS NOT NULL
    UNION SELECT arbeidstaker FROM skatt_arbeidsforhold WHERE arbeidstaker IS NOT NULL
) refs ANTI JOIN person_alias USING (identifikator);

CREATE OR REPLACE TABLE link_person AS
SELECT person_id,
       first(fornavn ORDER BY record_id LIKE 'freg:%' DESC, record_id) AS fornavn,
       first(etternavn ORDER BY record_id LIKE 'freg:%' DESC, record_id) AS etternavn,
       first(fodselsdato ORDER BY record_id LIKE 'freg:%' DESC, record_id) AS fodselsdato,
       list_sort(list_distinct(list(identifikator))) AS identifikatorer,
       list_sort(list_distinct(list(source))) AS sources,
       count(*) AS records
FROM link_person_record GROUP BY person_id
UNION ALL
SELECT a.person_id, NULL, NULL, NULL, [a.identifikator], ['reference'], 0
FROM person_alias a ANTI JOIN link_person_record r ON r.person_id = a.person_id;

-- One identifier, several persons: the identity may be lent, sold or stolen.
CREATE OR REPLACE TABLE link_signal AS
SELECT identifikator, 'shared_identifier' AS kind,
       list_sort(list_distinct(list(person_id))) AS person_ids
FROM link_person_record WHERE identifikator IS NOT NULL
GROUP BY identifikator HAVING count(DISTINCT person_id) > 1
