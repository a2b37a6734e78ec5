-- One identity doing more than one person's work, reported by at least $min_employers
-- employers: more hours in a month than max_hours_per_day on each of working_days_per_week days
-- in seven (compared times 7, so exactly, without fractions); or full-time work (at least
-- full_time_hours_per_week, times 52/12, at each) for two or more employers at once, in two
-- consecutive months (one month of two is a change of job).
WITH per_employer AS (
    SELECT person_id, kalendermaaned, opplysningspliktig, sum(hours) AS hours
    FROM ind_person_month GROUP BY ALL
), candidates AS (
    -- only persons with several employers in a month can qualify
    SELECT DISTINCT person_id FROM per_employer
    GROUP BY person_id, kalendermaaned HAVING count(*) >= $min_employers
), person_months AS (
    SELECT person_id, kalendermaaned, count(*) AS employers, sum(hours) AS hours,
           list(opplysningspliktig ORDER BY opplysningspliktig) AS orgs,
           count(*) FILTER (WHERE hours * 12 >= CAST($full_time_hours_per_week AS DECIMAL(12, 2))
                                              * 52) AS full_time,
           day(last_day(CAST(kalendermaaned || '-01' AS DATE))) AS days
    FROM per_employer SEMI JOIN candidates USING (person_id)
    GROUP BY person_id, kalendermaaned
    HAVING count(*) >= $min_employers
), months AS (
    SELECT m.*, m.hours * 7 > CAST($max_hours_per_day AS DECIMAL(12, 2))
                              * $working_days_per_week * m.days AS beyond_days
    FROM person_months m
    LEFT JOIN person_months p ON p.person_id = m.person_id
     AND p.kalendermaaned = strftime(CAST(m.kalendermaaned || '-01' AS DATE)
                                     - INTERVAL 1 MONTH, '%Y-%m')
    LEFT JOIN person_months n ON n.person_id = m.person_id
     AND n.kalendermaaned = strftime(CAST(m.kalendermaaned || '-01' AS DATE)
                                     + INTERVAL 1 MONTH, '%Y-%m')
    WHERE m.hours * 7 > CAST($max_hours_per_day AS DECIMAL(12, 2)) * $working_days_per_week
                        * m.days
       OR (m.full_time >= 2 AND (p.full_time >= 2 OR n.full_time >= 2))
), flagged AS (
    SELECT unnest(orgs) AS opplysningspliktig, kalendermaaned, person_id FROM months
)
SELECT 'person' AS actor_type, person_id AS actor_id, kalendermaaned AS period,
       CASE WHEN beyond_days
            THEN format('{} timer hos {} arbeidsgivere på én måned: {}', hours, employers,
                        array_to_string(orgs, ', '))
            ELSE format('heltid hos {} arbeidsgivere samtidig, {} timer på én måned: {}',
                        full_time, hours, array_to_string(orgs, ', ')) END
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
