WITH enk AS (
    SELECT u.organisasjonsnummer, u.registreringsdato, a.dst AS address, r.src AS accountant
    FROM ind_unit u
    LEFT JOIN net_edge a ON a.src = 'o:' || u.organisasjonsnummer AND a.kind = 'address'
    LEFT JOIN net_edge r ON r.dst = 'o:' || u.organisasjonsnummer AND r.kind = 'accountant'
    WHERE u.organisasjonsform = 'ENK' AND list_contains(u.industry_groups, 'van_transport')
      AND u.organisasjonsnummer NOT IN (SELECT organisasjonsnummer FROM ind_employer)
), groups AS (
    SELECT 'address' AS via, address AS anchor, organisasjonsnummer, registreringsdato
    FROM enk WHERE address IS NOT NULL
    UNION ALL
    SELECT 'accountant', accountant, organisasjonsnummer, registreringsdato
    FROM enk WHERE accountant IS NOT NULL
), bursts AS (
    -- ENKs registered within the window of at least min_chain - 1 others of the same group.
    SELECT g.via, g.anchor, g.organisasjonsnummer
    FROM groups g JOIN groups o ON o.via = g.via AND o.anchor = g.anchor
     AND abs(date_diff('day', o.registreringsdato, g.registreringsdato))
         <= $max_days_between_registrations
    GROUP BY ALL HAVING count(*) >= $min_chain
), chains AS (
    SELECT via, anchor, list(organisasjonsnummer ORDER BY organisasjonsnummer) AS members
    FROM bursts GROUP BY ALL HAVING count(*) >= $min_chain
), contractors AS (
    SELECT DISTINCT c.via, c.anchor, substr(a.src, 3) AS orgnr
    FROM chains c JOIN net_edge a ON a.dst = c.anchor AND a.kind = 'address'
                                 AND a.src LIKE 'o:%' AND c.via = 'address'
    WHERE NOT list_contains(c.members, substr(a.src, 3))
    UNION
    SELECT DISTINCT c.via, c.anchor, h.arbeidsgiver
    FROM chains c, unnest(c.members) AS m(orgnr)
    JOIN rolle ro ON ro.organisasjonsnummer = m.orgnr AND ro.rolle = 'INNH' AND ro.valid_to IS NULL
    JOIN link_person_record lp ON lp.record_id = 'rolle:' || ro.innehaver
    JOIN link_person_record lh ON lh.person_id = lp.person_id AND lh.source = 'hms_kort'
    JOIN hms_kort h ON 'hms:' || h.kortnummer = lh.record_id AND h.valid_to IS NULL
    WHERE h.arbeidsgiver IS NOT NULL AND NOT list_contains(c.members, h.arbeidsgiver)
)
SELECT DISTINCT 'company' AS actor_type, unnest(members) AS actor_id, NULL AS period,
       format('ett av {} enkeltpersonforetak med samme {}', len(members),
              CASE via WHEN 'address' THEN 'adresse' ELSE 'regnskapsfører' END) AS detail,
       'enhet' AS source_table, anchor AS source_key
FROM chains
UNION ALL
SELECT DISTINCT 'company', k.orgnr, NULL,
       format('oppdragsgiver for en kjede av {} enkeltpersonforetak', len(c.members)),
       'enhet', c.anchor
FROM contractors k JOIN chains c USING (via, anchor)
