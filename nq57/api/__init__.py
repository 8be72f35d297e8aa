"""REST API (django-ninja): units, plans, sections, tasks, indicators; token authentication."""
