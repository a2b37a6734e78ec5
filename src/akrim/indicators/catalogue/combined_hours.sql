WITH months AS (
    SELECT person_id, kalendermaaned, count(DISTINCT opplysningspliktig) AS employers,
           sum(hours) AS hours, list(DISTINCT opplysningspliktig) AS orgs
    FROM ind_person_month GROUP BY ALL
    HAVING count(DISTINCT opplysningspliktig) >= $min_employers
       AND sum(hours) > CAST($max_hours_per_day AS DECIMAL(12, 2))
                        * day(last_day(CAST(kalendermaaned || '-01' AS DATE)))
)
SELECT 'person' AS actor_type, person_id AS actor_id, kalendermaaned AS period,
       format('{} timer hos {} arbeidsgivere på én måned: {}', hours, employers,
              array_to_string(orgs, ', '))
           AS detail, 'amelding_inntekt' AS source_table, person_id AS source_key
FROM months
UNION ALL
SELECT 'company', unnest(orgs), kalendermaaned,
       format('arbeidstaker {} har {} timer hos {} arbeidsgivere', person_id, hours, employers),
       'amelding_inntekt', person_id
FROM months
