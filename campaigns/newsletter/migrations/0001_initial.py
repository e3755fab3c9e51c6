# The newsletter's subscribers move from cms to this app with their table and rows (issue 15):
# this migration only takes the model into this app's state, on the table cms created; cms's
# 0005 drops it from cms's state (the table stays); 0002 then renames the table. The content
# type moves with the model, so the permissions given on it and the subscribers' history in
# Wagtail's log stay attached.

from django.db import migrations, models


def move_content_type(apps, schema_editor):
    _relabel(apps, schema_editor, old="cms", new="newsletter")


def move_content_type_back(apps, schema_editor):
    _relabel(apps, schema_editor, old="newsletter", new="cms")


def _relabel(apps, schema_editor, *, old, new):
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=new, model="subscriber").exists():
        types.filter(app_label=old, model="subscriber").update(app_label=new)
    CurrentContentType.objects.clear_cache()


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cms', '0004_home_page_indicator_progress'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Subscriber',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, unique=True, verbose_name='email')),
                        ('language', models.CharField(default='vi', max_length=8, verbose_name='ngôn ngữ')),
                        ('status', models.CharField(choices=[('pending', 'Chờ xác nhận'), ('confirmed', 'Đã xác nhận'), ('unsubscribed', 'Đã hủy đăng ký')], db_index=True, default='pending', max_length=16, verbose_name='trạng thái')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='đăng ký lúc')),
                        ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='xác nhận lúc')),
                        ('unsubscribed_at', models.DateTimeField(blank=True, null=True, verbose_name='hủy lúc')),
                        ('digest_watermark', models.DateTimeField(blank=True, null=True, verbose_name='đã gửi bài đến')),
                        ('topics', models.ManyToManyField(blank=True, help_text='Để trống để nhận tất cả bài viết.', related_name='subscribers', to='cms.topic', verbose_name='chủ đề quan tâm')),
                    ],
                    options={
                        'verbose_name': 'người đăng ký bản tin',
                        'verbose_name_plural': 'người đăng ký bản tin',
                        'ordering': ['-created_at'],
                        'db_table': 'cms_subscriber',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
