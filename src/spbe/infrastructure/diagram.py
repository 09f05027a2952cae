"""The network as recorded, drawn on the server as SVG (no script, no external file): data-centre
facilities in the middle, agencies around them, WAN links as lines labelled with medium and
capacity, and under each agency its local networks and the blocks allocated to it. A few queries
whatever the size; the drawing is bounded (MAX_AGENCIES) and says when it left agencies out."""

import math
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.translation import gettext as _

from .choices import DATA_CENTER_KINDS, LinkStatus
from .models import Facility, LocalNetwork, Prefix, WanLink

MAX_AGENCIES = 60
MAX_LINES = 4


@dataclass
class Node:
    key: str
    label: str
    kind: str  # "facility" | "agency"
    lines: list = field(default_factory=list)
    x: float = 0
    y: float = 0


@dataclass
class Inventory:
    nodes: dict
    edges: list
    left_out: int = 0

    @property
    def counts(self) -> dict:
        return {
            "agencies": sum(1 for n in self.nodes.values() if n.kind == "agency"),
            "facilities": sum(1 for n in self.nodes.values() if n.kind == "facility"),
            "links": len(self.edges),
        }


def _agency_label(agency) -> str:
    return agency.short_name or agency.name


def inventory(user, agency_id: int | None = None) -> Inventory:
    links = (
        WanLink.objects.restrict(user)
        .exclude(status=LinkStatus.RETIRED)
        .select_related("a_agency", "b_agency", "b_facility")
    )
    if agency_id:
        links = links.filter(a_agency_id=agency_id) | links.filter(b_agency_id=agency_id)
    nodes: dict[str, Node] = {}
    for facility in Facility.objects.restrict(user).filter(kind__in=DATA_CENTER_KINDS).order_by("name")[:6]:
        nodes[f"f{facility.pk}"] = Node(
            f"f{facility.pk}", facility.name, "facility", [facility.get_kind_display()]
        )
    edges = []
    for link in links.order_by("name", "pk")[: MAX_AGENCIES * 2]:
        a = nodes.setdefault(
            f"a{link.a_agency_id}", Node(f"a{link.a_agency_id}", _agency_label(link.a_agency), "agency")
        )
        if link.b_agency_id:
            b = nodes.setdefault(
                f"a{link.b_agency_id}", Node(f"a{link.b_agency_id}", _agency_label(link.b_agency), "agency")
            )
        else:
            b = nodes.setdefault(
                f"f{link.b_facility_id}", Node(f"f{link.b_facility_id}", link.b_facility.name, "facility")
            )
        capacity = f"{link.capacity_mbps} Mbps" if link.capacity_mbps else ""
        edges.append(
            {
                "a": a.key,
                "b": b.key,
                "label": " ".join(x for x in (link.get_medium_display(), capacity) if x),
                "down": link.status == LinkStatus.DOWN,
            }
        )
    if agency_id and f"a{agency_id}" not in nodes:
        from spbe.org.models import Agency

        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is not None:
            nodes[f"a{agency.pk}"] = Node(f"a{agency.pk}", _agency_label(agency), "agency")
    agency_ids = [int(k[1:]) for k, n in nodes.items() if n.kind == "agency"]
    left_out = max(len(agency_ids) - MAX_AGENCIES, 0)
    for network in (
        LocalNetwork.objects.restrict(user)
        .filter(agency_id__in=agency_ids)
        .select_related("prefix")
        .order_by("name")
    ):
        node = nodes[f"a{network.agency_id}"]
        if len(node.lines) < MAX_LINES:
            node.lines.append(
                _("LAN %(name)s%(prefix)s: %(n)d perangkat")
                % {
                    "name": network.name,
                    "prefix": f" {network.prefix.prefix}" if network.prefix_id else "",
                    "n": network.end_devices,
                }
            )
    for prefix in (
        Prefix.objects.restrict(user).filter(assigned_to_id__in=agency_ids).order_by("family", "first_key")
    ):
        node = nodes[f"a{prefix.assigned_to_id}"]
        if len(node.lines) < MAX_LINES:
            node.lines.append(prefix.prefix)
    _layout(nodes)
    return Inventory(nodes, edges, left_out)


def _layout(nodes: dict) -> None:
    centre = [n for n in nodes.values() if n.kind == "facility"]
    around = [n for n in nodes.values() if n.kind == "agency"]
    width = 1100
    cx, cy = width / 2, 80 + _radius(len(around))
    for i, node in enumerate(centre):
        node.x, node.y = cx + (i - (len(centre) - 1) / 2) * 200, cy
    r = _radius(len(around))
    for i, node in enumerate(around):
        angle = 2 * math.pi * i / max(len(around), 1) - math.pi / 2
        node.x, node.y = cx + r * 1.6 * math.cos(angle), cy + r * math.sin(angle)


def _radius(n: int) -> float:
    return max(180, 24 * n)


def svg(data: Inventory) -> str:
    nodes = data.nodes
    height = int(max([n.y for n in nodes.values()] + [200]) + 120)
    width = 1100
    title = _("Diagram jaringan dari inventaris: %(a)d PD, %(f)d fasilitas, %(l)d tautan WAN") % {
        "a": data.counts["agencies"],
        "f": data.counts["facilities"],
        "l": data.counts["links"],
    }
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" aria-labelledby="net-title" font-family="sans-serif" font-size="12">',
        f'<title id="net-title">{escape(title)}</title>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for edge in data.edges:
        a, b = nodes[edge["a"]], nodes[edge["b"]]
        dash = ' stroke-dasharray="6 4"' if edge["down"] else ""
        colour = "#b42318" if edge["down"] else "#206bc4"
        out.append(
            f'<line class="wan" x1="{a.x:.0f}" y1="{a.y:.0f}" x2="{b.x:.0f}" y2="{b.y:.0f}" stroke="{colour}" stroke-width="2"{dash}/>'
        )
        out.append(
            f'<text x="{(a.x + b.x) / 2:.0f}" y="{(a.y + b.y) / 2 - 4:.0f}" fill="#1d273b" text-anchor="middle">{escape(edge["label"])}</text>'
        )
    for node in nodes.values():
        box_w = 170
        box_h = 22 + 15 * len(node.lines)
        fill = "#e8f1fb" if node.kind == "facility" else "#f4f6fa"
        out.append(
            f'<g class="node {node.kind}" data-key="{node.key}"><rect x="{node.x - box_w / 2:.0f}" y="{node.y - 14:.0f}" width="{box_w}" height="{box_h}" rx="6" fill="{fill}" stroke="#1d273b"/>'
        )
        out.append(
            f'<text x="{node.x:.0f}" y="{node.y + 2:.0f}" text-anchor="middle" font-weight="bold" fill="#1d273b">{escape(node.label[:28])}</text>'
        )
        for i, line in enumerate(node.lines):
            out.append(
                f'<text x="{node.x:.0f}" y="{node.y + 17 + 15 * i:.0f}" text-anchor="middle" fill="#1d273b">{escape(line[:30])}</text>'
            )
        out.append("</g>")
    if not nodes:
        out.append(
            f'<text x="{width / 2}" y="100" text-anchor="middle" fill="#1d273b">{escape(_("Belum ada tautan WAN atau fasilitas yang tercatat."))}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
