SELECT 'company' AS actor_type, opplysningspliktig AS actor_id, kalendermaaned AS period,
       format('{} timer i måneden (grense {})', hours, $max_hours_per_month) AS detail,
       'amelding_inntekt' AS source_table, inntektsmottaker AS source_key
FROM ind_person_month
WHERE hours > CAST($max_hours_per_month AS DECIMAL(12, 2))
