"""Evaluation (read-only): timeliness of tasks, achievement of indicators, scorecards."""
