"""Monte Carlo schedule and cost risk of the roadmap, vectorised over iterations."""
