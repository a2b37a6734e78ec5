-- Enough VAT terms whose two months are both in the a-melding to see "turnover, term after
-- term" beside the hours worked: NULL, else why not.
SELECT CASE WHEN count(DISTINCT (m.aar, m.termin)) < $min_terms
            THEN format('mva_termin: {} termin(er) med a-melding for begge månedene, trenger {} '
                        || '/ {} term(s) with a-melding for both months, {} needed',
                        count(DISTINCT (m.aar, m.termin)), $min_terms,
                        count(DISTINCT (m.aar, m.termin)), $min_terms) END
FROM mva_termin m SEMI JOIN ind_term_covered c USING (aar, termin)
WHERE m.valid_to IS NULL AND m.mva_grunnlag_oere IS NOT NULL
