-- "Unusually many" has two floors: a fixed number, and what is usual in this country's registers
-- (the given quantile of persons per address), so that apartment blocks and coarse address keys
-- do not flag a whole town.
WITH usual AS (
    SELECT quantile_disc(persons, $usual_persons_quantile) AS persons FROM net_address_fact
)
SELECT 'company' AS actor_type, substr(e.src, 3) AS actor_id, NULL AS period,
       format('{} personer og {} virksomheter på {}', f.persons, f.companies,
              coalesce(n.label, substr(f.address_id, 3))) AS detail,
       'net_address_fact' AS source_table, f.address_id AS source_key
FROM net_address_fact f
JOIN net_edge e ON e.dst = f.address_id AND e.kind = 'address' AND e.src LIKE 'o:%'
LEFT JOIN net_node n ON n.node_id = f.address_id
WHERE f.persons >= greatest($min_persons_at_address, (SELECT persons FROM usual))
