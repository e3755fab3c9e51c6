"""Reach, counted without personal data (issue 16 item 2).

PLACEHOLDER in branch h-outreach: only the tables the campaign results read, with the names
helper C1 gave. C1's real app (middleware, redirector, attribution) replaces this package
at merge; nothing here is meant to survive it."""
