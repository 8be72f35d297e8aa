"""nq57: monitoring and evaluation of government plans (Resolution 57-NQ/TW and beyond)."""
