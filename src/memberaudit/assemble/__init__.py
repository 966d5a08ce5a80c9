"""Stage 3, assembling: every file's Roster read (in parallel, or from the cache), stacked and schema-checked."""
