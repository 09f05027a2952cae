"""src/ uses only public names of Django and DRF (issue 8 §2).

Private names (underscore attributes, compiler internals, the row-building machinery of
QuerySet iteration, DRF's field bookkeeping) change without notice between releases; code
relying on them is what blocks an upgrade to the next LTS. The scan reads the code's tokens
(not comments or strings) and names file:line for each use.

Allowed on purpose, because Django documents them as public: `Model._meta` with its
documented API (`get_field`, `get_fields`, `label`, `label_lower`, the Meta options),
`Model._default_manager` and `Model._base_manager`.
"""

import io
import re
import tokenize
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

# Attribute names (after a dot) or imported names that belong to Django's or DRF's insides.
DENIED = {
    # QuerySet internals
    "_iterable_class": "QuerySet internals",
    "_known_related_objects": "QuerySet internals",
    "_prefetch_related_lookups": "QuerySet internals",
    "_prefetch_done": "QuerySet internals",
    "_prefetched_objects_cache": "QuerySet internals",
    "_result_cache": "QuerySet internals",
    "_fields": "QuerySet internals",
    "_hints": "QuerySet internals",
    "_for_write": "QuerySet internals",
    "_sticky_filter": "QuerySet internals",
    "_clone": "QuerySet internals",
    "_chain": "QuerySet internals",
    "_filter_or_exclude": "QuerySet internals",
    "_db": "QuerySet internals",
    "_defer_next_filter": "QuerySet internals",
    "_deferred_filter": "QuerySet internals",
    # row building and SQL compilation
    "ModelIterable": "QuerySet row building",
    "ValuesIterable": "QuerySet row building",
    "RelatedPopulator": "QuerySet row building",
    "get_related_populators": "QuerySet row building",
    "klass_info": "SQL compiler internals",
    "annotation_col_map": "SQL compiler internals",
    "results_iter": "SQL compiler internals",
    "get_compiler": "SQL compiler internals",
    "compiler": "SQL compiler internals",
    "select_related_descend": "SQL compiler internals",
    # model instance internals
    "_state": "model instance state (ModelState)",
    "ModelState": "model instance state (ModelState)",
    "_get_pk_val": "model internals",
    "_do_update": "model internals",
    "_do_insert": "model internals",
    "_save_table": "model internals",
    "_save_parents": "model internals",
    "_perform_unique_checks": "model internals",
    "_get_unique_checks": "model internals",
    "_get_FIELD_display": "model internals",
    "private_fields": "Options internals (_meta.private_fields)",
    "_forward_fields_map": "Options internals",
    "fields_map": "Options internals",
    "_relation_tree": "Options internals",
    "_get_fields": "Options internals",
    "_expire_cache": "Options internals",
    # DRF internals
    "_declared_fields": "DRF serializer internals",
    "_writable_fields": "DRF serializer internals",
    "_readable_fields": "DRF serializer internals",
    "_validated_data": "DRF serializer internals",
    "_errors": "DRF serializer internals",
    "_data": "DRF serializer internals",
    "_context": "DRF serializer internals",
    "_kwargs": "DRF field internals",
    "_args": "DRF field internals",
    "_request": "DRF request internals",
    "_full_data": "DRF request internals",
    "_get_declared_fields": "DRF serializer internals",
    "PKOnlyObject": "DRF relation internals",
    "SkipField": "DRF field internals",
}

# Modules that are Django's insides as a whole.
DENIED_MODULES = ("django.db.models.sql", "django.db.backends.base.operations", "django.db.models.base")


def uses(source: str):
    """(line, name, why) for each denied name the code uses: an attribute after a dot, a name
    imported from somewhere, or an import of a denied module."""
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
        if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT)
    ]
    found = []
    importing = False
    for i, token in enumerate(tokens):
        if token.type == tokenize.NAME and token.string in ("import", "from"):
            importing = True
        elif token.type == tokenize.NEWLINE or (token.type == tokenize.OP and token.string == ";"):
            importing = False
        if token.type != tokenize.NAME:
            continue
        after_dot = i > 0 and tokens[i - 1].type == tokenize.OP and tokens[i - 1].string == "."
        if token.string in DENIED and (after_dot or importing):
            found.append((token.start[0], token.string, DENIED[token.string]))
    for number, line in enumerate(source.splitlines(), 1):
        match = re.match(r"\s*(?:from|import)\s+([\w.]+)", line)
        if match and match.group(1).startswith(DENIED_MODULES):
            found.append((number, match.group(1), "private module"))
        # `queryset.query.<anything>`: the SQL query object behind a QuerySet is internal.
        for hit in re.finditer(r"\.query\.(\w+)", line.split("#", 1)[0]):
            found.append((number, f"query.{hit.group(1)}", "sql.Query internals"))
    return found


def test_src_uses_no_private_django_or_drf_names():
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for line, name, why in uses(path.read_text()):
            problems.append(f"{path.relative_to(SRC.parent)}:{line}: {name} ({why})")
    assert not problems, "private Django/DRF names in src/:\n" + "\n".join(problems)


def test_the_scan_finds_what_it_is_meant_to_find():
    # The code this issue removed, and a few more shapes: each must be reported.
    source = (
        "from django.db.models.query import ModelIterable, get_related_populators\n"
        "from django.db.models.base import ModelState\n"
        "qs._iterable_class = ModelIterable  # comment: _state\n"
        "compiler = qs.query.get_compiler(using=db)\n"
        "info = compiler.klass_info\n"
        "obj._state.adding = False\n"
        "for field in self._readable_fields:\n"
        "    pass\n"
        "names = [f.name for f in model._meta.private_fields]\n"
        "if qs._prefetch_related_lookups or ser._declared_fields: pass\n"
    )
    found = {(line, name) for line, name, _why in uses(source)}
    assert {
        (1, "ModelIterable"),
        (1, "get_related_populators"),
        (2, "django.db.models.base"),
        (3, "_iterable_class"),
        (4, "query.get_compiler"),
        (5, "klass_info"),
        (6, "_state"),
        (7, "_readable_fields"),
        (9, "private_fields"),
        (10, "_prefetch_related_lookups"),
        (10, "_declared_fields"),
    } <= found
    # Documented public API and strings/comments are not reported.
    allowed = (
        "model._meta.get_field('x'); model._meta.label_lower; Model._base_manager.all()\n"
        "text = 'qs._iterable_class'  # _state\n"
    )
    assert uses(allowed) == []
