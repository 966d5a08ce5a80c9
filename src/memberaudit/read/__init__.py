"""Stage 1, reading: files discovered, sheets to text grids, the table on each sheet found (header, columns, rows)."""
