-- A person's hours in one month at one employer, or at employers under common control: the
-- companies of one control cluster of the network (the same people run or own them, so the
-- same people decide the worker's hours; splitting them does not make them lawful).
WITH employer_group AS (
    SELECT DISTINCT m.opplysningspliktig,
           coalesce(c.cluster_id, m.opplysningspliktig) AS employer_group
    FROM ind_person_month m
    LEFT JOIN net_cluster c ON c.node_id = 'o:' || m.opplysningspliktig
), months AS (
    SELECT g.employer_group, m.person_id, m.kalendermaaned, sum(m.hours) AS hours,
           list(DISTINCT m.opplysningspliktig ORDER BY m.opplysningspliktig) AS employers
    FROM ind_person_month m JOIN employer_group g USING (opplysningspliktig)
    GROUP BY ALL
)
SELECT 'company' AS actor_type, unnest(employers) AS actor_id, kalendermaaned AS period,
       format('{} timer i måneden{} (grense {})', hours,
              CASE WHEN len(employers) > 1
                   THEN ' hos ' || array_to_string(employers, ', ') || ' under felles kontroll'
                   ELSE '' END,
              $max_hours_per_month) AS detail,
       'amelding_inntekt' AS source_table, person_id AS source_key
FROM months
WHERE hours > CAST($max_hours_per_month AS DECIMAL(12, 2))
