-- One evidence row per employer, worker and month paid below the regulation's rate.
WITH rates AS (
    SELECT industry_group, valid_from, rate_oere_per_hour,
           lead(valid_from) OVER (PARTITION BY industry_group ORDER BY valid_from) AS valid_until
    FROM ind_minimum_wage
)
SELECT 'company' AS actor_type, pm.opplysningspliktig AS actor_id, pm.kalendermaaned AS period,
       format('{} t timelønn for {} kr = {} kr/t, minstelønn {} kr/t ({})', pm.hourly_hours,
              pm.hourly_pay_oere / 100, round(pm.hourly_pay_oere / pm.hourly_hours / 100, 2),
              r.rate_oere_per_hour / 100, r.industry_group) AS detail,
       'amelding_inntekt' AS source_table, pm.inntektsmottaker AS source_key
FROM ind_person_month pm
JOIN ind_unit u ON u.organisasjonsnummer = coalesce(pm.virksomhet, pm.opplysningspliktig)
JOIN rates r ON list_contains(u.industry_groups, r.industry_group)
            AND CAST(pm.kalendermaaned || '-01' AS DATE) >= r.valid_from
            AND (r.valid_until IS NULL OR CAST(pm.kalendermaaned || '-01' AS DATE) < r.valid_until)
WHERE pm.hourly_hours > 0
  AND pm.hourly_pay_oere < r.rate_oere_per_hour * pm.hourly_hours
