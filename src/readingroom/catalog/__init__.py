"""Storage of the catalog: models, admin, and the import/export services."""
