"""Step 4: priorities, portfolio, schedule, Monte Carlo risk and budget of the roadmap."""
