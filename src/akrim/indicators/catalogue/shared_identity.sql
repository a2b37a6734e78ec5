SELECT 'person' AS actor_type, pa.person_id AS actor_id, NULL AS period,
       format('nummeret {} brukes av {} personer', s.identifikator, len(s.person_ids)) AS detail,
       'link_signal' AS source_table, s.identifikator AS source_key
FROM link_signal s JOIN person_alias pa USING (identifikator)
UNION ALL
SELECT DISTINCT 'company', h.arbeidsgiver, NULL,
       format('HMS-kort {} på delt nummer {}', h.kortnummer, s.identifikator),
       'hms_kort', h.kortnummer
FROM link_signal s JOIN hms_kort h ON h.identifikasjonsnummer = s.identifikator
WHERE h.valid_to IS NULL AND h.arbeidsgiver IS NOT NULL
