-- Facts derived from the network, per actor.

-- Companies, persons and dwellings registered at each address now, and the kind of address.
-- A dwelling is a bruksenhetsnummer given for a person living there: `dwellings` and
-- `persons_per_dwelling` (the most persons in one) count only those, and are NULL where no
-- resident has one (docs/data-formats.md §5: the number is missing for some dwellings, so
-- its absence says nothing of how many there are). The kinds:
--   small_residential          persons live there, in at most $small_residential_dwellings
--                              dwellings: a house (build.SMALL_RESIDENTIAL_DWELLINGS)
--   multi_dwelling             persons live there, in more dwellings: flats
--   residential_units_unknown  persons live there, none with a bruksenhetsnummer
--   non_residential            companies, and no one registered living there
--   residents_unknown          no one is registered living anywhere (no Folkeregisteret)
CREATE OR REPLACE TABLE net_address_fact AS
WITH companies AS (
    SELECT dst AS address_id, count(DISTINCT src) AS companies
    FROM net_edge WHERE kind = 'address' AND valid_to IS NULL AND starts_with(src, 'o:')
    GROUP BY ALL
), residents AS (
    SELECT address_id, count(DISTINCT person) AS persons FROM net_residence GROUP BY ALL
), dwellings AS (
    SELECT address_id, count(*) AS dwellings, max(persons) AS persons_per_dwelling
    FROM (SELECT address_id, bruksenhetsnummer, count(DISTINCT person) AS persons
          FROM net_residence WHERE bruksenhetsnummer IS NOT NULL GROUP BY ALL)
    GROUP BY ALL
)
SELECT address_id, coalesce(c.companies, 0) AS companies, coalesce(r.persons, 0) AS persons,
       d.dwellings, d.persons_per_dwelling,
       CASE WHEN r.persons IS NOT NULL AND d.dwellings IS NULL THEN 'residential_units_unknown'
            WHEN r.persons IS NOT NULL AND d.dwellings <= $small_residential_dwellings
                THEN 'small_residential'
            WHEN r.persons IS NOT NULL THEN 'multi_dwelling'
            WHEN EXISTS (SELECT 1 FROM net_residence) THEN 'non_residential'
            ELSE 'residents_unknown' END AS kind
FROM companies c
FULL JOIN residents r USING (address_id)
LEFT JOIN dwellings d USING (address_id);

-- Companies a person led (board, chair, manager, owner, partner) that went bankrupt
-- (net_bankruptcy_led), and the
-- next company in the same industry (same NACE class, 4 digits) that the person led, registered
-- after the first one was: the phoenix pattern. days_after is from the bankruptcy to the new
-- company's registration (negative when the new company was ready before the old one fell).
CREATE OR REPLACE TABLE net_bankruptcy_led AS
SELECT DISTINCT e.src AS person, e.dst AS company, f.konkursdato,
       substr(f.naeringskode1, 1, 5) AS nace
FROM net_edge e
JOIN enhet f ON 'o:' || f.organisasjonsnummer = e.dst AND f.valid_to IS NULL
            AND f.konkurs AND f.konkursdato IS NOT NULL
WHERE e.kind = 'role' AND e.src LIKE 'p:%'
  AND e.rolle IN ('DAGL', 'LEDE', 'NEST', 'MEDL', 'INNH', 'DTPR', 'DTSO', 'KOMP', 'BEST');

CREATE OR REPLACE TABLE net_phoenix AS
WITH leads AS (
    SELECT DISTINCT e.src AS person, substr(e.dst, 3) AS orgnr
    FROM net_edge e
    WHERE e.kind = 'role' AND e.src LIKE 'p:%'
      AND e.rolle IN ('DAGL', 'LEDE', 'NEST', 'MEDL', 'INNH', 'DTPR', 'DTSO', 'KOMP', 'BEST')
), firms AS (
    SELECT organisasjonsnummer AS orgnr, navn, substr(naeringskode1, 1, 5) AS nace,
           registreringsdato, konkurs, konkursdato
    FROM enhet WHERE valid_to IS NULL
)
SELECT l.person, b.orgnr AS bankrupt_orgnr, b.navn AS bankrupt_navn, b.konkursdato,
       n.orgnr AS next_orgnr, n.navn AS next_navn, n.registreringsdato AS next_registrert,
       n.konkurs AS next_konkurs, b.nace,
       date_diff('day', b.konkursdato, n.registreringsdato) AS days_after
FROM leads l
JOIN firms b ON b.orgnr = l.orgnr AND b.konkurs AND b.konkursdato IS NOT NULL
JOIN leads l2 ON l2.person = l.person AND l2.orgnr <> l.orgnr
JOIN firms n ON n.orgnr = l2.orgnr AND n.nace = b.nace
            AND n.registreringsdato > b.registreringsdato
