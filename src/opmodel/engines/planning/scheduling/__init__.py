"""Resource-constrained scheduling: the problem, the serial heuristic and CP-SAT."""
