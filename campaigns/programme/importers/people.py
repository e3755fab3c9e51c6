"""Find the Person a spreadsheet row means, in bulk, so a name is never kept twice: by the
cadre identifier when the row has one, otherwise by (full name, birth year, unit)."""

from ..models import Person

CHUNK = 2000


def _chunks(values):
    values = list(values)
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def person_key(row, unit_id):
    if row.get("national_id"):
        return ("id", row["national_id"])
    return ("name", row["full_name"], row.get("birth_year"), unit_id)


class PersonResolver:
    def __init__(self, rows_with_units):
        """`rows_with_units` is [(row dict, unit id)]; loads every candidate in few queries."""
        ids = {r["national_id"] for r, _ in rows_with_units if r.get("national_id")}
        names = {r["full_name"] for r, _ in rows_with_units if not r.get("national_id")}
        self.known = {}
        for chunk in _chunks(ids):
            for person in Person.objects.filter(national_id__in=chunk).only("pk", "national_id", "gender"):
                self.known[("id", person.national_id)] = person
        for chunk in _chunks(names):
            for person in Person.objects.filter(full_name__in=chunk).only(
                "pk", "full_name", "birth_year", "unit_id", "gender"
            ):
                self.known.setdefault(("name", person.full_name, person.birth_year, person.unit_id), person)

    def find(self, row, unit_id):
        return self.known.get(person_key(row, unit_id))

    def create_missing(self, rows_with_units):
        """Create, in one bulk insert, the people not found; returns how many were created."""
        new = {}
        for row, unit_id in rows_with_units:
            key = person_key(row, unit_id)
            if key in self.known or key in new:
                continue
            new[key] = Person(
                full_name=row["full_name"],
                gender=row["gender"],
                birth_year=row.get("birth_year"),
                ethnicity=row.get("ethnicity", ""),
                national_id=row.get("national_id", ""),
                unit_id=unit_id,
                position=row.get("position", ""),
            )
        created = Person.objects.bulk_create(list(new.values()), batch_size=1000)
        if created and created[0].pk is None:  # backends without RETURNING: look them up again
            self.__init__(rows_with_units)
        else:
            self.known.update(new)
        return len(created)
