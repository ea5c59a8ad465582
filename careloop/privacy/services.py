"""The use cases that write personal data records (retention, subject access, erasure)."""
