-- One evidence row per employer, place of business, worker and month whose hourly pay is below
-- the lowest minimum rate that can apply to the worker: of every industry group of the place
-- of business, of every category whose ages hold the worker's age, in force on the rate day.
-- Categories the a-melding cannot show (skilled, experience, weeks employed, trainee) are not
-- guessed, so the lowest of them counts. Age is Folkeregisteret's birth date, else the one the
-- identifier encodes; a worker of unknown age has every age band's rates.
-- The rate day is the month's first day, or the start of the earning period of the month's
-- hourly pay when that is earlier: pay in arrears is judged by the rate when the work was done.
WITH rates AS (
    SELECT *, lead(valid_from) OVER (PARTITION BY industry_group, category ORDER BY valid_from)
                  AS valid_until
    FROM ind_minimum_wage
), earned AS (
    SELECT i.opplysningspliktig, i.virksomhet, i.inntektsmottaker, i.kalendermaaned,
           min(i.startdato_opptjening) AS earned_from
    FROM amelding_inntekt i, ind_window w
    WHERE i.valid_to IS NULL AND i.beskrivelse = 'timeloenn'
      AND i.startdato_opptjening IS NOT NULL
      AND i.kalendermaaned BETWEEN w.first_month AND w.last_month
    GROUP BY ALL
), numbered AS (
    -- The birth date a fødselsnummer or d-number encodes, for workers Folkeregisteret does not
    -- date: the rule of akrim.ids.century. "% 40" takes off the d-number's day + 40 and the
    -- h-number's (+ 40) or test number's (+ 80) month; a first digit 8 or 9 is no birth date.
    SELECT inntektsmottaker,
           try_strptime(printf('%04d-%02d-%02d',
                               CASE WHEN individual < 500 THEN 1900
                                    WHEN individual < 750 AND yy >= 54 THEN 1800
                                    WHEN yy < 40 THEN 2000
                                    WHEN individual >= 900 THEN 1900 END + yy,
                               mm, dd), '%Y-%m-%d') AS born
    FROM (SELECT inntektsmottaker,
                 CAST(substr(inntektsmottaker, 1, 2) AS INTEGER) % 40 AS dd,
                 CAST(substr(inntektsmottaker, 3, 2) AS INTEGER) % 40 AS mm,
                 CAST(substr(inntektsmottaker, 5, 2) AS INTEGER) AS yy,
                 CAST(substr(inntektsmottaker, 7, 3) AS INTEGER) AS individual
          FROM (SELECT DISTINCT inntektsmottaker FROM ind_person_month)
          WHERE regexp_full_match(inntektsmottaker, '[0-7][0-9]{10}'))
), judged AS (
    SELECT pm.opplysningspliktig, coalesce(pm.virksomhet, pm.opplysningspliktig) AS unit,
           pm.inntektsmottaker, pm.kalendermaaned, pm.hourly_hours, pm.hourly_pay_oere,
           least(CAST(pm.kalendermaaned || '-01' AS DATE), e.earned_from) AS rate_day,
           CAST(coalesce(try_strptime(lp.fodselsdato, '%Y%m%d'), n.born) AS DATE) AS born
    FROM ind_person_month pm
    LEFT JOIN earned e
           ON e.opplysningspliktig = pm.opplysningspliktig
          AND e.virksomhet IS NOT DISTINCT FROM pm.virksomhet
          AND e.inntektsmottaker = pm.inntektsmottaker AND e.kalendermaaned = pm.kalendermaaned
    LEFT JOIN link_person lp ON lp.person_id = pm.person_id
    LEFT JOIN numbered n ON n.inntektsmottaker = pm.inntektsmottaker
    WHERE pm.hourly_hours > 0
), aged AS (
    SELECT *, date_sub('year', born, rate_day) AS age FROM judged
), lowest AS (
    SELECT a.opplysningspliktig, a.unit, a.inntektsmottaker, a.kalendermaaned, a.hourly_hours,
           a.hourly_pay_oere, a.rate_day, a.age,
           arg_min({'rate': r.rate_oere_per_hour, 'industry_group': r.industry_group,
                    'category': r.category, 'valid_from': r.valid_from},
                   (r.rate_oere_per_hour, r.industry_group, r.category)) AS r
    FROM aged a
    JOIN ind_unit u ON u.organisasjonsnummer = a.unit
    JOIN rates r ON list_contains(u.industry_groups, r.industry_group)
                AND a.rate_day >= r.valid_from
                AND (r.valid_until IS NULL OR a.rate_day < r.valid_until)
                AND (a.age IS NULL
                     OR (a.age >= r.min_age AND (r.max_age IS NULL OR a.age < r.max_age)))
    GROUP BY ALL
)
SELECT 'company' AS actor_type, opplysningspliktig AS actor_id, kalendermaaned AS period,
       printf('%.2f t timelønn for %.2f kr = %.2f kr/t, minstelønn %.2f kr/t (%s %s fra %s; '
              || 'satsdag %s, alder %s)', hourly_hours, hourly_pay_oere / 100,
              hourly_pay_oere / hourly_hours / 100, r.rate / 100, r.industry_group, r.category,
              r.valid_from, rate_day, coalesce(CAST(age AS VARCHAR), 'ukjent'))
           AS detail,
       'amelding_inntekt' AS source_table, inntektsmottaker AS source_key
FROM lowest
WHERE hourly_pay_oere < r.rate * hourly_hours
