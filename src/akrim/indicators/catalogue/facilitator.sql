-- Runs after the other indicators: ind_flagged holds the companies they hit.
-- An accountant, auditor or adviser (a person or a firm) whose clients include at least
-- $min_flagged_clients flagged companies, more than chance gives: the count is $min_z standard
-- deviations above what the share of flagged companies among all clients predicts for a
-- client list of its length (a normal approximation to the binomial tail).
WITH clients AS (
    SELECT DISTINCT e.src AS facilitator, substr(e.dst, 3) AS client,
           substr(e.dst, 3) IN (SELECT actor_id FROM ind_flagged) AS flagged
    FROM net_edge e
    WHERE e.valid_to IS NULL
      AND (e.kind IN ('accountant', 'auditor')
           OR (e.kind = 'role' AND e.rolle IN (SELECT unnest($adviser_roles))))
), base AS (
    SELECT count(DISTINCT client) FILTER (WHERE flagged) / count(DISTINCT client) AS share
    FROM clients
), shares AS (
    SELECT facilitator, count(*) AS clients, count(*) FILTER (WHERE flagged) AS flagged
    FROM clients GROUP BY facilitator
)
SELECT CASE WHEN s.facilitator LIKE 'o:%' THEN 'company' ELSE 'person' END AS actor_type,
       substr(s.facilitator, 3) AS actor_id, NULL AS period,
       format('{} av {} klienter har treff (ventet {} ut fra andelen {} %)', s.flagged, s.clients,
              round(s.clients * b.share, 1), round(100 * b.share, 1)) AS detail,
       'rolle' AS source_table, substr(s.facilitator, 3) AS source_key
FROM shares s, base b
WHERE s.flagged >= $min_flagged_clients
  AND b.share < 1
  AND s.flagged - s.clients * b.share
      >= CAST($min_z AS DOUBLE) * sqrt(s.clients * b.share * (1 - b.share))
