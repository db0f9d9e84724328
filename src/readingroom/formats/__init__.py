"""Import and export formats of the catalog (pure Python, no Django)."""
