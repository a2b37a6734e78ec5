WITH staff AS (
    SELECT DISTINCT pm.opplysningspliktig AS orgnr, pm.inntektsmottaker
    FROM ind_person_month pm, ind_window w
    JOIN ind_unit u ON u.organisasjonsnummer = pm.opplysningspliktig
    WHERE pm.kalendermaaned = w.last_month
      AND (list_contains(u.industry_groups, 'construction')
           OR list_contains(u.industry_groups, 'cleaning')
           OR list_contains(u.industry_groups, 'van_transport'))
), carded AS (
    SELECT s.orgnr, count(*) AS employees,
           count(*) FILTER (WHERE h.kortnummer IS NULL) AS without_card
    FROM staff s
    LEFT JOIN hms_kort h ON h.valid_to IS NULL AND h.identifikasjonsnummer = s.inntektsmottaker
                        AND h.arbeidsgiver = s.orgnr AND coalesce(h.status, '') <> 'Sperret'
                        AND (h.gyldig_til IS NULL OR h.gyldig_til >= CAST($as_of AS DATE) - 31)
    GROUP BY s.orgnr
)
SELECT 'company' AS actor_type, orgnr AS actor_id, NULL AS period,
       format('{} av {} ansatte uten gyldig HMS-kort', without_card, employees) AS detail,
       'hms_kort' AS source_table, orgnr AS source_key
FROM carded
WHERE employees >= $min_employees
  AND without_card >= CAST($min_share_without_card AS DOUBLE) * employees
