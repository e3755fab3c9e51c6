"""Programme monitoring: imports and snapshots."""

import environ

env = environ.Env()

# --- Programme monitoring -------------------------------------------------------------

# Uploads above this size are refused before they are stored (a 50 MB file never is).
PROGRAMME_IMPORT_MAX_BYTES = env.int("PROGRAMME_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
# Imports of files above this size run in a Celery worker, with a progress bar.
PROGRAMME_IMPORT_ASYNC_BYTES = env.int("PROGRAMME_IMPORT_ASYNC_BYTES", default=512 * 1024)
# The monthly snapshot covers units down to this tree depth (1 = provinces).
PROGRAMME_SNAPSHOT_MAX_DEPTH = env.int("PROGRAMME_SNAPSHOT_MAX_DEPTH", default=3)
