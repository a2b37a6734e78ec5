-- Facts derived from the network, per actor.

-- Persons and companies registered at each address (current registrations).
CREATE OR REPLACE TABLE net_address_fact AS
SELECT dst AS address_id,
       count(DISTINCT src) FILTER (WHERE src LIKE 'o:%') AS companies,
       count(DISTINCT src) FILTER (WHERE src LIKE 'p:%') AS persons
FROM net_edge WHERE kind = 'address' AND valid_to IS NULL
GROUP BY dst;

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
