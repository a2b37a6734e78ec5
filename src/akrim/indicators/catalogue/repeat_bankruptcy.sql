-- Persons behind >= $min_bankruptcies bankruptcies in one line of business within
-- $lookback_years; the person, and any live company in that line of business registered from
-- $max_months_before_bankruptcy months before to $max_months_to_new_company months after one of
-- the bankruptcies, led by the person, by someone in the person's control cluster, or by someone
-- registered at the person's own address (a straw man at home: the operator holds no role).
-- A line of business is a NACE division: the first two digits of naeringskode1, the same in
-- SN2007 and SN2025 for the industries a-krim meets (construction 41-43, cleaning 81, ...).
WITH bankrupt AS (
    SELECT DISTINCT person, substr(company, 3) AS bankrupt_orgnr, konkursdato,
           substr(nace, 1, 2) AS division
    FROM net_bankruptcy_led
    WHERE konkursdato >= CAST($as_of AS DATE) - to_years(CAST($lookback_years AS INTEGER))
), repeaters AS (
    SELECT person, division, count(DISTINCT bankrupt_orgnr) AS bankruptcies,
           list(DISTINCT bankrupt_orgnr ORDER BY bankrupt_orgnr) AS bankrupt_orgs
    FROM bankrupt GROUP BY ALL
    HAVING count(DISTINCT bankrupt_orgnr) >= $min_bankruptcies
), circle AS (
    SELECT r.person, c2.node_id AS associate
    FROM repeaters r
    JOIN net_cluster c1 ON c1.node_id = r.person
    JOIN net_cluster c2 ON c2.cluster_id = c1.cluster_id AND c2.node_id LIKE 'p:%'
    UNION
    -- the same dwelling (Folkeregisteret's bruksenhetsnummer), not only the same building
    SELECT r.person, 'p:' || mate_alias.person_id
    FROM repeaters r
    JOIN person_alias me_alias ON 'p:' || me_alias.person_id = r.person
    JOIN person me ON me.identifikasjonsnummer = me_alias.identifikator AND me.valid_to IS NULL
    JOIN person mate ON mate.valid_to IS NULL AND mate.adresse = me.adresse
                    AND mate.postnummer = me.postnummer
                    AND mate.bruksenhetsnummer = me.bruksenhetsnummer
    JOIN person_alias mate_alias ON mate_alias.identifikator = mate.identifikasjonsnummer
    UNION
    SELECT person, person FROM repeaters
), successors AS (
    SELECT DISTINCT r.person, u.organisasjonsnummer, u.registreringsdato, r.bankruptcies,
           r.division
    FROM repeaters r
    JOIN circle c ON c.person = r.person
    JOIN net_edge e ON e.src = c.associate AND e.kind = 'role' AND e.valid_to IS NULL
                   AND e.rolle IN (SELECT unnest($leading_roles))
    JOIN ind_unit u ON 'o:' || u.organisasjonsnummer = e.dst
                   AND substr(u.naeringskode1, 1, 2) = r.division
                   AND NOT coalesce(u.konkurs, FALSE)
    JOIN bankrupt b ON b.person = r.person AND b.division = r.division
                   AND u.registreringsdato <= b.konkursdato
                       + to_months(CAST($max_months_to_new_company AS INTEGER))
                   AND u.registreringsdato >= b.konkursdato
                       - to_months(CAST($max_months_before_bankruptcy AS INTEGER))
    WHERE u.organisasjonsnummer NOT IN (SELECT bankrupt_orgnr FROM bankrupt)
)
SELECT 'person' AS actor_type, substr(person, 3) AS actor_id, NULL AS period,
       format('{} konkurser i næringshovedgruppe {}: {}', bankruptcies, division,
              array_to_string(bankrupt_orgs, ', ')) AS detail,
       'enhet' AS source_table, array_to_string(bankrupt_orgs, ',') AS source_key
FROM repeaters
UNION ALL
SELECT 'company', organisasjonsnummer, NULL,
       format('nytt selskap i næringshovedgruppe {} (registrert {}) etter {} konkurser hos {}',
              division, registreringsdato, bankruptcies, substr(person, 3)),
       'enhet', organisasjonsnummer
FROM successors
