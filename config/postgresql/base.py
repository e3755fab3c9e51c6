"""Django's PostgreSQL backend, with two things server-side binding needs:

- bulk_create and bulk_update held to the limit it puts on one statement, 65,535 parameters
  (the protocol's count is 16 bits), as Django's main branch does since ticket #36822;
- after a request in which a query failed, the connection's prepared statements forgotten:
  one prepared before a migration changed its result's type (a column's type or length)
  fails on every run until then, where Django would otherwise keep the connection as usable.

With client-side binding (DATABASE_PREPARED_STATEMENTS=false) neither applies.

config/settings/base.py turns server-side binding on, so that psycopg prepares a statement
the second time a connection runs it: PostgreSQL then neither parses nor plans it again."""

from django.db import DatabaseError
from django.db.backends.postgresql import base, features, operations
from django.utils.functional import cached_property

PROTOCOL_PARAMETERS = 2**16 - 1


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self):
        return PROTOCOL_PARAMETERS if self.uses_server_side_binding else None


class DatabaseOperations(operations.DatabaseOperations):
    def bulk_batch_size(self, fields, objs):
        limit = self.connection.features.max_query_params
        if limit is None or not fields:
            return super().bulk_batch_size(fields, objs)
        return max(limit // len(fields), 1)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
    ops_class = DatabaseOperations

    def close_if_unusable_or_obsolete(self):
        if self.connection is not None and self.errors_occurred and self.features.uses_server_side_binding:
            try:  # psycopg forgets its own record of them when it sees this command succeed
                with self.wrap_database_errors:
                    self.connection.execute("DEALLOCATE ALL")
            except DatabaseError:
                pass  # the check below finds the connection unusable and closes it
        super().close_if_unusable_or_obsolete()
