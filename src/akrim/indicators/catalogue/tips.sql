SELECT 'company' AS actor_type, organisasjonsnummer AS actor_id,
       CAST(mottatt_dato AS VARCHAR) AS period,
       format('tips {} ({}): {}', mottatt_dato, kategori, left(beskrivelse, 80)) AS detail,
       'tips' AS source_table, tips_id AS source_key
FROM tips WHERE valid_to IS NULL AND organisasjonsnummer IS NOT NULL
