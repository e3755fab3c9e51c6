# The newsletter's subscribers now belong to campaigns.newsletter (its 0001 took the model
# into its state on this table): drop the model from cms's state only. The table and its rows
# stay; newsletter's 0002 renames the table.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cms', '0004_home_page_indicator_progress'),
        ('newsletter', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Subscriber')],
            database_operations=[],
        ),
    ]
