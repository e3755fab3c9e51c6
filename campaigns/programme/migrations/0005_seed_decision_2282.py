"""Seed the national programme (Decision 2282/QĐ-TTg, 31/12/2020): 60% of state management
agencies and local governments with a female key leader by 2025, 75% by 2030. Rerunnable."""

import datetime
from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    Plan = apps.get_model("programme", "Plan")
    PlanTarget = apps.get_model("programme", "PlanTarget")
    plan, _ = Plan.objects.get_or_create(
        number="2282/QĐ-TTg",
        defaults=dict(
            issuer="Thủ tướng Chính phủ",
            title="Chương trình Tăng cường sự tham gia bình đẳng của phụ nữ trong các vị trí lãnh đạo và quản lý "
            "ở các cấp hoạch định chính sách giai đoạn 2021 - 2030",
            issued_on=datetime.date(2020, 12, 31),
        ),
    )
    for year, percent in ((2025, "60"), (2030, "75")):
        PlanTarget.objects.get_or_create(
            plan=plan, indicator="key_leader", year=year, sector="", defaults={"percent": Decimal(percent)}
        )


class Migration(migrations.Migration):
    dependencies = [("programme", "0004_posts_plans_snapshots_imports")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
