"""The subscribers moved from cms to campaigns.newsletter with their rows (issue 15): a
database migrated before the move, holding a subscriber with topics, a group allowed to see
subscribers, migrates forward with nothing lost, on SQLite and PostgreSQL alike."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from campaigns.newsletter.models import Subscriber, SubscriberStatus

BEFORE = ("cms", "0004_home_page_indicator_progress")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_a_subscriber_written_before_the_move_is_read_back_after_it():
    permission_pk = Permission.objects.get(codename="view_subscriber").pk
    group = Group.objects.create(name="Đọc người đăng ký")
    group.permissions.add(permission_pk)

    executor = _migrate([("newsletter", None)])  # back to before the move
    tables = connection.introspection.table_names()
    assert "cms_subscriber" in tables and "newsletter_subscriber" not in tables
    old = executor.loader.project_state(BEFORE).apps
    assert Permission.objects.get(pk=permission_pk).content_type.app_label == "cms"
    topic = old.get_model("cms", "Topic").objects.create(name="Lãnh đạo", slug="lanh-dao")
    written = old.get_model("cms", "Subscriber").objects.create(
        email="lan@example.vn", language="en", status=SubscriberStatus.CONFIRMED)
    written.topics.add(topic)

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    tables = connection.introspection.table_names()
    assert "newsletter_subscriber" in tables and "newsletter_subscriber_topics" in tables
    assert "cms_subscriber" not in tables and "cms_subscriber_topics" not in tables
    read = Subscriber.objects.get(pk=written.pk)
    assert (read.email, read.language, read.status) == ("lan@example.vn", "en", SubscriberStatus.CONFIRMED)
    assert [t.slug for t in read.topics.all()] == ["lanh-dao"]
    # The permission (and whoever holds it) moved with the model: the same row, relabelled.
    permission = Permission.objects.get(pk=permission_pk)
    assert permission.content_type.app_label == "newsletter"
    assert group.permissions.filter(pk=permission_pk).exists()
    assert not Permission.objects.filter(content_type__app_label="cms", codename__endswith="_subscriber").exists()
