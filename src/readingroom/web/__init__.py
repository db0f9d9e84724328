"""The public website: pages and their JSON twins."""
