"""Stage 2, normalising: raw tables to one file's typed Roster (values parsed, wide months to masks, data issues)."""
