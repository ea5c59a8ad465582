"""Use cases that write, in four parts: the framework, classification in the loop, training
classifier versions, and people's decisions (reviews, flags, chart settings, alerts)."""
