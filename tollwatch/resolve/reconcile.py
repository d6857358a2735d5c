"""Reconciliation policies for incident tolls; the implementation lives in ``tollwatch.tolls``
(shared with extract, which computes each report's own toll with the same rule)."""

from tollwatch.tolls import POLICIES, figure_bounds, reconcile

__all__ = ["POLICIES", "figure_bounds", "reconcile"]
