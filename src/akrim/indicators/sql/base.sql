-- Shared views for the indicators. ind_industry (group_name, prefix) and ind_region are
-- written from config.yaml by the runner before this runs.

-- The a-melding window: the newest month loaded and the months before it.
CREATE OR REPLACE TEMP TABLE ind_window AS
SELECT max(kalendermaaned) AS last_month,
       strftime(CAST(max(kalendermaaned) || '-01' AS DATE)
                - to_months(CAST($window_months AS INTEGER) - 1), '%Y-%m') AS first_month
FROM amelding_leveranse WHERE valid_to IS NULL;

-- Current units (enheter and underenheter) with their industry groups.
CREATE OR REPLACE TEMP TABLE ind_unit AS
WITH units AS (
    SELECT organisasjonsnummer, navn, organisasjonsform, naeringskode1, kommunenummer,
           registreringsdato, konkurs, konkursdato, adresse, postnummer, NULL AS overordnet_enhet
    FROM enhet WHERE valid_to IS NULL
    UNION ALL
    SELECT organisasjonsnummer, navn, organisasjonsform, naeringskode1, kommunenummer,
           registreringsdato, FALSE, NULL, adresse, postnummer, overordnet_enhet
    FROM underenhet WHERE valid_to IS NULL
)
SELECT u.*, list_distinct(list(i.group_name) FILTER (WHERE i.group_name IS NOT NULL))
           AS industry_groups
FROM units u LEFT JOIN ind_industry i ON starts_with(u.naeringskode1, i.prefix)
GROUP BY ALL;

-- Hours and pay per person, employer and month. Reported hours are the `antall` of hourly pay
-- and overtime lines; salaried work counts its contracted hours (stillingsprosent of the
-- full-time week, times 52/12) for the share of the month's days the arbeidsforhold runs
-- (from startdato to sluttdato): in the month of a change of job the old and the new position
-- are each counted for their own days, not both for the whole month.
CREATE OR REPLACE TEMP TABLE ind_person_month AS
WITH lines AS (
    SELECT i.opplysningspliktig, i.virksomhet, i.inntektsmottaker, i.kalendermaaned,
           sum(i.antall) FILTER (WHERE i.beskrivelse IN ('timeloenn', 'overtidsgodtgjoerelse'))
               AS reported_hours,
           sum(i.antall) FILTER (WHERE i.beskrivelse = 'timeloenn') AS hourly_hours,
           sum(i.beloep_oere) FILTER (WHERE i.beskrivelse = 'timeloenn') AS hourly_pay_oere,
           bool_or(i.beskrivelse = 'fastloenn') AS salaried
    FROM amelding_inntekt i, ind_window w
    WHERE i.valid_to IS NULL AND i.kalendermaaned BETWEEN w.first_month AND w.last_month
    GROUP BY ALL
), contracted AS (
    SELECT opplysningspliktig, virksomhet, inntektsmottaker, kalendermaaned,
           sum(CAST(timer_per_uke_full_stilling * stillingsprosent / 100 * 52 / 12
                    * (date_diff('day', greatest(month_start, coalesce(startdato, month_start)),
                                 least(month_end, coalesce(sluttdato, month_end))) + 1)
                    / (date_diff('day', month_start, month_end) + 1)
                    AS DECIMAL(12, 2))) AS contracted_hours
    FROM (SELECT *, CAST(kalendermaaned || '-01' AS DATE) AS month_start,
                 last_day(CAST(kalendermaaned || '-01' AS DATE)) AS month_end
          FROM amelding_arbeidsforhold WHERE valid_to IS NULL)
    WHERE coalesce(startdato, month_start) <= month_end
      AND coalesce(sluttdato, month_end) >= month_start
    GROUP BY ALL
)
SELECT l.*, coalesce(pa.person_id, l.inntektsmottaker) AS person_id,
       CAST(coalesce(l.reported_hours, 0)
            + CASE WHEN l.salaried THEN coalesce(c.contracted_hours, 0) ELSE 0 END
            AS DECIMAL(12, 2)) AS hours
FROM lines l
LEFT JOIN contracted c USING (opplysningspliktig, virksomhet, inntektsmottaker, kalendermaaned)
LEFT JOIN person_alias pa ON pa.identifikator = l.inntektsmottaker;

-- Employers in the window (the population of most company indicators).
CREATE OR REPLACE TEMP TABLE ind_employer AS
SELECT DISTINCT opplysningspliktig AS organisasjonsnummer FROM ind_person_month
;

-- The two-month VAT terms (Skatteetaten's termin names) of the a-melding months loaded, and
-- the terms whose two months are both loaded.
CREATE OR REPLACE TEMP TABLE ind_term_month AS
SELECT DISTINCT l.kalendermaaned, substr(l.kalendermaaned, 1, 4) AS aar,
       ['jan-feb', 'mar-apr', 'mai-jun', 'jul-aug', 'sep-okt', 'nov-des'][
           (CAST(substr(l.kalendermaaned, 6, 2) AS INTEGER) + 1) // 2] AS termin
FROM amelding_leveranse l, ind_window w
WHERE l.valid_to IS NULL AND l.kalendermaaned BETWEEN w.first_month AND w.last_month;

CREATE OR REPLACE TEMP TABLE ind_term_covered AS
SELECT aar, termin FROM ind_term_month GROUP BY ALL HAVING count(*) = 2
