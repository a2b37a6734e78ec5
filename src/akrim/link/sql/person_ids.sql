-- A stable id per person (see akrim.link.resolve.assign_person_ids). Input: records_in (the
-- person records) and roots_in (record_id -> root: one root per person from clustering).

-- kind_rank: a Folkeregisteret fødselsnummer 0, its d-number 1, another register's 2 and 3.
CREATE OR REPLACE TEMP TABLE link_member AS
SELECT g.record_id, g.root, nullif(r.identifikator, '') AS number,
       CASE WHEN g.record_id LIKE 'freg:%' THEN 0 ELSE 2 END
           + CASE WHEN left(coalesce(r.identifikator, ''), 1) >= '4' THEN 1 ELSE 0 END
           AS kind_rank
FROM roots_in g JOIN records_in r USING (record_id);

CREATE OR REPLACE TEMP TABLE link_group_number AS
SELECT root, number, min(kind_rank) AS kind_rank
FROM link_member WHERE number IS NOT NULL GROUP BY root, number;

-- Persons holding a number another person also holds claim numbers in turn
-- (resolve.claim_numbers gives contested_in: root -> person_id, NULL for none left).
CREATE OR REPLACE TEMP TABLE link_contested AS
SELECT root, number, kind_rank
FROM link_group_number
WHERE root IN (SELECT root FROM link_group_number
               WHERE number IN (SELECT number FROM link_group_number
                                GROUP BY number HAVING count(*) > 1));

CREATE OR REPLACE TEMP TABLE link_person_of AS
WITH groups AS (
    SELECT root, min(record_id) AS first_record FROM link_member GROUP BY root
), first_number AS (  -- for persons no one contests
    SELECT root, first(number ORDER BY kind_rank, number) AS number
    FROM link_group_number GROUP BY root
)
SELECT g.root,
       coalesce(CASE WHEN c.root IS NOT NULL THEN c.person_id ELSE f.number END,
                'P' || left(sha1(g.first_record), 12)) AS person_id
FROM groups g
LEFT JOIN first_number f USING (root)
LEFT JOIN contested_in c USING (root);
