# The subscribers' table (and its topics table) takes this app's name, once cms no longer
# has the model in its state (cms 0005). A rename: every row stays.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('newsletter', '0001_initial'),
        ('cms', '0005_subscriber_moves_to_newsletter'),
    ]

    operations = [
        migrations.AlterModelTable(name='subscriber', table=None),
    ]
