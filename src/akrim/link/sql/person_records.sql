-- Every record in the store that describes a person, in one shape, for resolution.
-- record_id is built from register keys only, so it is the same after every rebuild and
-- analysts' judgements can point at it. fodselsdato is YYYYMMDD text: typo-tolerant comparisons
-- work on the digits.
WITH split_names AS (
    SELECT tips_id, trim(personnavn) AS navn, adresse
    FROM tips WHERE valid_to IS NULL AND personnavn IS NOT NULL AND trim(personnavn) <> ''
)
SELECT 'freg:' || identifikasjonsnummer AS record_id, 'folkeregisteret' AS source,
       identifikasjonsnummer AS identifikator,
       trim(concat_ws(' ', fornavn, mellomnavn)) AS fornavn, etternavn,
       strftime(foedselsdato, '%Y%m%d') AS fodselsdato, adresse, postnummer
FROM person WHERE valid_to IS NULL
UNION ALL
SELECT DISTINCT 'rolle:' || innehaver, 'brreg.roller', NULL,
       trim(concat_ws(' ', person_fornavn, person_mellomnavn)), person_etternavn,
       strftime(person_fodselsdato, '%Y%m%d'), NULL, NULL
FROM rolle WHERE innehaver LIKE 'p:%'
UNION ALL
SELECT 'hms:' || kortnummer, 'hms_kort', identifikasjonsnummer, fornavn, etternavn,
       strftime(foedselsdato, '%Y%m%d'), NULL, NULL
FROM hms_kort WHERE valid_to IS NULL
UNION ALL
SELECT DISTINCT 'amelding:' || coalesce(internasjonal_identifikator, '') || ':' || navn || ':'
           || coalesce(strftime(foedselsdato, '%Y%m%d'), ''),
       'skatteetaten.amelding', NULL,
       nullif(trim(regexp_replace(navn, '\s*\S+$', '')), ''), regexp_extract(navn, '(\S+)$', 1),
       strftime(foedselsdato, '%Y%m%d'), NULL, NULL
FROM amelding_mottaker
WHERE norsk_identifikator IS NULL AND navn IS NOT NULL
UNION ALL
SELECT 'tips:' || tips_id, 'tips', NULL,
       nullif(trim(regexp_replace(navn, '\s*\S+$', '')), ''), regexp_extract(navn, '(\S+)$', 1),
       NULL, adresse, NULL
FROM split_names
