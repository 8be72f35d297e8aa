"""Evaluation (read-only): timeliness of tasks, achievement of indicators, scorecards.

Its one write is the unit scoring formula an issuer's standing office sets (`actions.py`)."""
