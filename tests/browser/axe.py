"""axe-core (vendored from npm, tests/browser/vendor/README.md) run inside the page under test."""

from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = ("serious", "critical")


def violations(page) -> list[dict]:
    """Serious and critical axe violations of the current page, with a few offending nodes each."""
    page.evaluate(AXE_SOURCE)  # evaluated through the debugging protocol: the page's CSP stays strict
    return page.evaluate(
        """async (blocking) => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.filter(v => blocking.includes(v.impact)).map(v => ({
                id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
            }));
        }""",
        list(BLOCKING),
    )
