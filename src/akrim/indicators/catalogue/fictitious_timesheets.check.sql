-- The same hours and pay month after month need that many months of a-melding in the window:
-- NULL when the store holds them, else why not.
SELECT CASE WHEN count(DISTINCT kalendermaaned) < $min_months
            THEN format('amelding_inntekt: {} måned(er) lest inn, trenger {} / {} month(s) '
                        || 'loaded, {} needed', count(DISTINCT kalendermaaned), $min_months,
                        count(DISTINCT kalendermaaned), $min_months) END
FROM ind_person_month
