"""Write validated rows. Each writer first resolves every reference (unit codes, people)
and raises ImportRejected listing every row that fails, before writing anything; then it
writes in bulk. The caller holds the transaction, so an error later still undoes it all."""

import hashlib

from django.utils.translation import gettext as _

from ..models import LeadershipPost, OrganisationUnit, PlanningPoolEntry, PostHolding, TrainingRecord, TrainingSource
from .people import PersonResolver, _chunks
from .reading import ImportRejected, error


def _unit_ids(rows, column="Mã đơn vị", key="unit"):
    codes = dict(OrganisationUnit.objects.values_list("code", "pk"))
    errors = [
        error(_("Không có đơn vị mã “%(code)s”.") % {"code": row[key]}, number, column)
        for number, row in rows
        if row[key] not in codes
    ]
    if errors:
        raise ImportRejected(errors)
    return codes


def write_units(rows):
    existing = {u.code: u for u in OrganisationUnit.objects.all()}
    in_file = {row["code"] for _number, row in rows}
    errors = []
    for number, row in rows:
        if row["parent"] and row["parent"] not in existing and row["parent"] not in in_file:
            errors.append(
                error(
                    _("Không có đơn vị cấp trên mã “%(code)s”.") % {"code": row["parent"]}, number, "Mã đơn vị cấp trên"
                )
            )
        for code in filter(None, (c.strip() for c in row["predecessors"].split(","))):
            if code not in existing and code not in in_file:
                errors.append(
                    error(_("Không có đơn vị tiền thân mã “%(code)s”.") % {"code": code}, number, "Mã đơn vị tiền thân")
                )
    if errors:
        raise ImportRejected(errors)
    created = updated = 0
    pending = list(rows)
    while pending:  # parents first, whatever the order of the rows
        progress, waiting = False, []
        for number, row in pending:
            if row["parent"] and row["parent"] not in existing:
                waiting.append((number, row))
                continue
            progress = True
            fields = {
                k: row[k]
                for k in (
                    "name",
                    "level",
                    "unit_type",
                    "is_state_agency",
                    "is_ethnic_minority_area",
                    "minority_population_share",
                    "valid_from",
                    "valid_to",
                )
            }
            unit = existing.get(row["code"])
            if unit is None:
                parent = existing.get(row["parent"]) if row["parent"] else None
                if parent is None:
                    unit = OrganisationUnit.add_root(code=row["code"], **fields)
                else:
                    unit = OrganisationUnit.objects.get(pk=parent.pk).add_child(code=row["code"], **fields)
                existing[row["code"]] = unit
                created += 1
            else:
                parent = unit.get_parent()
                if (parent.code if parent else "") != row["parent"]:
                    raise ImportRejected(
                        [
                            error(
                                _(
                                    "Không thể đổi đơn vị cấp trên của đơn vị đã có; hãy tạo đơn vị mới và ghi đơn vị tiền thân."
                                ),
                                number,
                                "Mã đơn vị cấp trên",
                            )
                        ]
                    )
                OrganisationUnit.objects.filter(pk=unit.pk).update(**fields)
                updated += 1
        if not progress:
            number, row = waiting[0]
            raise ImportRejected([error(_("Đơn vị cấp trên tạo thành vòng lặp."), number, "Mã đơn vị cấp trên")])
        pending = waiting
    for _number, row in rows:
        codes = [c.strip() for c in row["predecessors"].split(",") if c.strip()]
        if codes:
            existing[row["code"]].predecessors.add(*(existing[c] for c in codes))
    return {"created": created, "updated": updated}


def _people(rows, unit_ids, *, create):
    pairs = [(row, unit_ids[row["unit"]]) for _number, row in rows]
    resolver = PersonResolver(pairs)
    created = 0
    if create:
        created = resolver.create_missing(pairs)
    else:
        missing = [
            error(
                _("Không tìm thấy cán bộ “%(name)s” (hãy nhập quy hoạch hoặc ghi mã định danh).")
                % {"name": row["full_name"]},
                number,
                "Họ và tên",
            )
            for (number, row), (_row, unit_id) in zip(rows, pairs, strict=True)
            if resolver.find(row, unit_id) is None
        ]
        if missing:
            raise ImportRejected(missing)
    return resolver, created


