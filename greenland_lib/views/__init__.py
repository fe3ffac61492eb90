"""Layer 4, the views: the tables and figures the notebooks show, and the plot style."""
