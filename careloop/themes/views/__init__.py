"""Pages of the themes area: the dashboard and comments, one feedback record's themes, charts
and signals, the framework, and the classifier."""
