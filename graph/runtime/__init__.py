"""How a build runs: extraction workers and sessions, the caches and their packs,
atomic files and batches. Nothing here knows what an article says."""
