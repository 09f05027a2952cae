from django import template

from spbe.datasets import selectors, tabular

register = template.Library()


@register.simple_tag(takes_context=True)
def dataset_quality(context, dataset):
    return selectors.quality(dataset, context["request"].user)


@register.filter
def problem_texts(problems):
    return [tabular.problem_text(p) for p in problems or []]


@register.simple_tag(takes_context=True)
def linked_applications(context, dataset):
    """The applications producing or using the dataset; one the viewer may not see (a CLOSED
    application of another agency) shows only that it is there."""
    from spbe.core import references

    shown = references.for_user(context["request"].user)
    return [{"label": shown.label(app), "url": shown.url(app)} for app in dataset.applications.all()]


@register.simple_tag
def metadata_sections(dataset):
    """The Satu Data metadata as every viewer of the dataset reads it: the schema's sections with
    the values filled in (a LIMITED dataset is described to all staff; only its files are shared
    under agreements)."""
    from spbe.datasets import metadata

    values = dataset.metadata or {}
    shown = []
    for section in metadata.sections():
        rows = [
            (f.label, values.get(f.key)) for f in section.fields if str(values.get(f.key, "") or "").strip()
        ]
        if rows:
            shown.append({"label": section.label, "rows": rows})
    return shown
