WITH needs AS (
    SELECT DISTINCT units.orgnr, g.register
    FROM (SELECT DISTINCT opplysningspliktig AS orgnr, unnest([opplysningspliktig, virksomhet])
              AS unit
          FROM ind_person_month) units
    JOIN ind_unit u ON u.organisasjonsnummer = units.unit
    JOIN (VALUES ('cleaning', 'renhold'), ('carcare', 'bilpleie'), ('staffing', 'bemanning'))
        AS g(industry_group, register) ON list_contains(u.industry_groups, g.industry_group)
    -- a register not loaded says nothing about the firms of its industry
    WHERE g.register IN (SELECT DISTINCT register FROM godkjenning)
)
SELECT 'company' AS actor_type, n.orgnr AS actor_id, NULL AS period,
       format('ansatte i a-meldingen, {}-registeret: {}', n.register,
              coalesce(a.status, 'ikke registrert')) AS detail,
       'godkjenning' AS source_table, n.register || ':' || n.orgnr AS source_key
FROM needs n
LEFT JOIN (SELECT register, coalesce(overordnet_enhet, organisasjonsnummer) AS orgnr,
                  max(status = 'Godkjent') AS approved, max(status) AS status
           FROM godkjenning WHERE valid_to IS NULL GROUP BY ALL) a
       ON a.register = n.register AND a.orgnr = n.orgnr
WHERE NOT coalesce(a.approved, FALSE)
