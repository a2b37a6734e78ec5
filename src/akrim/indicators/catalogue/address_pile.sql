-- An address is piled when at least $min_persons_at_address persons are registered there and
-- either more than at all but the rarest addresses in this country's registers (the quantile:
-- apartment blocks and coarse address keys must not flag a whole town), or several companies
-- there are each run by someone registered at the same address (straw men in crowded housing:
-- register manipulation; a family firm at home is one such company).
WITH usual AS (
    SELECT quantile_disc(persons, $usual_persons_quantile) AS persons FROM net_address_fact
),
resident_led AS (
    SELECT company.dst AS address_id, count(DISTINCT company.src) AS companies
    FROM net_edge company
    JOIN net_edge role ON role.dst = company.src AND role.kind = 'role'
     AND role.rolle IN ('DAGL', 'INNH', 'LEDE') AND role.valid_to IS NULL
    JOIN net_edge home ON home.src = role.src AND home.kind = 'address'
     AND home.dst = company.dst
    WHERE company.kind = 'address' AND company.src LIKE 'o:%'
    GROUP BY company.dst
)
SELECT 'company' AS actor_type, substr(e.src, 3) AS actor_id, NULL AS period,
       format('{} personer og {} virksomheter på {}, {} av dem ledet av noen som bor der',
              f.persons, f.companies, coalesce(n.label, substr(f.address_id, 3)),
              coalesce(r.companies, 0)) AS detail,
       'net_address_fact' AS source_table, f.address_id AS source_key
FROM net_address_fact f
JOIN net_edge e ON e.dst = f.address_id AND e.kind = 'address' AND e.src LIKE 'o:%'
LEFT JOIN resident_led r ON r.address_id = f.address_id
LEFT JOIN net_node n ON n.node_id = f.address_id
WHERE f.persons >= $min_persons_at_address
  AND (f.persons >= (SELECT persons FROM usual)
       OR coalesce(r.companies, 0) >= $min_resident_led_companies)
