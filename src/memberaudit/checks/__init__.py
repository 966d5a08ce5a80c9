"""Rule families: one module each; every check is a vectorised Polars function registered with `@rule`."""
