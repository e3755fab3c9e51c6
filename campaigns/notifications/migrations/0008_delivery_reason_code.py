"""The ledger stores why a message was not sent as a code (shown by its Vietnamese label)
instead of an English sentence in last_error; rows written before are converted."""

from django.db import migrations, models

OLD_TEXTS = {
    "session cancelled": "session_cancelled",
    "registration cancelled": "registration_cancelled",
    "registration no longer completed": "not_completed",
    "rule switched off": "rule_off",
    "broadcast cancelled": "broadcast_cancelled",
    "recipient opted out of this channel": "opted_out",
    "no address for this channel": "no_address",
    "the session has already begun": "session_begun",
    "unsubscribed": "unsubscribed",
    "superseded by a newer change": "superseded",
}


def texts_to_codes(apps, schema_editor):
    Delivery = apps.get_model("notifications", "Delivery")
    for text, code in OLD_TEXTS.items():
        Delivery.objects.filter(last_error=text).update(reason=code, last_error="")
    Delivery.objects.filter(last_error__startswith="registration status ", last_error__endswith=" not in rule").update(
        reason="status_not_in_rule", last_error="")
    Delivery.objects.filter(last_error__startswith="more than ", last_error__endswith=" minutes late").update(
        reason="too_late", last_error="")
    Delivery.objects.filter(state="failed", reason="").update(reason="send_failed")


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0007_session_change_rule_and_template'),
    ]

    operations = [
        migrations.AddField(
            model_name='delivery',
            name='reason',
            field=models.CharField(blank=True, choices=[('session_cancelled', 'Buổi học đã bị hủy'), ('registration_cancelled', 'Đăng ký đã bị hủy'), ('not_completed', 'Đăng ký không còn ở trạng thái hoàn thành'), ('status_not_in_rule', 'Trạng thái đăng ký không thuộc quy tắc nhắc'), ('rule_off', 'Quy tắc nhắc đã tắt'), ('broadcast_cancelled', 'Đợt gửi đã bị hủy'), ('opted_out', 'Người nhận đã từ chối kênh này'), ('no_address', 'Người nhận không có địa chỉ cho kênh này'), ('too_late', 'Quá thời hạn gửi cho phép'), ('session_begun', 'Buổi học đã bắt đầu'), ('unsubscribed', 'Người nhận đã hủy đăng ký bản tin'), ('send_failed', 'Gửi không thành công'), ('superseded', 'Đã có thông báo thay đổi mới hơn')], max_length=32, verbose_name='lý do'),
        ),
        migrations.AlterField(
            model_name='delivery',
            name='last_error',
            field=models.TextField(blank=True, help_text='Thông báo kỹ thuật của nhà cung cấp khi gửi không thành công.', verbose_name='lỗi gần nhất'),
        ),
        migrations.RunPython(texts_to_codes, migrations.RunPython.noop),
    ]
