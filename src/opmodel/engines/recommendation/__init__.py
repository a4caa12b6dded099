"""Step 3: which operating-model type fits the profile, why, and what would change the answer."""
