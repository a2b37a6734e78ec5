-- Terms whose VAT basis needs more work than the company's own people can do, in a
-- labour-intensive industry, at a company no one is paid by in the a-melding. The work a term's
-- turnover needs: turnover x labour share / labour cost per hour; what the owners can do: each
-- person in a leading role working the lawful average week for the whole term (at least one
-- person, when the roles are not loaded). Compared in whole numbers: percent, øre and hours.
WITH owners AS (
    SELECT substr(dst, 3) AS organisasjonsnummer, count(DISTINCT src) AS owners
    FROM net_edge
    WHERE kind = 'role' AND valid_to IS NULL AND src LIKE 'p:%'
      AND rolle IN (SELECT unnest($owner_roles))
    GROUP BY ALL
), terms AS (
    SELECT m.organisasjonsnummer, m.mva_grunnlag_oere, greatest(coalesce(o.owners, 0), 1) AS owners
    FROM mva_termin m LEFT JOIN owners o USING (organisasjonsnummer)
    WHERE m.valid_to IS NULL AND m.mva_grunnlag_oere IS NOT NULL
), beyond AS (
    SELECT organisasjonsnummer, owners, count(*) AS terms, avg(mva_grunnlag_oere) AS per_term
    FROM terms
    WHERE mva_grunnlag_oere * $labour_share_percent
          > owners * $owner_hours_per_term * $labour_cost_oere_per_hour * 100
    GROUP BY ALL
    HAVING count(*) >= $min_terms
)
SELECT 'company' AS actor_type, u.organisasjonsnummer AS actor_id, NULL AS period,
       format('{} terminer med i snitt {} kr i mva-grunnlag: mer arbeid enn {} person(er) i '
              || 'ledelsen kan gjøre ({} timer per termin hver), ingen lønn i a-meldingen',
              b.terms, CAST(b.per_term / 100 AS BIGINT), b.owners, $owner_hours_per_term)
           AS detail,
       'mva_termin' AS source_table, u.organisasjonsnummer AS source_key
FROM beyond b
JOIN ind_unit u USING (organisasjonsnummer)
WHERE list_contains(u.industry_groups, 'labour_intensive')
  AND u.organisasjonsnummer NOT IN (SELECT organisasjonsnummer FROM ind_employer)
