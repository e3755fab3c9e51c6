"""The domain: accounts and roles, the programme (units, people, plans, indicators),
training (courses, runs, registrations, attendance) and the notifications ledger."""
