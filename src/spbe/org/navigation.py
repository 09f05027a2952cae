"""What each role finds in the navigation: the sections and entries it can use (core/navigation.py).

A role sees what it works with; reading rights are unchanged (a direct link still opens what the
policy lets the user see). Roles not listed for a key do not see it in the menu.
"""

from spbe.core import navigation

from .choices import Role

ADMINS = (Role.PLATFORM_ADMIN, Role.ICT_ADMIN)
AGENCY_STAFF = (Role.AGENCY_ADMIN, Role.AGENCY_HEAD)
EVERYONE_BUT_DESK = (
    *ADMINS,
    *AGENCY_STAFF,
    Role.LEADER,
    Role.COORDINATION_TEAM,
    Role.AUDITOR,
    Role.DATA_STEWARD,
)

AUDIENCE = {
    # sections
    "planning": EVERYONE_BUT_DESK,
    "compliance": EVERYONE_BUT_DESK,
    # entries
    "org:roleassignment_list": (*ADMINS, *AGENCY_STAFF),
    "org:government_list": ADMINS,
    "org:decree_list": (*ADMINS, *AGENCY_STAFF, Role.LEADER, Role.COORDINATION_TEAM, Role.AUDITOR),
    "org:coordinationteam_list": (*ADMINS, Role.LEADER, Role.COORDINATION_TEAM, Role.AUDITOR),
    "compliance:my_agency": (*AGENCY_STAFF, Role.DATA_STEWARD),
    "compliance:regulation_list": (*ADMINS, *AGENCY_STAFF, Role.LEADER, Role.COORDINATION_TEAM, Role.AUDITOR),
    "applications:applicationrelease_list": (*ADMINS, *AGENCY_STAFF, Role.AUDITOR, Role.SERVICE_DESK_TIER2),
    "applications:applicationdocument_list": (*ADMINS, *AGENCY_STAFF, Role.AUDITOR),
    "applications:applicationintegration_list": (
        *ADMINS,
        *AGENCY_STAFF,
        Role.AUDITOR,
        Role.SERVICE_DESK_TIER2,
    ),
    "applications:commonapplication_list": (*ADMINS, *AGENCY_STAFF, Role.LEADER, Role.AUDITOR),
    "core:signing_key": ADMINS,
}


def register() -> None:
    for key, roles in AUDIENCE.items():
        navigation.restrict_to(key, roles)
