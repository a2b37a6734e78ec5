"""Search for the analysts: by organisation number, fødselsnummer or d-number, by name
(companies and persons, typo-tolerant, ranked) and by address.

Reads the network's nodes (`net_node`): every company, underenhet, person and address akrim
knows, with the names the registers give, so one index answers all three kinds of search.
"""

from akrim.search.find import Hit, SearchResult, search

__all__ = ["Hit", "SearchResult", "search"]
