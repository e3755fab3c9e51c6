"""Everything held about one person, for their right of access (Law 91/2025/QH15, art. on
the data subject's rights): the account, the person record, and every record that belongs
to them through a relation, found by walking the model graph so that records added by any
area are included without a list kept by hand. Rendered as JSON or XLSX."""

import datetime
import io
import json

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.newsletter.models import Subscriber
from campaigns.spreadsheets import xlsx_append

# Apps whose rows are personal data of the people they point to. Wagtail's and Django's
# own tables (revisions, log entries) record staff work, not data about a trainee.
PERSONAL_APPS = {"accounts", "programme", "training", "notifications", "newsletter", "cms", "security"}
# Fields never shown, even to their owner: credentials and internal machinery.
SECRET_FIELDS = {"password", "claim_token", "claimed_until", "key", "bin_key", "token", "checkin_code"}
# Rows that are the audit of what happened to this data, not data the person gave.
SKIPPED_MODELS = {"security.personaldataaudit", "security.staffscope"}
MAX_DEPTH = 2


def _label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _value(obj, field):
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    value = getattr(obj, field.attname)
    if isinstance(field, models.ForeignKey):
        related = getattr(obj, field.name)
        return str(related) if related is not None else None
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%d/%m/%Y %H:%M")
        )
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in SECRET_FIELDS and not f.name.endswith(("_token", "_secret"))
    ]


def _row(obj):
    return {field.name: _value(obj, field) for field in _fields(obj._meta.model)}


def _owned_rows(obj, depth, seen):
    """Rows that point to `obj` (reverse FKs / one-to-ones) in personal-data apps, and the
    rows that point to those, MAX_DEPTH levels down."""
    found = []
    if depth > MAX_DEPTH:
        return found
    for relation in obj._meta.related_objects:
        model = relation.related_model
        if relation.many_to_many or model._meta.app_label not in PERSONAL_APPS or _label(model) in SKIPPED_MODELS:
            continue
        for row in model._default_manager.filter(**{relation.field.name: obj}).order_by("pk"):
            key = (_label(model), row.pk)
            if key in seen:
                continue
            seen.add(key)
            found.append(row)
            found.extend(_owned_rows(row, depth + 1, seen))
    return found


def collect(*, person=None, user=None):
    """Sections of everything held about the person and/or account: a list of
    {"key", "title", "columns": [(name, label)], "rows": [dict]}; the first two sections are
    the account and the person record themselves."""
    if person is None and user is not None:
        person = getattr(user, "person", None)
    if user is None and person is not None:
        user = person.user
    roots = [obj for obj in (user, person) if obj is not None]
    seen = {(_label(obj._meta.model), obj.pk) for obj in roots}
    rows = list(roots)
    for root in roots:
        rows.extend(_owned_rows(root, 1, seen))
    rows.extend(_by_email(user, person, seen))
    sections = {}
    for row in rows:
        model = row._meta.model
        section = sections.setdefault(
            _label(model),
            {
                "key": _label(model),
                "title": str(model._meta.verbose_name_plural).capitalize(),
                "columns": [(f.name, str(f.verbose_name)) for f in _fields(model)],
                "rows": [],
            },
        )
        section["rows"].append(_row(row))
    if user is not None and "accounts.user" in sections:
        sections["accounts.user"]["columns"].append(("groups", _("vai trò")))
        sections["accounts.user"]["rows"][0]["groups"] = ", ".join(user.groups.values_list("name", flat=True))
    return list(sections.values())


def _by_email(user, person, seen):
    """Records kept by email address rather than by relation: newsletter subscriptions."""
    emails = {e.lower() for e in (getattr(user, "email", ""), getattr(person, "email", "")) if e}
    if not emails:
        return []
    found = []
    for subscriber in Subscriber.objects.filter(email__in=emails):
        seen.add((_label(Subscriber), subscriber.pk))
        found.append(subscriber)
    return found


def includes_ethnicity(sections):
    return any(
        row.get("ethnicity") for section in sections if section["key"] == "programme.person" for row in section["rows"]
    )


def record_count(sections):
    return sum(len(section["rows"]) for section in sections)


def as_json(sections):
    """UTF-8 JSON bytes: {"generated_at", "sections": [{"title", "model", "labels", "rows"}]}."""
    document = {
        "generated_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        "sections": [
            {"title": s["title"], "model": s["key"], "labels": dict(s["columns"]), "rows": s["rows"]} for s in sections
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def as_xlsx(sections):
    """XLSX bytes: one sheet per section, a header row of field labels."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    used = set()
    for section in sections:
        name = _sheet_name(section["title"], used)
        sheet = book.create_sheet(name)
        sheet.append([label for _name, label in section["columns"]])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in section["rows"]:
            xlsx_append(sheet, [row.get(name) for name, _label in section["columns"]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(title, used):
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28] or "Sheet"
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base[:25]} {n}"
    used.add(name)
    return name
