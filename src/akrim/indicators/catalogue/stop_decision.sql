SELECT 'company' AS actor_type, s.organisasjonsnummer AS actor_id,
       CAST(s.vedtaksdato AS VARCHAR) AS period,
       format('stansingsvedtak {} ({}){}', s.vedtaksdato, coalesce(s.begrunnelse, s.hjemmel, ''),
              CASE WHEN s.opphevet_dato IS NULL THEN ', ikke opphevet' ELSE '' END) AS detail,
       'stansingsvedtak' AS source_table, s.vedtak_id AS source_key
FROM stansingsvedtak s WHERE s.valid_to IS NULL
