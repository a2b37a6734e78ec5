-- One identity doing more than one person's work, reported by at least $min_employers
-- employers: more hours in a month than max_hours_per_day on each of working_days_per_week days
-- in seven (compared times 7, so exactly, without fractions); or, in two consecutive months at
-- several employers, more than average_hours_per_week on average over the two months (at least
-- eight weeks, the averaging period of arbeidsmiljøloven § 10-6 (8)) of which at least
-- side_job_hours_per_week are at employers other than the largest: more than a job and a side
-- job (one month of it is a change of job).
WITH per_employer AS (
    SELECT person_id, kalendermaaned, opplysningspliktig, sum(hours) AS hours
    FROM ind_person_month GROUP BY ALL
), candidates AS (
    -- only persons with several employers in a month can qualify
    SELECT DISTINCT person_id FROM per_employer
    GROUP BY person_id, kalendermaaned HAVING count(*) >= $min_employers
), person_months AS (
    SELECT person_id, kalendermaaned, count(*) AS employers, sum(hours) AS hours,
           sum(hours) - max(hours) AS beside_largest,
           list(opplysningspliktig ORDER BY opplysningspliktig) AS orgs,
           day(last_day(CAST(kalendermaaned || '-01' AS DATE))) AS days
    FROM per_employer SEMI JOIN candidates USING (person_id)
    GROUP BY person_id, kalendermaaned
    HAVING count(*) >= $min_employers
), months AS (
    SELECT m.*, m.hours * 7 > CAST($max_hours_per_day AS DECIMAL(12, 2))
                              * $working_days_per_week * m.days AS beyond_days
    FROM person_months m
    JOIN person_months o ON o.person_id = m.person_id
     AND o.kalendermaaned IN (
         strftime(CAST(m.kalendermaaned || '-01' AS DATE) - INTERVAL 1 MONTH, '%Y-%m'),
         strftime(CAST(m.kalendermaaned || '-01' AS DATE) + INTERVAL 1 MONTH, '%Y-%m'),
         m.kalendermaaned)
    WHERE (o.kalendermaaned = m.kalendermaaned
           AND m.hours * 7 > CAST($max_hours_per_day AS DECIMAL(12, 2)) * $working_days_per_week
                             * m.days)
       OR (o.kalendermaaned <> m.kalendermaaned
           AND (m.hours + o.hours) * 7 > $average_hours_per_week * (m.days + o.days)
           AND (m.beside_largest + o.beside_largest) * 7
               >= $side_job_hours_per_week * (m.days + o.days))
    QUALIFY row_number() OVER (PARTITION BY m.person_id, m.kalendermaaned) = 1
), flagged AS (
    SELECT unnest(orgs) AS opplysningspliktig, kalendermaaned, person_id FROM months
)
SELECT 'person' AS actor_type, person_id AS actor_id, kalendermaaned AS period,
       CASE WHEN beyond_days
            THEN format('{} timer hos {} arbeidsgivere på én måned: {}', hours, employers,
                        array_to_string(orgs, ', '))
            ELSE format('{} timer hos {} arbeidsgivere på én måned, {} av dem utenom den '
                        || 'største; to måneder på rad over {} timer i uken i snitt, over {} av '
                        || 'dem utenom den største: {}', hours, employers, beside_largest,
                        $average_hours_per_week, $side_job_hours_per_week,
                        array_to_string(orgs, ', ')) END
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
