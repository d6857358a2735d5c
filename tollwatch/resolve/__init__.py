"""Reports -> Incidents: clustering (``cluster``), merging (``merge``) and tolls (``reconcile``).

resolve_incidents(reports, settings, policy=None) -> list[Incident]
reconcile(figures, kind, policy="ucdp", published_by_article=None) -> Toll
"""

from tollwatch.resolve.cluster import MERGE_SCORE, resolve_incidents, score_pair
from tollwatch.resolve.merge import incident_id, merge_reports
from tollwatch.resolve.reconcile import POLICIES, reconcile

__all__ = [
    "MERGE_SCORE",
    "POLICIES",
    "incident_id",
    "merge_reports",
    "reconcile",
    "resolve_incidents",
    "score_pair",
]
