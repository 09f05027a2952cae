"""The dashboard is rendered once per version of a government's results and served from the cache.

`store()` bumps the version in the same transaction that writes results (the cache lives in the
database), so a page never shows results older than the data, and a rolled-back change does not
invalidate anything.
"""

from django.core.cache import cache
from django.utils import translation


def _version_key(government_id: int) -> str:
    return f"compliance:version:{government_id}"


def version(government_id: int) -> int:
    value = cache.get(_version_key(government_id))
    if value is None:
        cache.add(_version_key(government_id), 1, None)
        value = cache.get(_version_key(government_id), 1)
    return value


def bump(government_id: int) -> None:
    try:
        cache.incr(_version_key(government_id))
    except ValueError:
        cache.set(_version_key(government_id), 2, None)


def rendered(government, name: str, build) -> str:
    """The fragment `name` of the government's dashboard, rebuilt only when results changed.

    The current version and the stored fragment are read together (one cache round trip); the
    fragment remembers the version it was built from.
    """
    version_key = _version_key(government.pk)
    key = f"compliance:{name}:{government.pk}:{government.regulation}:{translation.get_language()}"
    found = cache.get_many([version_key, key])
    current = found.get(version_key) or version(government.pk)
    stored = found.get(key)
    if stored is not None and stored[0] == current:
        return stored[1]
    html = build()
    cache.set(key, (current, html), 24 * 3600)
    return html
