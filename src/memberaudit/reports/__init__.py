"""Reports read only findings, coverage and rule metadata: text, json/jsonl/csv, HTML and Excel."""
