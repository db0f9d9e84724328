"""readingroom: annotated reading guides as a living catalog."""
