WITH candidates AS (
    -- Rows bound the distinct employers from above, and are cheap to count: only these
    -- person-months can qualify, and only they are counted exactly.
    -- More than the most one person may work in the month: max_hours_per_day on each of
    -- working_days_per_week days in seven (compared times 7, so exactly, without fractions).
    SELECT person_id, kalendermaaned FROM ind_person_month GROUP BY ALL
    HAVING count(*) >= $min_employers
       AND sum(hours) * 7 > CAST($max_hours_per_day AS DECIMAL(12, 2))
                            * $working_days_per_week
                            * day(last_day(CAST(kalendermaaned || '-01' AS DATE)))
), months AS (
    SELECT person_id, kalendermaaned, count(DISTINCT opplysningspliktig) AS employers,
           sum(hours) AS hours, list(DISTINCT opplysningspliktig) AS orgs
    FROM ind_person_month SEMI JOIN candidates USING (person_id, kalendermaaned)
    GROUP BY ALL
    HAVING count(DISTINCT opplysningspliktig) >= $min_employers
), flagged AS (
    SELECT unnest(orgs) AS opplysningspliktig, kalendermaaned, person_id FROM months
)
SELECT 'person' AS actor_type, person_id AS actor_id, kalendermaaned AS period,
       format('{} timer hos {} arbeidsgivere på én måned: {}', hours, employers,
              array_to_string(orgs, ', '))
           AS detail, 'amelding_inntekt' AS source_table, person_id AS source_key
FROM months
UNION ALL
-- An employer is flagged for its share of such persons, not for one: a large employer of someone
-- whose identity is also used elsewhere is a victim of the scheme, not part of it.
SELECT 'company', c.opplysningspliktig, c.kalendermaaned,
       format('{} av {} arbeidstakere har flere timer hos flere arbeidsgivere enn én person '
              || 'lovlig kan arbeide på en måned, f.eks. {}', c.impossible, w.workers, c.example),
       'amelding_inntekt', c.example
FROM (
    SELECT opplysningspliktig, kalendermaaned, count(*) AS impossible,
           min(person_id) AS example
    FROM flagged GROUP BY opplysningspliktig, kalendermaaned
) c
JOIN (
    SELECT opplysningspliktig, kalendermaaned, count(DISTINCT person_id) AS workers
    FROM ind_person_month SEMI JOIN flagged USING (opplysningspliktig, kalendermaaned)
    GROUP BY ALL
) w USING (opplysningspliktig, kalendermaaned)
WHERE c.impossible >= $min_share_of_workers * w.workers
