-- The profile's tables. Every statement takes the actor's node id as $node and, for
-- companies, the organisation number as $orgnr. Dates named "seen" are when akrim's loads saw a
-- row (valid_from/valid_to of the dated history), not dates the register gives.

-- name: company_history
-- Enhetsregisteret's facts, one row per version as loaded (newest first).
SELECT valid_from AS seen_from, valid_to AS seen_to, navn, organisasjonsform,
       naeringskode1 AS naeringskode, concat_ws(', ', adresse, postnummer || ' ' || poststed)
           AS adresse,
       registreringsdato, stiftelsesdato, konkurs, konkursdato, under_avvikling,
       under_tvangsavvikling, slettedato, registrert_i_mvaregisteret, antall_ansatte
FROM enhet WHERE organisasjonsnummer = $orgnr
UNION ALL BY NAME
SELECT valid_from AS seen_from, valid_to AS seen_to, navn, organisasjonsform,
       naeringskode1 AS naeringskode, concat_ws(', ', adresse, postnummer || ' ' || poststed)
           AS adresse,
       registreringsdato, slettedato, antall_ansatte
FROM underenhet WHERE organisasjonsnummer = $orgnr
ORDER BY seen_from DESC;

-- name: roles
-- Roles, accountants, auditors and estates, in and out: the actor's edges of those kinds.
SELECT e.kind, e.rolle, CASE WHEN e.src = $node THEN e.dst ELSE e.src END AS other,
       n.kind AS other_kind, n.label AS other_label, e.valid_from AS seen_from,
       e.valid_to AS seen_to
FROM net_edge e JOIN net_node n
  ON n.node_id = CASE WHEN e.src = $node THEN e.dst ELSE e.src END
WHERE (e.src = $node OR e.dst = $node)
  AND e.kind IN ('role', 'accountant', 'auditor', 'estate')
ORDER BY e.valid_to IS NOT NULL, e.rolle, other_label;

-- name: employments
-- Employment as a-melding reports it: for a company its employees, for a person its employers.
SELECT CASE WHEN e.src = $node THEN e.dst ELSE e.src END AS other, n.kind AS other_kind,
       n.label AS other_label, e.valid_from, e.valid_to
FROM net_edge e JOIN net_node n
  ON n.node_id = CASE WHEN e.src = $node THEN e.dst ELSE e.src END
WHERE (e.src = $node OR e.dst = $node) AND e.kind = 'employment'
ORDER BY e.valid_to DESC NULLS FIRST, other_label;

-- name: employees_per_month
-- Persons with an employment in each month's a-melding, of the unit or its underenheter.
SELECT kalendermaaned AS month, count(DISTINCT inntektsmottaker) AS employees,
       count(DISTINCT virksomhet) AS workplaces
FROM amelding_arbeidsforhold
WHERE opplysningspliktig = $orgnr OR virksomhet = $orgnr
GROUP BY kalendermaaned ORDER BY kalendermaaned;

-- name: underenheter
SELECT n.node_id, n.label, n.naeringskode, n.kommunenummer
FROM net_edge e JOIN net_node n ON n.node_id = e.src
WHERE e.dst = $node AND e.kind = 'part_of'
ORDER BY n.label;

-- name: legal_unit
SELECT n.node_id, n.label FROM net_edge e JOIN net_node n ON n.node_id = e.dst
WHERE e.src = $node AND e.kind = 'part_of';

-- name: person_history
-- Folkeregisteret's facts for the person's numbers, one row per version as loaded. No
-- special-category data is kept in the store (personopplysningsloven § 12 a: a-krim sharing).
SELECT p.valid_from AS seen_from, p.valid_to AS seen_to, p.identifikasjonsnummer,
       p.identifikatortype, concat_ws(' ', p.fornavn, p.mellomnavn, p.etternavn) AS navn,
       p.status, concat_ws(', ', p.adresse, p.postnummer || ' ' || p.poststed) AS adresse,
       p.bruksenhetsnummer, p.flyttedato
FROM person p JOIN person_alias a ON a.identifikator = p.identifikasjonsnummer
WHERE a.person_id = $person
ORDER BY p.valid_from DESC;

-- name: person_identity
SELECT fornavn, etternavn, fodselsdato, identifikatorer, sources, records
FROM link_person WHERE person_id = $person;

-- name: addresses
SELECT n.node_id, n.label, e.source FROM net_edge e JOIN net_node n ON n.node_id = e.dst
WHERE e.src = $node AND e.kind = 'address' ORDER BY n.label;

-- name: tip_holders
-- The agency that received each tip named in the evidence (policy: a tip is its holder's).
SELECT tips_id, etat FROM tips WHERE tips_id IN (SELECT unnest($keys)) AND valid_to IS NULL;
