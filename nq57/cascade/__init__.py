"""The cascade between levels: which task or indicator of an upper plan a lower plan localises.

`matching.py` (pure, no Django) suggests the links; `inputs.py` builds its items from a parsed
file or a stored plan.
"""
