"""Who is who: person resolution with Splink, analysts' judgements, address keys.

`resolve.run_linkage(store, settings)` is the entry point; `akrim link` calls it.
"""
