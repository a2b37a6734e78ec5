-- Terms whose VAT return shows more work than the company's people can do, in a
-- labour-intensive industry. The work a term needs: its value added (the turnover less the
-- purchases whose input VAT the return deducts) x the labour share of value added / labour cost
-- per hour; when the return gives no deductions (a plain amount, or the parts without them), the
-- turnover x the labour share of turnover instead. Compared as labour cost: the work its people
-- can do is each person in a leading role working the lawful average week for the whole term
-- (at least one person, when the roles are not loaded) at the labour cost per hour, plus what
-- its employees cost in the term's two months: their a-melding pay, or their hours at the
-- labour cost per hour when that is more. Only terms whose two months are both in the a-melding
-- are judged. Compared in whole numbers: percent, øre and hours; the purchases are the
-- deductions over their rates, so both sides are multiplied by the product of the three rates.
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
), pay AS (
    SELECT i.opplysningspliktig AS organisasjonsnummer, t.aar, t.termin,
           sum(i.beloep_oere) AS pay_oere
    FROM amelding_inntekt i JOIN ind_term_month t USING (kalendermaaned)
    WHERE i.valid_to IS NULL
    GROUP BY ALL
), terms AS (
    SELECT m.organisasjonsnummer, m.mva_grunnlag_oere,
           coalesce(m.fradrag_hoey_oere, m.fradrag_middels_oere, m.fradrag_lav_oere)
               IS NOT NULL AS deducted,
           -- value added x the product of the rates (øre)
           greatest(CAST(m.mva_grunnlag_oere AS HUGEINT) * $rate_hoey_percent
                        * $rate_middels_percent * $rate_lav_percent
                    - 100 * (abs(coalesce(m.fradrag_hoey_oere, 0)) * $rate_middels_percent
                                 * $rate_lav_percent
                             + abs(coalesce(m.fradrag_middels_oere, 0)) * $rate_hoey_percent
                                 * $rate_lav_percent
                             + abs(coalesce(m.fradrag_lav_oere, 0)) * $rate_hoey_percent
                                 * $rate_middels_percent), 0) AS value_added_x,
           greatest(coalesce(o.owners, 0), 1) AS owners, coalesce(s.hours, 0) AS staff_hours,
           -- what the term's people can do, as labour cost (øre)
           greatest(coalesce(o.owners, 0), 1) * $owner_hours_per_term * $labour_cost_oere_per_hour
           + greatest(coalesce(s.hours, 0) * $labour_cost_oere_per_hour, coalesce(y.pay_oere, 0))
               AS capacity_oere
    FROM mva_termin m
    SEMI JOIN ind_term_covered c USING (aar, termin)
    LEFT JOIN owners o USING (organisasjonsnummer)
    LEFT JOIN staff s USING (organisasjonsnummer, aar, termin)
    LEFT JOIN pay y USING (organisasjonsnummer, aar, termin)
    WHERE m.valid_to IS NULL AND m.mva_grunnlag_oere IS NOT NULL
), beyond AS (
    SELECT organisasjonsnummer, owners, count(*) AS terms, avg(mva_grunnlag_oere) AS per_term,
           avg(value_added_x) FILTER (WHERE deducted)
               / ($rate_hoey_percent * $rate_middels_percent * $rate_lav_percent)
               AS value_added_per_term,
           avg(staff_hours) AS staff_hours
    FROM terms
    WHERE CASE WHEN deducted
               THEN value_added_x * $labour_share_of_value_added_percent
                    > capacity_oere * 100 * $rate_hoey_percent * $rate_middels_percent
                      * $rate_lav_percent
               ELSE mva_grunnlag_oere * $labour_share_percent > capacity_oere * 100 END
    GROUP BY ALL
    HAVING count(*) >= $min_terms
)
SELECT 'company' AS actor_type, u.organisasjonsnummer AS actor_id, NULL AS period,
       format('{} terminer med i snitt {} kr i mva-grunnlag{}: mer arbeid enn {} person(er) i '
              || 'ledelsen ({} timer per termin hver) og {} ansattimer per termin kan gjøre',
              b.terms, CAST(b.per_term / 100 AS BIGINT),
              CASE WHEN b.value_added_per_term IS NOT NULL
                   THEN format(' og {} kr i verdiskaping (fratrukket innkjøp med fradragsført '
                               || 'inngående mva)',
                               CAST(b.value_added_per_term / 100 AS BIGINT)) ELSE '' END,
              b.owners, $owner_hours_per_term, CAST(round(b.staff_hours) AS BIGINT)) AS detail,
       'mva_termin' AS source_table, u.organisasjonsnummer AS source_key
FROM beyond b
JOIN ind_unit u USING (organisasjonsnummer)
WHERE list_contains(u.industry_groups, 'labour_intensive')
