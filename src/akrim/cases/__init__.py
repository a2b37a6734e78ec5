"""Cases: an actor followed up by the agencies, the instruments (virkemidler) they apply, and
what came of it (issue 19). The instrument catalogue is data (`data/instruments.yaml`)."""
