"""Pure computation on documents and data frames, no I/O: one module per domain area."""
