"""Step 5: stakeholders, communication, training, adoption and change risks."""
