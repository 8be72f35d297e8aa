"""Exports of a plan for people and for other systems (JSON in the gold schema, XLSX).

`plan_json` and `plan_xlsx` are pure builders fed by a plan loaded with
`plans.queries.plan_detail` (they only read its prefetched rows); `actions.export_plan`
loads, builds and writes the audit row.
"""
