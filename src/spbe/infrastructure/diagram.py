"""The network as recorded, drawn on the server as SVG (no script, no external file): data-centre
facilities in a row in the middle, agencies in rows above and below them, WAN links as lines
labelled with medium and capacity, and in each agency's box its local networks and the blocks
allocated to it. Every box is as wide as its longest line (measured with a conservative estimate
of the font's advance widths); a line longer than MAX_BOX_WIDTH is shortened with an ellipsis and
the box's tooltip (SVG <title>) gives it whole. Boxes are packed in rows, so none overlaps
another. A few queries whatever the size; the drawing is bounded (MAX_AGENCIES) and says when it
left agencies out."""

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
    x: float = 0  # centre of the box
    y: float = 0
    w: float = 0
    h: float = 0
    shown_label: str = ""
    shown_lines: list = field(default_factory=list)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """left, top, right, bottom"""
        return (self.x - self.w / 2, self.y - self.h / 2, self.x + self.w / 2, self.y + self.h / 2)


@dataclass
class Inventory:
    nodes: dict
    edges: list
    left_out: int = 0
    height: float = 200

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
    height = _layout(nodes)
    return Inventory(nodes, edges, left_out, height)


WIDTH = 1100
MARGIN = 20
FONT_SIZE = 12
LINE_HEIGHT = 15
PAD_X, PAD_Y = 10, 6
GAP_X, GAP_Y = 24, 56
MAX_BOX_WIDTH = 300
ELLIPSIS = "\u2026"

# Advance widths in em, on the generous side of common sans-serif fonts (DejaVu Sans, Arial,
# Helvetica), so that a box sized with them holds its text in whichever the viewer uses.
_NARROW = set("ijlI|.,:;' ")
_SEMI = set('frt()[]!`"-/')
_WIDE = set("mwMW@%#&+<=>^~")


def text_width(text: str, bold: bool = False) -> float:
    """An upper estimate of the rendered width of `text` in pixels at FONT_SIZE."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.36
        elif char in _SEMI:
            em += 0.5
        elif char in _WIDE:
            em += 1.0
        elif char.isupper():
            em += 0.8
        else:
            em += 0.66
    return em * FONT_SIZE * (1.12 if bold else 1.0)


def fit(text: str, limit: float, bold: bool = False) -> str:
    """`text`, or as much of it as fits `limit` pixels followed by an ellipsis."""
    if text_width(text, bold) <= limit:
        return text
    while text and text_width(text + ELLIPSIS, bold) > limit:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def _size(node: Node) -> None:
    inner = MAX_BOX_WIDTH - 2 * PAD_X
    node.shown_label = fit(node.label, inner, bold=True)
    node.shown_lines = [fit(line, inner) for line in node.lines]
    widest = max([text_width(node.shown_label, bold=True), *(text_width(line) for line in node.shown_lines)])
    node.w = round(widest + 2 * PAD_X)
    node.h = 2 * PAD_Y + LINE_HEIGHT * (1 + len(node.shown_lines))


def _rows(nodes: list) -> list[list]:
    rows, row, used = [], [], 0.0
    for node in nodes:
        need = node.w + (GAP_X if row else 0)
        if row and used + need > WIDTH - 2 * MARGIN:
            rows.append(row)
            row, used, need = [], 0.0, node.w
        row.append(node)
        used += need
    if row:
        rows.append(row)
    return rows


def _place(rows: list[list], top: float) -> float:
    """Place each row centred across the drawing from `top` down; return the bottom."""
    for row in rows:
        height = max(n.h for n in row)
        x = (WIDTH - (sum(n.w for n in row) + GAP_X * (len(row) - 1))) / 2
        for node in row:
            node.x, node.y = x + node.w / 2, top + height / 2
            x += node.w + GAP_X
        top += height + GAP_Y
    return top


def _layout(nodes: dict) -> float:
    """Size every box, then place agencies in rows above and below the row of facilities (half
    above, half below, so links fan out both ways). Returns the drawing's height."""
    for node in nodes.values():
        _size(node)
    centre = [n for n in nodes.values() if n.kind == "facility"]
    around = [n for n in nodes.values() if n.kind == "agency"]
    half = (len(around) + 1) // 2
    top = _place(_rows(around[:half]), MARGIN + 24)
    top = _place(_rows(centre), top)
    bottom = _place(_rows(around[half:]), top)
    return bottom - GAP_Y + MARGIN if nodes else 200


def overlaps(nodes) -> list[tuple[str, str]]:
    """Pairs of node boxes that intersect (none, by construction; the tests check it)."""
    boxes = [(n.key, n.box) for n in nodes]
    found = []
    for i, (key_a, a) in enumerate(boxes):
        for key_b, b in boxes[i + 1 :]:
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                found.append((key_a, key_b))
    return found


def svg(data: Inventory) -> str:
    nodes = data.nodes
    height = int(max(data.height, 200))
    width = WIDTH
    title = _("Diagram jaringan dari inventaris: %(a)d PD, %(f)d fasilitas, %(l)d tautan WAN") % {
        "a": data.counts["agencies"],
        "f": data.counts["facilities"],
        "l": data.counts["links"],
    }
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" aria-labelledby="net-title" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="{FONT_SIZE}">',
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
            f'<text class="link-label" x="{(a.x + b.x) / 2:.0f}" y="{(a.y + b.y) / 2 - 4:.0f}" fill="#1d273b" text-anchor="middle" paint-order="stroke" stroke="#ffffff" stroke-width="3">{escape(edge["label"])}</text>'
        )
    for node in nodes.values():
        left, top, _right, _bottom = node.box
        fill = "#e8f1fb" if node.kind == "facility" else "#f4f6fa"
        tooltip = "\n".join([node.label, *node.lines])
        out.append(
            f'<g class="node {node.kind}" data-key="{node.key}"><title>{escape(tooltip)}</title>'
            f'<rect x="{left:.0f}" y="{top:.0f}" width="{node.w:.0f}" height="{node.h:.0f}" rx="6" fill="{fill}" stroke="#1d273b"/>'
        )
        baseline = top + PAD_Y + LINE_HEIGHT - 3
        out.append(
            f'<text x="{node.x:.0f}" y="{baseline:.0f}" text-anchor="middle" font-weight="bold" fill="#1d273b">{escape(node.shown_label)}</text>'
        )
        for i, line in enumerate(node.shown_lines):
            out.append(
                f'<text x="{node.x:.0f}" y="{baseline + LINE_HEIGHT * (i + 1):.0f}" text-anchor="middle" fill="#1d273b">{escape(line)}</text>'
            )
        out.append("</g>")
    if not nodes:
        out.append(
            f'<text x="{width / 2}" y="100" text-anchor="middle" fill="#1d273b">{escape(_("Belum ada tautan WAN atau fasilitas yang tercatat."))}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
