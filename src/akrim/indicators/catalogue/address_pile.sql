-- An address that is a crowded dwelling or a mailbox hub, each judged against the addresses of
-- its own kind (net_address_fact.kind, network/sql/facts.sql):
-- - crowded dwelling: at least $min_persons_in_dwelling persons registered in one dwelling. Where
--   no resident has a bruksenhetsnummer the address is taken as one dwelling, as the register's
--   rule has it, and its own kind's baseline guards against numbers merely missing. Hits: the
--   companies registered at the address (a house; not a block of flats, whose companies are
--   registered at the building, not at the flat), and the employers of the dwelling's residents in the
--   last a-melding month (each paying at least $min_residents_employed of them) when together
--   they pay at least $min_share_of_dwelling_employed of them;
-- - mailbox hub: at least $min_companies_at_house companies at a house where persons live (or at
--   any address, when no one is registered living anywhere), whoever runs them. Hits: those
--   companies.
-- Baseline: fewer than $max_share_of_kind of the other addresses of the same kind have as many
-- persons in one dwelling (or as many companies); a kind with too few addresses to say that
-- (fewer than 1 / $max_share_of_kind) has no baseline, and none of its addresses is flagged.
-- Offices and blocks of flats are kinds of their own: a busy office building is no mailbox hub.
WITH fact AS (
    SELECT *, CASE kind WHEN 'residential_units_unknown' THEN persons
                        ELSE persons_per_dwelling END AS in_dwelling
    FROM net_address_fact
), baseline AS (
    SELECT *, count(*) OVER (PARTITION BY kind) * $max_share_of_kind AS allowed,
           count(*) OVER (PARTITION BY kind ORDER BY in_dwelling DESC NULLS LAST
                          RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - 1 AS as_crowded,
           count(*) OVER (PARTITION BY kind ORDER BY companies DESC
                          RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - 1
               AS as_many_companies
    FROM fact
), crowded AS (
    SELECT * FROM baseline
    WHERE kind IN ('small_residential', 'multi_dwelling', 'residential_units_unknown')
      AND in_dwelling >= $min_persons_in_dwelling AND allowed >= 1 AND as_crowded < allowed
), dwelling AS (  -- the crowded dwellings of those addresses
    SELECT c.address_id, r.bruksenhetsnummer, count(DISTINCT r.person) AS persons
    FROM crowded c JOIN net_residence r USING (address_id)
    WHERE r.bruksenhetsnummer IS NOT NULL OR c.kind = 'residential_units_unknown'
    GROUP BY ALL HAVING count(DISTINCT r.person) >= $min_persons_in_dwelling
), employs AS (  -- employers of at least min_residents_employed residents of one dwelling
    SELECT d.address_id, d.bruksenhetsnummer, d.persons, m.opplysningspliktig, m.kalendermaaned,
           count(DISTINCT r.person) AS employed
    FROM dwelling d
    JOIN net_residence r ON r.address_id = d.address_id
                        AND r.bruksenhetsnummer IS NOT DISTINCT FROM d.bruksenhetsnummer
    JOIN ind_person_month m ON r.person = 'p:' || m.person_id
    WHERE m.kalendermaaned = (SELECT last_month FROM ind_window)
    GROUP BY ALL HAVING count(DISTINCT r.person) >= $min_residents_employed
), employer AS (  -- ... who together pay at least the share of the dwelling's residents
    SELECT * FROM employs
    QUALIFY sum(employed) OVER (PARTITION BY address_id, bruksenhetsnummer)
            >= $min_share_of_dwelling_employed * persons
), registered AS (
    -- a block of flats' companies are registered at the building, not at the crowded flat:
    -- there only the employers of its residents are hit
    SELECT address_id, format('{} personer registrert i én bolig', in_dwelling) AS pattern,
           companies, persons, dwellings
    FROM crowded WHERE kind <> 'multi_dwelling'
    UNION ALL
    SELECT address_id,
           CASE kind WHEN 'residents_unknown'
                THEN 'postkasseadresse? (Folkeregisteret ikke lest inn: om noen bor der er ukjent)'
                ELSE 'postkasseadresse i et bolighus' END,
           companies, persons, dwellings
    FROM baseline
    WHERE kind IN ('small_residential', 'residential_units_unknown', 'residents_unknown')
      AND companies >= $min_companies_at_house AND allowed >= 1 AND as_many_companies < allowed
)
SELECT 'company' AS actor_type, substr(e.src, 3) AS actor_id, NULL AS period,
       format('{} på {} (boliger: {}, personer: {}, virksomheter: {})', f.pattern,
              coalesce(n.label, substr(f.address_id, 3)),
              coalesce(CAST(f.dwellings AS VARCHAR), 'ukjent antall'), f.persons, f.companies)
           AS detail,
       'net_address_fact' AS source_table, f.address_id AS source_key
FROM registered f
JOIN net_edge e ON e.dst = f.address_id AND e.kind = 'address' AND starts_with(e.src, 'o:')
               AND e.valid_to IS NULL
LEFT JOIN net_node n ON n.node_id = f.address_id
UNION ALL
SELECT 'company', w.opplysningspliktig, w.kalendermaaned,
       format('{} av de {} personene registrert i én bolig på {} har lønn herfra', w.employed,
              w.persons, coalesce(n.label, substr(w.address_id, 3))),
       'net_address_fact', w.address_id
FROM employer w
LEFT JOIN net_node n ON n.node_id = w.address_id
