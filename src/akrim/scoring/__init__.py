"""The priority list: indicator hits combined into a score per company, person and cluster,
each entry with its ranked reasons. `priority.build_priority(store)` writes the `priority`
table; `priority.top(store, ...)` reads it with filters."""
