"""The web application (`akrim serve`): a thin layer over the library, like the CLI.

`akrim.web.app.create_app(settings)` builds it: the JSON API under /api/v1 and the pages.
"""
