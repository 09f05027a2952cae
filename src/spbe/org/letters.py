"""What every official letter's frame needs: the kop surat of the issuing agency, the place and
date line and who signs (core/letter.html). Modules add their own subject, addressee and body."""

import io

from django.utils import timezone


def emblem_data_uri(government) -> str:
    """The government's emblem inlined for the PDF; "" when missing or damaged (a letter must
    never fail for want of a logo)."""
    if not government.logo:
        return ""
    import base64

    from PIL import Image

    kind = "png" if government.logo.name.lower().endswith(".png") else "jpeg"
    try:
        with government.logo.open("rb") as handle:
            data = handle.read()
        Image.open(io.BytesIO(data)).verify()
    except (OSError, SyntaxError, ValueError):
        return ""
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"


def agency_head(agency):
    """The person who signs for an agency: its head by role, else someone whose position starts
    with "Kepala"; None when neither is recorded (the letter then leaves the name to be filled)."""
    from .models import Person

    if agency is None:
        return None
    head = (
        Person.objects.filter(
            user__role_assignments__role="agency_head", user__role_assignments__agency=agency, agency=agency
        )
        .order_by("pk")
        .first()
    )
    return head or Person.objects.filter(agency=agency, position__istartswith="Kepala").order_by("pk").first()


def place_of(government) -> str:
    """The town of the address ("Jl. ..., Parigi, Sulawesi Tengah" -> "Parigi")."""
    return government.address.split(",")[1].strip() if government.address.count(",") >= 2 else ""


def letterhead(government, agency=None) -> dict:
    """The frame of a letter issued by `agency` (default: the government's ICT office)."""
    office = agency or government.ict_office
    return {
        "government": government,
        "office": office,
        "emblem": emblem_data_uri(government),
        "place": place_of(government),
        "today": timezone.localdate(),
        "signatory": agency_head(office),
        "signatory_title": f"Kepala {office.name}" if office else "Kepala Dinas Komunikasi dan Informatika",
    }
