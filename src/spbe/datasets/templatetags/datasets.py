from django import template

from spbe.datasets import selectors, tabular

register = template.Library()


@register.simple_tag(takes_context=True)
def dataset_quality(context, dataset):
    return selectors.quality(dataset, context["request"].user)


@register.filter
def problem_texts(problems):
    return [tabular.problem_text(p) for p in problems or []]
