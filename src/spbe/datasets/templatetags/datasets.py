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
