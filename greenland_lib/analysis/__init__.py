"""Layer 3, the analysis: what needs the whole corpus (timeline days, event groups, stances, outcome, network)."""
