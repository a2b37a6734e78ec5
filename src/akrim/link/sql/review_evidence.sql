-- What an analyst weighs for each record of a pair under review (`akrim.link.review`): the
-- record as linkage compared it, the address and employers as the register wrote them (the
-- comparison keys are folded), and the person the record belongs to now. Reads the record ids
-- of relation `review_records_in`; the register tables are filtered to those records first,
-- on their own key columns (a key built per register row would be built for every row).
WITH wanted AS (
    SELECT r.*, split_part(r.record_id, ':', 1) AS prefix,
           substr(r.record_id, strpos(r.record_id, ':') + 1) AS register_key
    FROM link_person_record r SEMI JOIN review_records_in w USING (record_id)
), address AS (
    SELECT 'freg:' || identifikasjonsnummer AS record_id,
           concat_ws(', ', adresse, nullif(trim(concat_ws(' ', postnummer, poststed)), ''))
               AS address
    FROM person
    WHERE valid_to IS NULL
      AND identifikasjonsnummer IN (SELECT register_key FROM wanted WHERE prefix = 'freg')
    UNION ALL
    SELECT 'tips:' || tips_id, adresse FROM tips
    WHERE valid_to IS NULL AND tips_id IN (SELECT register_key FROM wanted WHERE prefix = 'tips')
), employer AS (
    SELECT 'hms:' || kortnummer AS record_id, arbeidsgiver AS orgnr FROM hms_kort
    WHERE valid_to IS NULL AND kortnummer IN (SELECT register_key FROM wanted WHERE prefix = 'hms')
    UNION
    -- Folkeregisteret's number, as the a-melding of each employer reports it
    SELECT 'freg:' || norsk_identifikator, opplysningspliktig FROM amelding_mottaker
    WHERE norsk_identifikator IN (SELECT register_key FROM wanted WHERE prefix = 'freg')
    UNION
    SELECT 'amelding:' || coalesce(internasjonal_identifikator, '') || ':' || navn || ':'
               || coalesce(strftime(foedselsdato, '%Y%m%d'), ''), opplysningspliktig
    FROM amelding_mottaker
    WHERE norsk_identifikator IS NULL AND navn IS NOT NULL
      AND 'amelding:' || coalesce(internasjonal_identifikator, '') || ':' || navn || ':'
          || coalesce(strftime(foedselsdato, '%Y%m%d'), '') IN (SELECT record_id FROM wanted)
), role AS (
    SELECT DISTINCT 'rolle:' || innehaver AS record_id, organisasjonsnummer AS orgnr, rolle
    FROM rolle WHERE innehaver IN (SELECT register_key FROM wanted WHERE prefix = 'rolle')
), unit AS (
    SELECT organisasjonsnummer AS orgnr, navn FROM enhet
    WHERE valid_to IS NULL
      AND organisasjonsnummer IN (SELECT orgnr FROM employer UNION SELECT orgnr FROM role)
), employers AS (
    SELECT e.record_id, list(DISTINCT coalesce(u.navn || ' (' || e.orgnr || ')', e.orgnr)
                             ORDER BY coalesce(u.navn || ' (' || e.orgnr || ')', e.orgnr))
               AS employers
    FROM employer e LEFT JOIN unit u USING (orgnr) GROUP BY e.record_id
), roles AS (
    SELECT r.record_id,
           list(DISTINCT r.rolle || ' ' || coalesce(u.navn || ' (' || r.orgnr || ')', r.orgnr)
                ORDER BY r.rolle || ' ' || coalesce(u.navn || ' (' || r.orgnr || ')', r.orgnr))
               AS roles
    FROM role r LEFT JOIN unit u USING (orgnr) GROUP BY r.record_id
)
SELECT w.record_id, w.source, w.identifikator, w.fornavn, w.etternavn, w.fodselsdato,
       (SELECT first(a.address) FROM address a WHERE a.record_id = w.record_id) AS address,
       coalesce(e.employers, []) AS employers, coalesce(r.roles, []) AS roles,
       w.person_id, coalesce(p.records, 1) AS person_records,
       nullif(trim(concat_ws(' ', p.fornavn, p.etternavn)), '') AS person_name
FROM wanted w
LEFT JOIN employers e USING (record_id)
LEFT JOIN roles r USING (record_id)
LEFT JOIN link_person p USING (person_id)
