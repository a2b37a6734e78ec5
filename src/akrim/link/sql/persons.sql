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

-- Name and birth date from the person's Folkeregisteret record, else its first record: taken
-- from one record together (a struct never NULL, so a missing part stays missing), by arg_min
-- rather than three ordered aggregates, which sort every group once each. Most persons have one
-- record and need no aggregate at all.
CREATE OR REPLACE TABLE link_person AS
WITH counted AS (
    SELECT person_id, record_id, fornavn, etternavn, fodselsdato, identifikator, source,
           count(*) OVER (PARTITION BY person_id) AS records
    FROM link_person_record
), grouped AS (
    SELECT person_id,
           arg_min({'fornavn': fornavn, 'etternavn': etternavn, 'fodselsdato': fodselsdato},
                   (record_id NOT LIKE 'freg:%', record_id)) AS best,
           list_sort(list_distinct(list(identifikator))) AS identifikatorer,
           list_sort(list_distinct(list(source))) AS sources,
           count(*) AS records
    FROM counted WHERE records > 1 GROUP BY person_id
)
SELECT person_id, best.fornavn, best.etternavn, best.fodselsdato, identifikatorer, sources,
       records
FROM grouped
UNION ALL
SELECT person_id, fornavn, etternavn, fodselsdato, list_distinct([identifikator]),
       list_distinct([source]), 1
FROM counted WHERE records = 1
UNION ALL
SELECT a.person_id, NULL, NULL, NULL, [a.identifikator], ['reference'], 0
FROM person_alias a ANTI JOIN link_person_record r ON r.person_id = a.person_id;

-- One identifier, several persons: the identity may be lent, sold or stolen.
CREATE OR REPLACE TABLE link_signal AS
SELECT identifikator, 'shared_identifier' AS kind,
       list_sort(list_distinct(list(person_id))) AS person_ids
FROM link_person_record WHERE identifikator IS NOT NULL
GROUP BY identifikator HAVING count(DISTINCT person_id) > 1
