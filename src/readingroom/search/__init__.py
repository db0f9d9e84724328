"""Full-text search over the catalog: SQLite FTS5 or PostgreSQL, behind one interface."""
