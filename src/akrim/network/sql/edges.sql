-- The network's nodes and dated edges. Node ids: 'p:' person_id, 'o:' organisasjonsnummer,
-- 'a:' address key (see akrim.link.normalise.address_key, in the table address_keys).
-- Edge kinds: role (with the role code), accountant (REGN), auditor (REVI), estate (KDEB, BOBE),
-- employment (a-melding), hms_card (the employer named on an HMS card), address, part_of
-- (underenhet of its enhet).
-- No DuckDB index on these tables: joins are hash joins, point reads come from the serving file
-- (akrim.network.serving), and three ART indexes took about 50 s to build nationally.

-- Where each person lives now: the address and the dwelling in it (bruksenhetsnummer, NULL when
-- the register gives none). The persons' address edges, and the dwellings of net_address_fact.
CREATE OR REPLACE TABLE net_residence AS
SELECT 'p:' || lp.person_id AS person, 'a:' || k.address_key AS address_id, p.bruksenhetsnummer,
       coalesce(p.flyttedato, p.valid_from) AS valid_from
FROM person p
JOIN link_person_record lp ON lp.record_id = 'freg:' || p.identifikasjonsnummer
JOIN address_keys k ON k.adresse = p.adresse AND k.postnummer = p.postnummer
WHERE p.valid_to IS NULL;

CREATE OR REPLACE TABLE net_edge AS
WITH role_edges AS (
    SELECT CASE WHEN r.innehaver LIKE 'o:%' THEN r.innehaver ELSE 'p:' || lp.person_id END AS src,
           'o:' || r.organisasjonsnummer AS dst,
           CASE r.rolle WHEN 'REGN' THEN 'accountant' WHEN 'REVI' THEN 'auditor'
                WHEN 'KDEB' THEN 'estate' WHEN 'BOBE' THEN 'estate' ELSE 'role' END AS kind,
           r.rolle, r.valid_from,
           CASE WHEN r.fratraadt THEN coalesce(r.valid_to, r.valid_from) ELSE r.valid_to END
               AS valid_to,
           'brreg.roller' AS source
    FROM rolle r
    LEFT JOIN link_person_record lp ON lp.record_id = 'rolle:' || r.innehaver
), employment AS (
    SELECT 'p:' || pa.person_id AS src, 'o:' || m.opplysningspliktig AS dst, 'employment' AS kind,
           NULL AS rolle,
           CAST(min(m.kalendermaaned) || '-01' AS DATE) AS valid_from,
           last_day(CAST(max(m.kalendermaaned) || '-01' AS DATE)) AS valid_to,
           'skatteetaten.amelding' AS source
    FROM amelding_mottaker m
    JOIN person_alias pa ON pa.identifikator = m.norsk_identifikator
    WHERE m.valid_to IS NULL
    GROUP BY ALL
), hms AS (
    SELECT 'p:' || lp.person_id, 'o:' || h.arbeidsgiver, 'hms_card', NULL, h.utstedt,
           h.gyldig_til, 'hms_kort'
    FROM hms_kort h JOIN link_person_record lp ON lp.record_id = 'hms:' || h.kortnummer
    WHERE h.valid_to IS NULL AND h.arbeidsgiver IS NOT NULL
), unit_addresses AS (
    SELECT 'o:' || u.organisasjonsnummer, 'a:' || k.address_key, 'address', NULL,
           coalesce(u.registreringsdato, u.valid_from), coalesce(u.slettedato, u.valid_to),
           'brreg.enheter'
    FROM (SELECT organisasjonsnummer, adresse, postnummer, registreringsdato, slettedato,
                 valid_from, valid_to FROM enhet WHERE valid_to IS NULL
          UNION ALL
          SELECT organisasjonsnummer, adresse, postnummer, registreringsdato, slettedato,
                 valid_from, valid_to FROM underenhet WHERE valid_to IS NULL) u
    JOIN address_keys k USING (adresse, postnummer)
), person_addresses AS (
    SELECT person, address_id, 'address', NULL, valid_from, NULL, 'folkeregisteret'
    FROM net_residence
), part_of AS (
    SELECT 'o:' || organisasjonsnummer, 'o:' || overordnet_enhet, 'part_of', NULL,
           coalesce(oppstartsdato, valid_from), coalesce(nedleggelsesdato, valid_to),
           'brreg.underenheter'
    FROM underenhet WHERE valid_to IS NULL AND overordnet_enhet IS NOT NULL
)
SELECT * FROM role_edges WHERE src IS NOT NULL
UNION ALL SELECT * FROM employment
UNION ALL SELECT * FROM hms
UNION ALL SELECT * FROM unit_addresses
UNION ALL SELECT * FROM person_addresses
UNION ALL SELECT * FROM part_of;

-- Every person is in link_person (persons known only by a number included), once, so only the
-- other ends of the edges need making distinct: a third of the rows nationally.
-- (build.build_network checks that every edge found both its ends.)
CREATE OR REPLACE TABLE net_node AS
WITH ids AS (SELECT 'p:' || person_id AS node_id FROM link_person
             UNION ALL
             SELECT DISTINCT node_id FROM (
                 SELECT src AS node_id FROM net_edge WHERE NOT starts_with(src, 'p:')
                 UNION ALL SELECT dst FROM net_edge WHERE NOT starts_with(dst, 'p:')
                 UNION ALL SELECT 'o:' || organisasjonsnummer FROM enhet
                 WHERE valid_to IS NULL))
SELECT row_number() OVER (ORDER BY ids.node_id) - 1 AS vid, ids.node_id,
       CASE left(ids.node_id, 2) WHEN 'p:' THEN 'person' WHEN 'o:' THEN 'company'
            ELSE 'address' END AS kind,
       coalesce(e.navn, u.navn,
                nullif(concat_ws(' ', lp.fornavn, lp.etternavn), ''),
                a.adresse) AS label,
       coalesce(e.naeringskode1, u.naeringskode1) AS naeringskode,
       coalesce(e.kommunenummer, u.kommunenummer) AS kommunenummer,
       coalesce(e.organisasjonsform, u.organisasjonsform) AS organisasjonsform,
       lp.fodselsdato, lp.identifikatorer
FROM ids
LEFT JOIN enhet e ON e.valid_to IS NULL AND ids.node_id = 'o:' || e.organisasjonsnummer
LEFT JOIN underenhet u ON u.valid_to IS NULL AND ids.node_id = 'o:' || u.organisasjonsnummer
LEFT JOIN link_person lp ON ids.node_id = 'p:' || lp.person_id
LEFT JOIN (SELECT 'a:' || address_key AS node_id,
                  min(adresse || coalesce(', ' || postnummer, '')) AS adresse
           FROM address_keys GROUP BY ALL) a ON a.node_id = ids.node_id;

-- Each edge with its ends' vertex numbers, for the graph measures.
CREATE OR REPLACE TEMP TABLE net_edge_vid AS
SELECT s.vid AS s, d.vid AS d,
       coalesce(((e.kind = 'role' AND list_contains($control_roles, e.rolle))
                 OR e.kind = 'part_of') AND (e.valid_to IS NULL OR e.valid_to >= $since),
                FALSE) AS control
FROM net_edge e JOIN net_node s ON s.node_id = e.src JOIN net_node d ON d.node_id = e.dst;
