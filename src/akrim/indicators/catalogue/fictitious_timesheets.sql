-- Timesheets without the variation real work has: at an employer with at least $min_workers
-- hourly workers over at least $min_months months, either every month's hours are one figure
-- for all its hourly workers (one timesheet copied for all, the figure may change from month
-- to month), or each worker's hours are one figure in every month (a fixed sheet per worker).
-- Real hours differ between people and between months (working days, sickness, overtime).
WITH hourly AS (
    SELECT opplysningspliktig, person_id, kalendermaaned, sum(hourly_hours) AS hours
    FROM ind_person_month WHERE hourly_hours > 0
    GROUP BY ALL
), employers AS (
    SELECT opplysningspliktig, count(DISTINCT person_id) AS workers,
           count(DISTINCT kalendermaaned) AS months
    FROM hourly GROUP BY ALL
    HAVING count(DISTINCT person_id) >= $min_workers
       AND count(DISTINCT kalendermaaned) >= $min_months
), copied AS (
    SELECT opplysningspliktig FROM (
        SELECT opplysningspliktig, kalendermaaned, count(DISTINCT hours) AS figures
        FROM hourly GROUP BY ALL)
    GROUP BY opplysningspliktig HAVING max(figures) = 1
), fixed AS (
    SELECT opplysningspliktig FROM (
        SELECT opplysningspliktig, person_id, count(DISTINCT hours) AS figures,
               count(*) AS months
        FROM hourly GROUP BY ALL)
    GROUP BY opplysningspliktig
    HAVING max(figures) = 1 AND min(months) >= $min_months
)
SELECT 'company' AS actor_type, e.opplysningspliktig AS actor_id, NULL AS period,
       format('{} timelønnede i {} måneder: {}', e.workers, e.months,
              CASE WHEN e.opplysningspliktig IN (SELECT opplysningspliktig FROM copied)
                   THEN 'samme timetall for alle hver måned'
                   ELSE 'hver har samme timetall hver måned' END) AS detail,
       'amelding_inntekt' AS source_table, e.opplysningspliktig AS source_key
FROM employers e
WHERE e.opplysningspliktig IN (SELECT opplysningspliktig FROM copied)
   OR e.opplysningspliktig IN (SELECT opplysningspliktig FROM fixed)
