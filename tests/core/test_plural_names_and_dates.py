"""Proper plural names in both languages and one date and time style per language."""

import datetime

from django.apps import apps
from django.utils import translation
from django.utils.formats import date_format

from spbe.applications.models import Application
from spbe.org.models import Agency, Decree, Person


def test_every_model_has_an_english_plural_name():
    with translation.override("en"):
        untranslated = []
        for model in apps.get_models():
            if not model.__module__.startswith("spbe.") or "verbose_name" not in model._meta.original_attrs:
                continue  # internal tables without a name on screen
            plural = str(model._meta.verbose_name_plural)
            with translation.override("id"):
                source = str(model._meta.verbose_name_plural)
            if plural == source and plural.lower() not in ("sop",):
                untranslated.append(f"{model._meta.label}: {plural}")
        assert untranslated == []
        assert str(Agency._meta.verbose_name) == "agency"
        assert str(Agency._meta.verbose_name_plural) == "agencies"
        assert str(Decree._meta.verbose_name_plural) == "decrees"
        assert str(Application._meta.verbose_name_plural) == "applications"
        assert str(Person._meta.verbose_name_plural) == "staff"
    with translation.override("id"):
        assert str(Agency._meta.verbose_name_plural) == "perangkat daerah"


def test_one_date_and_time_style_per_language():
    moment = datetime.datetime(2026, 11, 30, 7, 42)
    with translation.override("id"):
        assert date_format(moment, "SHORT_DATETIME_FORMAT") == "30 Nov 2026 07.42"
        assert date_format(moment.date(), "SHORT_DATE_FORMAT") == "30 Nov 2026"
        assert date_format(moment, "DATETIME_FORMAT") == "30 November 2026 07.42"
        assert date_format(moment.time(), "TIME_FORMAT") == "07.42"
    with translation.override("en"):
        assert date_format(moment, "SHORT_DATETIME_FORMAT") == "30 Nov 2026, 07:42"
        assert date_format(moment.date(), "SHORT_DATE_FORMAT") == "30 Nov 2026"
        assert date_format(moment.time(), "TIME_FORMAT") == "07:42"
