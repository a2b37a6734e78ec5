SELECT 'company' AS actor_type, organisasjonsnummer AS actor_id,
       CAST(tilsynsdato AS VARCHAR) AS period,
       format('tilsyn {}: {} / {}', tilsynsdato, funn, reaksjon) AS detail,
       'tilsyn' AS source_table, tilsyn_id AS source_key
FROM tilsyn
WHERE valid_to IS NULL AND organisasjonsnummer IS NOT NULL
  AND (coalesce(funn, '') NOT IN ('', 'Ingen avvik') OR coalesce(reaksjon, '') NOT IN ('', 'Ingen'))
