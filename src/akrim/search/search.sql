-- Names are folded alike on both sides: lower case, ø/æ/å written o/ae/a, accents stripped, so
-- "Tomrer" finds "TØMRER" and "Jorgen" finds "Jørgen".

-- name: legal_unit
-- A company by organisation number; an underenhet leads to its legal unit (its part_of edge).
WITH asked AS (
    SELECT coalesce((SELECT dst FROM net_edge WHERE src = $1 AND kind = 'part_of' LIMIT 1),
                    $1) AS node_id
)
SELECT n.kind, n.node_id, n.label,
       concat_ws(' · ', n.naeringskode, n.kommunenummer, n.organisasjonsform) AS detail
FROM net_node n JOIN asked USING (node_id)
WHERE n.kind = 'company';

-- name: person_by_number
-- A person by fødselsnummer or d-number: any number linkage tied to the person.
SELECT n.kind, n.node_id, n.label,
       strftime(try_strptime(n.fodselsdato, '%Y%m%d'), '%Y-%m-%d') AS detail
FROM person_alias a JOIN net_node n ON n.node_id = 'p:' || a.person_id
WHERE a.identifikator = $1
LIMIT 1;

-- name: by_name
-- Each query word against the best-matching word of the name; the score is their average, so
-- every word counts, in any order. A word contained in the name counts as a match too
-- ("bygg" in "byggservice").
WITH folded AS (
    SELECT kind, node_id, label, naeringskode, kommunenummer, organisasjonsform, fodselsdato,
           string_split(regexp_replace(strip_accents(replace(replace(replace(lower(label),
               'ø', 'o'), 'æ', 'ae'), 'å', 'a')), '[^a-z0-9]+', ' ', 'g'), ' ') AS name_words
    FROM net_node
), asked AS (
    SELECT [strip_accents(replace(replace(replace(w, 'ø', 'o'), 'æ', 'ae'), 'å', 'a'))
            FOR w IN $words] AS words
), scored AS (
    SELECT f.*, list_avg([list_max([CASE WHEN length(q) >= 3 AND starts_with(n, q) THEN 1.0
                                         ELSE jaro_winkler_similarity(q, n) END
                                    FOR n IN f.name_words]) FOR q IN a.words]) AS score,
           list_min([list_max([CASE WHEN length(q) >= 3 AND starts_with(n, q) THEN 1.0
                                    ELSE jaro_winkler_similarity(q, n) END
                               FOR n IN f.name_words]) FOR q IN a.words]) AS worst
    FROM folded f, asked a
),
-- An underenhet found by its name leads to its legal unit, once, at its best score.
ranked AS (
    SELECT coalesce(p.dst, s.node_id) AS target, s.score, len(s.name_words) AS words,
           CASE WHEN p.dst IS NOT NULL THEN s.label END AS via
    FROM scored s LEFT JOIN net_edge p ON p.src = s.node_id AND p.kind = 'part_of'
    WHERE s.worst >= $min_similarity
), best AS (
    SELECT DISTINCT ON (target) target, score, words, via
    FROM ranked ORDER BY target, score DESC, via IS NOT NULL, words
)
SELECT n.kind, n.node_id, n.label,
       CASE n.kind WHEN 'person' THEN strftime(try_strptime(n.fodselsdato, '%Y%m%d'), '%Y-%m-%d')
                   ELSE nullif(concat_ws(' · ', n.naeringskode, n.kommunenummer,
                                         n.organisasjonsform), '') END AS detail,
       b.score, b.via
FROM best b JOIN net_node n ON n.node_id = b.target
-- Best first; among equals, the name with fewest words beside the query's.
ORDER BY b.score DESC, b.words, n.kind, n.label
LIMIT $limit;
