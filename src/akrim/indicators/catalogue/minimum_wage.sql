-- One evidence row per employer, place of business, worker, month and kind of pay whose pay per
-- hour is below the lowest minimum rate that can apply to the worker: of every industry group
-- of the place of business, of every category whose ages hold the worker's age, in force on the
-- rate day. Categories the a-melding cannot show (skilled, experience, weeks employed, trainee)
-- are not guessed, so the lowest of them counts. Age is Folkeregisteret's birth date, else the
-- one the identifier encodes; a worker of unknown age has every age band's rates.
-- Two kinds of pay, each judged against its own hours: hourly pay (timeloenn) against the hours
-- it reports, and a monthly salary (fastloenn) against the hours of the positions it pays
-- (stillingsprosent of the full-time week, times 52/12). A salary is judged only for a whole
-- month of known positions: a part month has no exact hours to prorate by.
-- The rate day is the month's first day, or the start of the earning period of the month's
-- lines of that kind when that is earlier: pay in arrears is judged by the rate when the work
-- was done.
WITH rates AS (
    SELECT *, lead(valid_from) OVER (PARTITION BY industry_group, category ORDER BY valid_from)
                  AS valid_until
    FROM ind_minimum_wage
), employment AS (
    -- Each arbeidsforhold of a month once (each of the month's messages may repeat it): its
    -- week as stillingsprosent x 100 times full-time hours x 100, whole numbers (the smaller
    -- where versions differ; NULL when either is missing or zero), and whether it ran the whole
    -- month (a start date is required in the a-melding: without one, the month is not whole).
    SELECT a.opplysningspliktig, a.virksomhet, a.inntektsmottaker, a.kalendermaaned,
           a.arbeidsforhold_id,
           min(CAST(a.stillingsprosent * 100 AS HUGEINT)
               * CAST(a.timer_per_uke_full_stilling * 100 AS HUGEINT))
               FILTER (WHERE a.stillingsprosent > 0 AND a.timer_per_uke_full_stilling > 0)
               AS week_share,
           bool_and(coalesce(a.startdato <= CAST(a.kalendermaaned || '-01' AS DATE)
                             AND (a.sluttdato IS NULL
                                  OR a.sluttdato >= last_day(CAST(a.kalendermaaned || '-01'
                                                                  AS DATE))), FALSE))
               AS whole_month
    FROM amelding_arbeidsforhold a, ind_window w
    WHERE a.valid_to IS NULL AND a.kalendermaaned BETWEEN w.first_month AND w.last_month
    GROUP BY ALL
), sole AS (
    SELECT opplysningspliktig, virksomhet, inntektsmottaker, kalendermaaned,
           any_value(arbeidsforhold_id) AS arbeidsforhold_id
    FROM employment
    GROUP BY ALL HAVING count(*) = 1
), lines AS (
    -- A salary line pays the arbeidsforhold it names, else the worker's only one at the place
    -- of business that month. Hours in hundredths, so they stay whole numbers.
    SELECT i.opplysningspliktig, i.virksomhet, i.inntektsmottaker, i.kalendermaaned,
           i.beskrivelse,
           CASE WHEN i.beskrivelse = 'fastloenn'
                THEN coalesce(i.arbeidsforhold_id, s.arbeidsforhold_id) END AS arbeidsforhold_id,
           sum(i.beloep_oere) AS pay_oere, sum(CAST(i.antall * 100 AS HUGEINT)) AS hundredths,
           min(i.startdato_opptjening) AS earned_from
    FROM amelding_inntekt i
    JOIN ind_window w ON i.kalendermaaned BETWEEN w.first_month AND w.last_month
    LEFT JOIN sole s
           ON s.opplysningspliktig = i.opplysningspliktig AND s.virksomhet = i.virksomhet
          AND s.inntektsmottaker = i.inntektsmottaker AND s.kalendermaaned = i.kalendermaaned
    WHERE i.valid_to IS NULL AND i.beskrivelse IN ('timeloenn', 'fastloenn')
    GROUP BY ALL
), paid AS (
    -- The hours as the fraction hours_num / hours_den, so `pay x den < rate x num` compares
    -- whole numbers: reported hours are hundredths / 100; contracted hours are
    -- (pct x 100) x (week x 100) / 10^6 x 52/12 = week_share x 13 / 3 000 000.
    SELECT l.opplysningspliktig, l.virksomhet, l.inntektsmottaker, l.kalendermaaned,
           l.beskrivelse, sum(l.pay_oere) AS pay_oere, min(l.earned_from) AS earned_from,
           CASE l.beskrivelse WHEN 'timeloenn' THEN sum(l.hundredths)
                ELSE sum(e.week_share) * 13 END AS hours_num,
           CASE l.beskrivelse WHEN 'timeloenn' THEN 100 ELSE 3000000 END AS hours_den,
           bool_and(l.beskrivelse = 'timeloenn'
                    OR coalesce(e.whole_month AND e.week_share IS NOT NULL, FALSE)) AS known
    FROM lines l
    LEFT JOIN employment e
           ON e.opplysningspliktig = l.opplysningspliktig AND e.virksomhet = l.virksomhet
          AND e.inntektsmottaker = l.inntektsmottaker AND e.kalendermaaned = l.kalendermaaned
          AND e.arbeidsforhold_id = l.arbeidsforhold_id
    GROUP BY l.opplysningspliktig, l.virksomhet, l.inntektsmottaker, l.kalendermaaned,
             l.beskrivelse
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
          FROM (SELECT DISTINCT inntektsmottaker FROM paid)
          WHERE regexp_full_match(inntektsmottaker, '[0-7][0-9]{10}'))
), judged AS (
    SELECT p.opplysningspliktig, p.virksomhet AS unit, p.inntektsmottaker, p.kalendermaaned,
           p.beskrivelse, p.pay_oere, p.hours_num, p.hours_den,
           least(CAST(p.kalendermaaned || '-01' AS DATE), p.earned_from) AS rate_day,
           CAST(coalesce(try_strptime(lp.fodselsdato, '%Y%m%d'), n.born) AS DATE) AS born
    FROM paid p
    LEFT JOIN person_alias pa ON pa.identifikator = p.inntektsmottaker
    LEFT JOIN link_person lp ON lp.person_id = coalesce(pa.person_id, p.inntektsmottaker)
    LEFT JOIN numbered n ON n.inntektsmottaker = p.inntektsmottaker
    WHERE p.known AND p.hours_num > 0
), aged AS (
    SELECT *, date_sub('year', born, rate_day) AS age FROM judged
), lowest AS (
    SELECT a.opplysningspliktig, a.unit, a.inntektsmottaker, a.kalendermaaned, a.beskrivelse,
           a.pay_oere, a.hours_num, a.hours_den, a.rate_day, a.age,
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
       CASE beskrivelse
            WHEN 'timeloenn' THEN printf('%.2f t timelønn for %.2f kr', hours_num / hours_den,
                                         pay_oere / 100)
            ELSE printf('fastlønn %.2f kr for %.2f avtalte timer', pay_oere / 100,
                        hours_num / hours_den) END
       || printf(' = %.2f kr/t, minstelønn %.2f kr/t (%s %s fra %s; satsdag %s, alder %s)',
                 pay_oere * hours_den / hours_num / 100, r.rate / 100, r.industry_group,
                 r.category, r.valid_from, rate_day, coalesce(CAST(age AS VARCHAR), 'ukjent'))
           AS detail,
       'amelding_inntekt' AS source_table, inntektsmottaker AS source_key
FROM lowest
-- Short by a whole øre or more: pay is made in øre, so a rate x hours with a fraction of an øre
-- (239.61 kr x 162.5 h = 38 936.625 kr) is met whichever way the payroll rounds it.
WHERE (CAST(pay_oere AS HUGEINT) + 1) * hours_den <= r.rate * hours_num
