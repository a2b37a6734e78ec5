WITH hourly AS (
    SELECT opplysningspliktig, hourly_hours, hourly_pay_oere,
           count(DISTINCT inntektsmottaker) AS workers, count(DISTINCT kalendermaaned) AS months
    FROM ind_person_month WHERE hourly_hours > 0
    GROUP BY ALL
), employers AS (
    SELECT opplysningspliktig, count(DISTINCT (hourly_hours, hourly_pay_oere)) AS patterns
    FROM ind_person_month WHERE hourly_hours > 0 GROUP BY ALL
)
SELECT 'company' AS actor_type, h.opplysningspliktig AS actor_id, NULL AS period,
       format('{} timelønnede med nøyaktig {} timer og {} kr i {} måneder', h.workers,
              h.hourly_hours, h.hourly_pay_oere // 100, h.months) AS detail,
       'amelding_inntekt' AS source_table, h.opplysningspliktig AS source_key
FROM hourly h JOIN employers e USING (opplysningspliktig)
WHERE h.workers >= $min_workers AND h.months >= $min_months AND e.patterns = 1
