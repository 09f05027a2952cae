"""The network map drawn from the demo inventory: no two boxes intersect, and every label fits its
box as DejaVu Sans (the platform's font) renders it; a name too long for a box is shortened with an
ellipsis and given whole in the box's tooltip."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from PIL import ImageFont

from spbe.infrastructure.choices import FacilityKind
from spbe.infrastructure.models import Facility

SVG = "{http://www.w3.org/2000/svg}"
FONTS = "/usr/share/fonts/truetype/dejavu/DejaVuSans{}.ttf"


@pytest.fixture(scope="module")
def fonts():
    return {
        False: ImageFont.truetype(FONTS.format(""), 12),
        True: ImageFont.truetype(FONTS.format("-Bold"), 12),
    }


def _boxes(svg_text, fonts):
    root = ET.fromstring(svg_text)
    boxes = []
    for group in root.iter(f"{SVG}g"):
        if "node" not in group.get("class", ""):
            continue
        rect = group.find(f"{SVG}rect")
        left, top = float(rect.get("x")), float(rect.get("y"))
        right, bottom = left + float(rect.get("width")), top + float(rect.get("height"))
        texts = []
        for text in group.findall(f"{SVG}text"):
            width = fonts[text.get("font-weight") == "bold"].getlength(text.text)
            x, y = float(text.get("x")), float(text.get("y"))
            texts.append((text.text, x - width / 2, x + width / 2, y))
        boxes.append(
            {
                "key": group.get("data-key"),
                "box": (left, top, right, bottom),
                "texts": texts,
                "title": group.find(f"{SVG}title").text,
            }
        )
    return boxes


def test_the_demo_network_map_has_no_overlapping_boxes_and_every_label_fits(db, client, fonts):
    call_command("demo")
    Facility.objects.create(
        name="Pusat Data Cadangan Pemerintah Kabupaten di Kompleks Perkantoran Bumi Sagu Baru Lantai Tiga",
        kind=FacilityKind.NATIONAL,
    )
    client.force_login(get_user_model().objects.get(username="kominfo"))
    response = client.get("/infrastructure/network-map/?format=svg")
    boxes = _boxes(response.content.decode(), fonts)
    assert sum(1 for b in boxes if b["key"].startswith("f")) >= 3  # data centre, DRC, PDN ...
    assert sum(1 for b in boxes if b["key"].startswith("a")) >= 8
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            (l1, t1, r1, b1), (l2, t2, r2, b2) = a["box"], b["box"]
            assert not (l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1), (a["key"], b["key"])
    for node in boxes:
        left, top, right, bottom = node["box"]
        for text, text_left, text_right, baseline in node["texts"]:
            assert left < text_left and text_right < right, (node["key"], text)
            assert top < baseline - 9 and baseline + 3 < bottom, (node["key"], text)
    long_box = next(b for b in boxes if "Bumi Sagu Baru Lantai Tiga" in b["title"])
    shown = long_box["texts"][0][0]
    assert shown.endswith("\u2026") and shown[:-1].strip() in long_box["title"]
