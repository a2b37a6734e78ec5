-- Runs after the other indicators: ind_flagged holds the companies they hit.
WITH clients AS (
    SELECT substr(e.src, 3) AS facilitator, substr(e.dst, 3) AS client, e.kind
    FROM net_edge e WHERE e.kind IN ('accountant', 'auditor') AND e.valid_to IS NULL
), shares AS (
    SELECT facilitator, count(DISTINCT client) AS clients,
           count(DISTINCT client) FILTER (WHERE client IN (SELECT actor_id FROM ind_flagged))
               AS flagged
    FROM clients GROUP BY facilitator
)
SELECT 'company' AS actor_type, facilitator AS actor_id, NULL AS period,
       format('{} av {} klienter har treff', flagged, clients) AS detail,
       'rolle' AS source_table, facilitator AS source_key
FROM shares
WHERE flagged >= $min_flagged_clients AND flagged >= CAST($min_flagged_share AS DOUBLE) * clients
