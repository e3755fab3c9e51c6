"""The notifications engine's models (reminder rules, broadcasts, the delivery ledger)
live here; see the notifications issue."""
