"""Reports -> Incidents: clustering (``cluster``), resolution with analyst decisions and report
families (``engine``, ``families``), merging (``merge``), tolls (``reconcile``) and the claim
ledger (``ledger``).

resolve(reports, settings, policy=None, decisions=()) -> Resolution
resolve_incidents(reports, settings, policy=None) -> list[Incident]
reconcile(figures, kind, policy="ucdp", published_by_article=None) -> Toll
"""

from tollwatch.resolve.cluster import MERGE_SCORE, score_pair
from tollwatch.resolve.engine import Decision, Link, Resolution, resolve, resolve_incidents
from tollwatch.resolve.merge import incident_id, merge_reports
from tollwatch.resolve.reconcile import POLICIES, reconcile

__all__ = [
    "MERGE_SCORE",
    "POLICIES",
    "Decision",
    "Link",
    "Resolution",
    "incident_id",
    "merge_reports",
    "reconcile",
    "resolve",
    "resolve_incidents",
    "score_pair",
]
