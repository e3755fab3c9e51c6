"""Programme monitoring: imports and snapshots."""

import environ

env = environ.Env()

# --- Programme monitoring -------------------------------------------------------------

# Uploads above this size are refused before they are stored (a 50 MB file never is).
PROGRAMME_IMPORT_MAX_BYTES = env.int("PROGRAMME_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
# Every import runs in a Celery worker. Before anything is parsed, an XLSX is refused when
# its members would unpack to more than this many bytes (a 200 KB file can unpack to 70 MB of
# XML) or a sheet declares more rows or columns than these; a CSV likewise.
PROGRAMME_IMPORT_MAX_UNPACKED_BYTES = env.int("PROGRAMME_IMPORT_MAX_UNPACKED_BYTES", default=64 * 1024 * 1024)
PROGRAMME_IMPORT_MAX_ROWS = env.int("PROGRAMME_IMPORT_MAX_ROWS", default=100_000)
PROGRAMME_IMPORT_MAX_COLUMNS = env.int("PROGRAMME_IMPORT_MAX_COLUMNS", default=50)
# The worker running an import proves it is alive this often; beat marks a job interrupted
# (so it can be run again) when that stopped for IMPORT_STALE_SECONDS, or when no worker took
# the job up within IMPORT_PENDING_STALE_SECONDS.
IMPORT_HEARTBEAT_SECONDS = env.int("IMPORT_HEARTBEAT_SECONDS", default=10)
IMPORT_STALE_SECONDS = env.int("IMPORT_STALE_SECONDS", default=120)
IMPORT_PENDING_STALE_SECONDS = env.int("IMPORT_PENDING_STALE_SECONDS", default=30 * 60)
# The monthly snapshot covers units down to this tree depth (1 = provinces).
PROGRAMME_SNAPSHOT_MAX_DEPTH = env.int("PROGRAMME_SNAPSHOT_MAX_DEPTH", default=3)
