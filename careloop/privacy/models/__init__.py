"""The records of the council's personal data duties; one module per noun."""
