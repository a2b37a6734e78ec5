SELECT 'person' AS actor_type, k.person_id AS actor_id, NULL AS period,
       format('rolle {} i {} under karantene til {}', e.rolle, substr(e.dst, 3), k.til_dato)
           AS detail, 'konkurskarantene' AS source_table, k.person_id AS source_key
FROM konkurskarantene k
JOIN net_edge e ON e.src = 'p:' || k.person_id AND e.kind = 'role'
WHERE e.valid_to IS NULL AND CAST($as_of AS DATE) <= k.til_dato
