"""The REST API: the catalog read by anyone, written by editors with a token (docs/api.md)."""
