"""Series and agenda providers built into careloop (registered at start-up by LearningConfig)."""
