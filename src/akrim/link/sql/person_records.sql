-- Every record in the store that describes a person, in one shape, for resolution.
-- record_id is built from register keys only, so it is the same after every rebuild and
-- analysts' judgements can point at it. fodselsdato is YYYYMMDD text: typo-tolerant comparisons
-- work on the digits. adresse is the address key (table address_keys, akrim.link.addresses).
WITH split_names AS (
    SELECT t.tips_id, trim(t.personnavn) AS navn, k.address_key
    FROM tips t
    LEFT JOIN address_keys k ON k.adresse = t.adresse AND k.postnummer IS NULL
    WHERE t.valid_to IS NULL AND t.personnavn IS NOT NULL AND trim(t.personnavn) <> ''
)
SELECT 'freg:' || p.identifikasjonsnummer AS record_id, 'folkeregisteret' AS source,
       p.identifikasjonsnummer AS identifikator,
       trim(concat_ws(' ', p.fornavn, p.mellomnavn)) AS fornavn, p.etternavn,
       strftime(p.foedselsdato, '%Y%m%d') AS fodselsdato, k.address_key AS adresse,
       p.postnummer
FROM person p
LEFT JOIN address_keys k
       ON k.adresse = p.adresse AND k.postnummer IS NOT DISTINCT FROM p.postnummer
WHERE p.valid_to IS NULL
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
       NULL, address_key, NULL
FROM split_names
