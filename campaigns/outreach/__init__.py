"""Campaigns as domain records (issue 16): what a campaign gathers (period, goals, units,
courses and runs, messages) and its results, pre-computed by the beat into daily rows that the
admin's results screen reads. See docs/campaign-results.md."""
