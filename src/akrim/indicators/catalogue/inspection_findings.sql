-- The inspected company: by organisation number, else by the workplace address
-- (link_company_mention); the legal unit (enhet) is the actor.
SELECT 'company' AS actor_type, m.enhet_organisasjonsnummer AS actor_id,
       CAST(t.tilsynsdato AS VARCHAR) AS period,
       format('tilsyn {}: {} / {}', t.tilsynsdato, t.funn, t.reaksjon)
           || CASE WHEN m.method <> 'orgnr'
                   THEN format(' [identifisert ved {}]', m.method) ELSE '' END AS detail,
       'tilsyn' AS source_table, t.tilsyn_id AS source_key
FROM tilsyn t
JOIN link_company_mention m ON m.source_table = 'tilsyn' AND m.source_key = t.tilsyn_id
WHERE t.valid_to IS NULL AND m.enhet_organisasjonsnummer IS NOT NULL
  AND (coalesce(t.funn, '') NOT IN ('', 'Ingen avvik')
       OR coalesce(t.reaksjon, '') NOT IN ('', 'Ingen'))
