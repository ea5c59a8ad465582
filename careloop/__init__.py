"""careloop: the learning and improvement system for English adult social care."""
