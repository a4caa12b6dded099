"""Step 1: maturity scoring of a multi-respondent assessment, its statistics and findings."""
