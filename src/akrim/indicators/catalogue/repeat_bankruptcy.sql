-- Persons behind >= min_bankruptcies bankruptcies of one industry; the person, the bankrupt
-- companies, and any live company in that industry registered no later than
-- max_months_to_new_company after a bankruptcy, run by the person or by someone in the person's
-- cluster (a straw man).
WITH bankrupt AS (
    SELECT DISTINCT person, substr(company, 3) AS bankrupt_orgnr, konkursdato, nace
    FROM net_bankruptcy_led
    WHERE konkursdato >= CAST($as_of AS DATE) - to_years(CAST($lookback_years AS INTEGER))
), repeaters AS (
    SELECT person, nace, count(DISTINCT bankrupt_orgnr) AS bankruptcies,
           list(DISTINCT bankrupt_orgnr) AS bankrupt_orgs, max(konkursdato) AS last_bankruptcy
    FROM bankrupt GROUP BY ALL
    HAVING count(DISTINCT bankrupt_orgnr) >= $min_bankruptcies
), circle AS (
    SELECT r.person, coalesce(c2.node_id, r.person) AS associate
    FROM repeaters r
    LEFT JOIN net_cluster c1 ON c1.node_id = r.person
    LEFT JOIN net_cluster c2 ON c2.cluster_id = c1.cluster_id AND c2.node_id LIKE 'p:%'
    UNION SELECT person, person FROM repeaters
), successors AS (
    SELECT DISTINCT r.person, u.organisasjonsnummer, u.registreringsdato, r.bankruptcies, r.nace
    FROM repeaters r
    JOIN circle c ON c.person = r.person
    JOIN net_edge e ON e.src = c.associate AND e.kind = 'role'
                   AND e.rolle IN ('DAGL', 'LEDE', 'INNH', 'DTPR', 'DTSO', 'KOMP', 'MEDL')
    JOIN ind_unit u ON 'o:' || u.organisasjonsnummer = e.dst
                   AND substr(u.naeringskode1, 1, 5) = r.nace AND NOT coalesce(u.konkurs, FALSE)
    JOIN bankrupt b ON b.person = r.person AND b.nace = r.nace
                   AND u.registreringsdato <= b.konkursdato
                       + to_months(CAST($max_months_to_new_company AS INTEGER))
                   AND u.registreringsdato > b.konkursdato - to_years(3)
)
SELECT 'person' AS actor_type, substr(person, 3) AS actor_id, NULL AS period,
       format('{} konkurser i næring {}: {}', bankruptcies, nace,
              array_to_string(bankrupt_orgs, ', ')) AS detail,
       'enhet' AS source_table, array_to_string(bankrupt_orgs, ',') AS source_key
FROM repeaters
UNION ALL
SELECT 'company', organisasjonsnummer, NULL,
       format('nytt selskap i næring {} (registrert {}) etter {} konkurser hos {}', nace,
              registreringsdato, bankruptcies, substr(person, 3)),
       'enhet', organisasjonsnummer
FROM successors
