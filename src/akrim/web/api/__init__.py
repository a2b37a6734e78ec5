"""The versioned JSON API (`/api/v1/...`); errors are problem+json."""
