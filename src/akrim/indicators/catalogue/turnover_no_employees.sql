-- Terms whose VAT basis needs more work than the company's people can do, in a labour-intensive
-- industry. The work a term's turnover needs: turnover x labour share / labour cost per hour.
-- The work its people can do: each person in a leading role working the lawful average week
-- for the whole term (at least one person, when the roles are not loaded), plus the hours the
-- a-melding reports for its employees in the term's two months. Only terms whose two months
-- are both in the a-melding are judged. Compared in whole numbers: percent, øre and hours.
WITH owners AS (
    SELECT substr(dst, 3) AS organisasjonsnummer, count(DISTINCT src) AS owners
    FROM net_edge
    WHERE kind = 'role' AND valid_to IS NULL AND src LIKE 'p:%'
      AND rolle IN (SELECT unnest($owner_roles))
    GROUP BY ALL
), staff AS (
    SELECT m.opplysningspliktig AS organisasjonsnummer, t.aar, t.termin, sum(m.hours) AS hours
    FROM ind_person_month m JOIN ind_term_month t USING (kalendermaaned)
    GROUP BY ALL
), terms AS (
    SELECT m.organisasjonsnummer, m.mva_grunnlag_oere,
           greatest(coalesce(o.owners, 0), 1) AS owners, coalesce(s.hours, 0) AS staff_hours
    FROM mva_termin m
    SEMI JOIN ind_term_covered c USING (aar, termin)
    LEFT JOIN owners o USING (organisasjonsnummer)
    LEFT JOIN staff s USING (organisasjonsnummer, aar, termin)
    WHERE m.valid_to IS NULL AND m.mva_grunnlag_oere IS NOT NULL
), beyond AS (
    SELECT organisasjonsnummer, owners, count(*) AS terms, avg(mva_grunnlag_oere) AS per_term,
           avg(staff_hours) AS staff_hours
    FROM terms
    WHERE mva_grunnlag_oere * $labour_share_percent
          > (owners * $owner_hours_per_term + staff_hours) * $labour_cost_oere_per_hour * 100
    GROUP BY ALL
    HAVING count(*) >= $min_terms
)
SELECT 'company' AS actor_type, u.organisasjonsnummer AS actor_id, NULL AS period,
       format('{} terminer med i snitt {} kr i mva-grunnlag: mer arbeid enn {} person(er) i '
              || 'ledelsen ({} timer per termin hver) og {} ansattimer per termin kan gjøre',
              b.terms, CAST(b.per_term / 100 AS BIGINT), b.owners, $owner_hours_per_term,
              CAST(round(b.staff_hours) AS BIGINT)) AS detail,
       'mva_termin' AS source_table, u.organisasjonsnummer AS source_key
FROM beyond b
JOIN ind_unit u USING (organisasjonsnummer)
WHERE list_contains(u.industry_groups, 'labour_intensive')
