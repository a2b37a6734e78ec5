SELECT 'company' AS actor_type, r.organisasjonsnummer AS actor_id, NULL AS period,
       format('{} kr forfalt forskuddstrekk', r.forfalt_og_ubetalt_oere / 100) AS detail,
       'restanse' AS source_table, r.organisasjonsnummer || ':' || r.kategori AS source_key
FROM restanse r JOIN ind_employer e USING (organisasjonsnummer)
WHERE r.valid_to IS NULL AND r.kategori = 'forskuddstrekk'
  AND r.forfalt_og_ubetalt_oere >= $min_withholding_arrears_oere
