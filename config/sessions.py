"""Django's database sessions (SESSION_ENGINE = "config.sessions"), read with SQL built once per
process (config/compiled.py): every signed-in request reads its session, and building that
query cost more than running it. The same row, the same answer: a session past its expiry
date reads as none, as Django's `expire_date__gt=now` makes it."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from config.compiled import CompiledQuery

_BY_KEY = CompiledQuery(lambda key: Session.objects.filter(session_key=key), kinds=(str,))


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        key = self.session_key
        session = _BY_KEY.first(key) if key else None
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        return session
