"""Fast inserts: PostgreSQL COPY with ids taken from the table's sequence beforehand; elsewhere
(SQLite, the tests) Django's ``bulk_create``.

``bulk_create`` spends most of its time preparing each value in Python; COPY sends the raw
attribute values (psycopg adapts dates, times, booleans; JSON is wrapped). Ids come first from
the table's identity sequence, so rows can refer to each other as objects, as with bulk_create:
a foreign key still unset takes the id of the object assigned to it.
"""

from django.db import connection, models
from django.utils import timezone
from psycopg.types.json import Jsonb


def _related_ids(obj: models.Model, fields) -> None:
    cache = obj._state.fields_cache
    for f in fields:
        if getattr(obj, f.attname) is None:
            related = cache.get(f.name)
            if related is not None:
                setattr(obj, f.attname, related.pk)


def insert(model: type[models.Model], objs: list, batch_size: int = 2000) -> None:
    """Insert ``objs`` (unsaved) and give each its id."""
    if not objs:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=batch_size)
        return
    meta = model._meta
    fields = list(meta.concrete_fields)
    relations = [f for f in fields if f.is_relation]
    now = timezone.now()
    stamped = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        getters = []
        for f in fields:
            if isinstance(f, models.JSONField):
                getters.append(lambda obj, name=f.attname: Jsonb(getattr(obj, name)))
            elif isinstance(f, models.FileField):
                getters.append(lambda obj, name=f.attname: getattr(obj, name).name or "")
            else:
                getters.append(lambda obj, name=f.attname: getattr(obj, name))
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj, pk in zip(objs, ids, strict=True):
                obj.pk = pk
                obj._state.adding = False
                _related_ids(obj, relations)
                for f in stamped:
                    setattr(obj, f.attname, now)
                copy.write_row([get(obj) for get in getters])
