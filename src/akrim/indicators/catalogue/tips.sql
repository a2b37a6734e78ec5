-- The company a tip names: by organisation number, else by name and address
-- (link_company_mention); the legal unit (enhet) is the actor. How it was found is evidence.
SELECT 'company' AS actor_type, m.enhet_organisasjonsnummer AS actor_id,
       CAST(t.mottatt_dato AS VARCHAR) AS period,
       format('tips {} ({}): {}', t.mottatt_dato, t.kategori, left(t.beskrivelse, 80))
           || CASE WHEN m.method <> 'orgnr'
                   THEN format(' [identifisert ved {}]', m.method) ELSE '' END AS detail,
       'tips' AS source_table, t.tips_id AS source_key
FROM tips t
JOIN link_company_mention m ON m.source_table = 'tips' AND m.source_key = t.tips_id
WHERE t.valid_to IS NULL AND m.enhet_organisasjonsnummer IS NOT NULL
