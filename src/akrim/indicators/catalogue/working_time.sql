-- Hours at one employer (all its underenheter together) in one month.
WITH months AS (
    SELECT opplysningspliktig, inntektsmottaker, kalendermaaned, sum(hours) AS hours
    FROM ind_person_month GROUP BY ALL
)
SELECT 'company' AS actor_type, opplysningspliktig AS actor_id, kalendermaaned AS period,
       format('{} timer i måneden (grense {})', hours, $max_hours_per_month) AS detail,
       'amelding_inntekt' AS source_table, inntektsmottaker AS source_key
FROM months
WHERE hours > CAST($max_hours_per_month AS DECIMAL(12, 2))
