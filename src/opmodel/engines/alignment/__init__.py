"""Step 2: how objectives, outcomes, capabilities and initiatives trace to each other."""
