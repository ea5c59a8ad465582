"""Pages of Learn and act. One module per subject; the URLs name them all."""
