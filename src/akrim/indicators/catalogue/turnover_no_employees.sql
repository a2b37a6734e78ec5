WITH turnover AS (
    SELECT organisasjonsnummer, count(*) AS terms, avg(mva_grunnlag_oere) AS per_term
    FROM mva_termin WHERE valid_to IS NULL AND mva_grunnlag_oere IS NOT NULL
    GROUP BY organisasjonsnummer
)
SELECT 'company' AS actor_type, u.organisasjonsnummer AS actor_id, NULL AS period,
       format('{} kr i snitt per termin over {} terminer, ingen lønn i a-meldingen',
              CAST(t.per_term / 100 AS BIGINT), t.terms) AS detail,
       'mva_termin' AS source_table, u.organisasjonsnummer AS source_key
FROM turnover t
JOIN ind_unit u USING (organisasjonsnummer)
WHERE list_contains(u.industry_groups, 'labour_intensive')
  AND u.organisasjonsform <> 'ENK'
  AND t.terms >= $min_terms AND t.per_term >= $min_turnover_per_term_oere
  AND u.organisasjonsnummer NOT IN (SELECT organisasjonsnummer FROM ind_employer)
