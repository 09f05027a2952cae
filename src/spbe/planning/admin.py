from django.contrib import admin

from .models import (
    AgencyNeed,
    Architecture,
    ArchitectureItem,
    BudgetLine,
    BusinessProcess,
    MasterPlan,
    ReferenceModel,
    Review,
    Roadmap,
    RoadmapItem,
    Service,
)

for model in (
    ReferenceModel,
    Architecture,
    ArchitectureItem,
    Roadmap,
    RoadmapItem,
    MasterPlan,
    BudgetLine,
    Service,
    BusinessProcess,
    Review,
    AgencyNeed,
):
    admin.site.register(model, search_fields=getattr(model, "search_fields", ()))
