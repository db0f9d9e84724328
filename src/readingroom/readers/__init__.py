"""Readers: accounts, shelves, reading logged, reading plans and study groups.

The schedules themselves are computed by the pure core (readingroom.reading.plans);
this app keeps what a reader chose and did, privately by default.
"""
