"""Stage 0, the model: types and vocabularies every stage shares (Roster, Source, Config, errors, messages); no behaviour."""
