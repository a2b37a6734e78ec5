-- The priority list, from indicator_hit and the weights in score_weight (indicator_id, weight,
-- weak). Entry rule: a company or person enters with one strong signal, or with
-- weak_signals_to_enter different weak ones; one weak signal alone (arrears, a tip) scores
-- nothing. A company's score is the sum of the weights of the indicators it hits. A person is
-- listed when it enters on its own signals or runs or owns person_min_companies listed
-- companies (control roles, current; one company's leader is named by that company's entry);
-- its score is the sum of its own indicators' weights plus person_share of the scores of the
-- listed companies it runs or owns.
-- A cluster's score is the sum of its members' own scores (companies, and persons' own
-- indicators), listed when two or more members have hits and the members together hit two or
-- more different indicators (two weak signals at least, so the entry rule holds for it too).

CREATE OR REPLACE TEMP TABLE score_reason AS
SELECT h.actor_type, h.actor_id, h.indicator_id, w.weight, h.evidence_rows, w.weak
FROM indicator_hit h JOIN score_weight w USING (indicator_id);

-- The same rule picks the flagged clients of facilitators (indicators/runner.py).
CREATE OR REPLACE TEMP TABLE score_entering AS
SELECT actor_type, actor_id FROM score_reason GROUP BY ALL
HAVING bool_or(NOT weak) OR count(DISTINCT indicator_id) >= $weak_signals_to_enter;

CREATE OR REPLACE TEMP TABLE score_company AS
SELECT actor_id, sum(weight) AS score FROM score_reason
SEMI JOIN score_entering USING (actor_type, actor_id)
WHERE actor_type = 'company'
GROUP BY actor_id;

-- DISTINCT: a person who is both DAGL and LEDE of one company carries its score once.
CREATE OR REPLACE TEMP TABLE score_control AS
SELECT DISTINCT substr(e.src, 3) AS person_id, substr(e.dst, 3) AS orgnr, c.score
FROM net_edge e JOIN score_company c ON c.actor_id = substr(e.dst, 3)
WHERE e.kind = 'role' AND e.src LIKE 'p:%' AND e.valid_to IS NULL
  AND e.rolle IN (SELECT unnest($control_roles));

CREATE OR REPLACE TABLE priority AS
WITH companies AS (
    SELECT 'company' AS actor_type, c.actor_id AS id, c.score,
           [] :: VARCHAR[] AS members
    FROM score_company c
), persons AS (
    SELECT 'person' AS actor_type, p.person_id AS id,
           coalesce(own.score, 0) + $person_share * coalesce(ctl.score, 0) AS score,
           coalesce(ctl.orgs, []) AS members
    FROM (SELECT person_id FROM score_control GROUP BY person_id
          HAVING count(DISTINCT orgnr) >= $person_min_companies
          UNION SELECT actor_id FROM score_entering WHERE actor_type = 'person') p
    LEFT JOIN (SELECT actor_id, sum(weight) AS score FROM score_reason
               WHERE actor_type = 'person' GROUP BY ALL) own ON own.actor_id = p.person_id
    LEFT JOIN (SELECT person_id, sum(score) AS score, list(DISTINCT orgnr) AS orgs
               FROM score_control GROUP BY ALL) ctl USING (person_id)
), cluster_members AS (
    SELECT c.cluster_id, substr(c.node_id, 3) AS member,
           CASE WHEN c.node_id LIKE 'o:%' THEN 'company' ELSE 'person' END AS member_type,
           s.score, s.indicators
    FROM net_cluster c
    JOIN (SELECT actor_type, actor_id, sum(weight) AS score, list(indicator_id) AS indicators
          FROM score_reason GROUP BY ALL) s
      ON s.actor_id = substr(c.node_id, 3)
     AND s.actor_type = CASE WHEN c.node_id LIKE 'o:%' THEN 'company' ELSE 'person' END
), clusters AS (
    SELECT 'cluster' AS actor_type, cluster_id AS id, sum(score) AS score,
           list(member ORDER BY score DESC, member) AS members
    FROM cluster_members GROUP BY cluster_id
    HAVING count(*) >= 2 AND len(list_distinct(flatten(list(indicators)))) >= 2
)
SELECT actor_type, id, CAST(round(score, 2) AS DOUBLE) AS score, members
FROM (SELECT * FROM companies UNION ALL SELECT * FROM persons UNION ALL SELECT * FROM clusters)
WHERE score > 0;

-- The reasons behind each entry, strongest first: own indicators, then those carried over
-- from companies (persons) or members (clusters).
CREATE OR REPLACE TABLE priority_reason AS
SELECT p.actor_type, p.id, r.indicator_id, r.weight, r.evidence_rows, p.id AS via
FROM priority p JOIN score_reason r ON r.actor_type = p.actor_type AND r.actor_id = p.id
WHERE p.actor_type <> 'cluster'
UNION ALL
SELECT 'person', c.person_id, r.indicator_id, $person_share * r.weight, r.evidence_rows, c.orgnr
FROM score_control c JOIN score_reason r ON r.actor_type = 'company' AND r.actor_id = c.orgnr
UNION ALL
SELECT 'cluster', p.id, r.indicator_id, r.weight, r.evidence_rows, m.member
FROM priority p, unnest(p.members) AS m(member)
JOIN score_reason r ON r.actor_id = m.member
WHERE p.actor_type = 'cluster'
