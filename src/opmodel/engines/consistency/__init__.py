"""Consistency rules (data in the knowledge base) run over a whole document."""
