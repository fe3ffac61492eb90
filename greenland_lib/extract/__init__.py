"""Layer 2, the extractors: dates (timex), actor mentions, quotations and events, article by article."""
