"""What other apps hear from the plans.

`plans_cited` is sent (inside the importing transaction) when a plan's citations ('Căn cứ Kế
hoạch số …') name plans in the system: at its import, at a revised file, and when a plan
arrives that older plans cite. `pairs` holds (citing plan id, cited plan id); `actor` is the
person importing. The cascade links each citing plan to the plan it carries out.
"""

from __future__ import annotations

from django.dispatch import Signal

plans_cited = Signal()
