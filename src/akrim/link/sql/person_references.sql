-- Records that name a person by identifier only (no name or birth date to compare): they join
-- the person who holds that identifier, directly or through Folkeregisteret's history
-- (a d-number later replaced by a fødselsnummer).
SELECT DISTINCT norsk_identifikator AS identifikator, 'skatteetaten.amelding' AS source
FROM amelding_mottaker WHERE norsk_identifikator IS NOT NULL
UNION
SELECT DISTINCT arbeidstaker, 'skatteetaten.arbeidsforhold'
FROM skatt_arbeidsforhold WHERE arbeidstaker IS NOT NULL
