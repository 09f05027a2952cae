"""The signed-in account, read once per process instead of once per request.

Every authenticated request used to pay a query for its account: the session's user with the
person record the header names (core/backends.py), or the API token with its user
(core/api/authentication.py). What those queries return changes rarely, so it is kept in the web
process under the accounts version (core/versions.py), read in the query that already fetches the
request's other version tokens. Every save or delete of an account, an API token, or what the
header shows of it (the person record behind an account, its agency: org/apps.py) replaces the
version, so the next request in every process reads the account afresh: a deactivated account, a
changed password or a revoked token takes effect at once, as before.

The value is kept pickled and each request unpickles its own copy: what a request sets on its
user object (the grants it computed, a cached relation) never reaches another request.
Lookups that find nothing are not kept, so guessing keys cannot fill the store.
"""

import hashlib
import pickle

from . import versions

VERSION = "core.accounts"


def lookup(key, load, *, user_id=None):
    """What `load()` returns (a model instance, or None), through the process store.

    `user_id`, when the caller knows it, lets the version read include that user's own tokens
    (core/versions.py) in the same query.
    """
    kept = versions.get(VERSION, key, lambda: _pickled(load()), keep=_found, user_id=user_id)
    return None if kept is None else pickle.loads(kept)


def token_key(key: str) -> tuple:
    """The store's key for an API token: a digest, so the secret itself is not a dict key."""
    return ("token", hashlib.sha256(key.encode()).hexdigest())


def changed(sender=None, **kwargs) -> None:
    """A person record behind an account changed (org/apps.py); accounts, tokens and agencies
    retire the version through `versions.track`."""
    versions.bump(VERSION)


def _pickled(instance):
    return None if instance is None else pickle.dumps(instance, protocol=pickle.HIGHEST_PROTOCOL)


def _found(value) -> bool:
    return value is not None