def write_holdings(rows):
    unit_ids = _unit_ids(rows)
    with_person = [(n, r) for n, r in rows if r["full_name"]]
    resolver, people_created = _people(with_person, unit_ids, create=True)
    posts = {
        (p.unit_id, p.title): p
        for p in LeadershipPost.objects.filter(unit_id__in={unit_ids[r["unit"]] for _n, r in rows})
    }
    new_posts, changed_posts = {}, []
    for _number, row in rows:
        key = (unit_ids[row["unit"]], row["title"])
        post = posts.get(key)
        if post is None and key not in new_posts:
            new_posts[key] = LeadershipPost(unit_id=key[0], title=row["title"], is_key_leader=row["is_key_leader"])
        elif post is not None and post.is_key_leader != row["is_key_leader"]:
            post.is_key_leader = row["is_key_leader"]
            changed_posts.append(post)
    LeadershipPost.objects.bulk_create(list(new_posts.values()), batch_size=1000)
    LeadershipPost.objects.bulk_update(changed_posts, ["is_key_leader"], batch_size=1000)
    posts = {
        (p.unit_id, p.title): p
        for p in LeadershipPost.objects.filter(unit_id__in={k[0] for k in posts} | {k[0] for k in new_posts})
    }
    holdings = {  # by the posts' units: as many parameters as units, not as posts
        (h.post_id, h.person_id, h.starts_on): h for h in PostHolding.objects.filter(post__unit_id__in={k[0] for k in posts})
    }
    created, updated, to_create, to_update = 0, 0, [], []
    for _number, row in with_person:
        unit_id = unit_ids[row["unit"]]
        post, person = posts[(unit_id, row["title"])], resolver.find(row, unit_id)
        holding = holdings.get((post.pk, person.pk, row["starts_on"]))
        if holding is None:
            to_create.append(PostHolding(post=post, person=person, starts_on=row["starts_on"], ends_on=row["ends_on"]))
        elif holding.ends_on != row["ends_on"]:
            holding.ends_on = row["ends_on"]
            to_update.append(holding)
    created = len(PostHolding.objects.bulk_create(to_create, batch_size=1000))
    PostHolding.objects.bulk_update(to_update, ["ends_on"], batch_size=1000)
    updated = len(to_update)
    return {"created": created, "updated": updated, "posts_created": len(new_posts), "people_created": people_created}


def write_pool(rows):
    unit_ids = _unit_ids(rows)
    resolver, people_created = _people(rows, unit_ids, create=True)
    keyed = []
    for _number, row in rows:
        person = resolver.find(row, unit_ids[row["unit"]])
        keyed.append(((person.pk, row["target_post"], row["term"][0]), row, person))
    existing = {}
    for chunk in _chunks({k[0] for k, _row, _person in keyed}):
        for entry in PlanningPoolEntry.objects.filter(person_id__in=chunk):
            existing[(entry.person_id, entry.target_post, entry.term_start_year)] = entry
    fields = ["unit_id", "target_level", "term_end_year", "starts_on", "ends_on"]
    to_create, to_update = [], []
    for key, row, person in keyed:
        values = {
            "unit_id": unit_ids[row["unit"]],
            "target_level": row["target_level"],
            "term_end_year": row["term"][1],
            "starts_on": row["starts_on"],
            "ends_on": row["ends_on"],
        }
        entry = existing.get(key)
        if entry is None:
            to_create.append(
                PlanningPoolEntry(
                    person=person, target_post=row["target_post"], term_start_year=row["term"][0], **values
                )
            )
        elif any(getattr(entry, f) != values[f] for f in fields):
            for f in fields:
                setattr(entry, f, values[f])
            to_update.append(entry)
    PlanningPoolEntry.objects.bulk_create(to_create, batch_size=1000)
    PlanningPoolEntry.objects.bulk_update(to_update, fields, batch_size=1000)
    return {"created": len(to_create), "updated": len(to_update), "people_created": people_created}


def _reference(row, person):
    if row["reference"]:
        return f"cert:{row['reference']}"
    digest = hashlib.sha1(f"{person.pk}|{row['title']}|{row['completed_on']:%Y-%m-%d}".encode()).hexdigest()[:24]
    return f"import:{digest}"


def write_training(rows):
    unit_ids = _unit_ids(rows)
    resolver, _created = _people(rows, unit_ids, create=False)
    wanted = {}
    for _number, row in rows:
        person = resolver.find(row, unit_ids[row["unit"]])
        wanted[_reference(row, person)] = TrainingRecord(
            person=person,
            completed_on=row["completed_on"],
            title=row["title"],
            provider=row["provider"],
            source=TrainingSource.EXTERNAL,
            reference=_reference(row, person),
        )
    existing = {}
    for chunk in _chunks(wanted):
        existing.update(
            {r.reference: r for r in TrainingRecord.objects.filter(source=TrainingSource.EXTERNAL, reference__in=chunk)}
        )
    fields = ["person_id", "completed_on", "title", "provider"]
    to_update = []
    for reference, record in existing.items():
        new = wanted.pop(reference)
        if any(getattr(record, f) != getattr(new, f) for f in fields):
            for f in fields:
                setattr(record, f, getattr(new, f))
            to_update.append(record)
    TrainingRecord.objects.bulk_create(list(wanted.values()), batch_size=1000)
    TrainingRecord.objects.bulk_update(to_update, fields, batch_size=1000)
    return {"created": len(wanted), "updated": len(to_update)}
