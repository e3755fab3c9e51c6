"""Django's PostgreSQL backend, holding bulk_create and bulk_update to the limit server-side
binding puts on one statement: 65,535 parameters (the protocol's count is 16 bits). With
client-side binding, the default, there is no such limit and nothing changes. Django's main
branch does the same since ticket #36822; drop this module on a Django that ships it.

config/settings/base.py turns server-side binding on, so that psycopg prepares a statement
the second time a connection runs it: PostgreSQL then neither parses nor plans it again."""

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
