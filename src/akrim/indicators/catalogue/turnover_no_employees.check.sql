-- Enough VAT terms in the register to see "turnover, term after term": NULL, else why not.
SELECT CASE WHEN count(DISTINCT (aar, termin)) < $min_terms
            THEN format('mva_termin: {} termin(er) lest inn, trenger {} / {} term(s) loaded, '
                        || '{} needed', count(DISTINCT (aar, termin)), $min_terms,
                        count(DISTINCT (aar, termin)), $min_terms) END
FROM mva_termin WHERE valid_to IS NULL AND mva_grunnlag_oere IS NOT NULL
