"""Step 3: reviews of the designed model: decision rights, sourcing, applications."""
