"""Survey links: respondents without an account answer the assessment through a link, and
their answers live in a table beside the model (counted by ``assess``, folded on request)."""
