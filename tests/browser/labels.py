"""Label geometry of a vis-network map as drawn: each node label's on-screen box, and the pairs
of labels whose boxes overlap.

vis-network draws a dot's label on one line, centred under the node, and keeps the box it drew
in ``node.labelModule.size`` (canvas units: left, top, width, height, measured with the
canvas's own ``measureText``, so CJK and Latin widths are exact). The boxes are read after two
animation frames, so that a font change made when the layout finished has been drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# one screen pixel of shared edge is touching, not overlapping
_TOUCH_PX = 1.0

_LABEL_BOXES_JS = """async () => {
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const net = window.kgNetwork;
  const scale = net.getScale();
  return net.body.data.nodes.getIds().map(id => {
    const node = net.body.nodes[id];
    const s = node.labelModule.size;
    const topLeft = net.canvasToDOM({x: s.left, y: s.top});
    return {id: String(id), label: String(node.options.label || ''),
            x: topLeft.x, y: topLeft.y, w: s.width * scale, h: s.height * scale};
  });
}"""


@dataclass(frozen=True, slots=True)
class LabelBox:
    """A label's box on screen, in CSS pixels relative to the map's canvas."""

    id: str
    label: str
    x: float
    y: float
    w: float
    h: float

    def overlap(self, other: LabelBox) -> tuple[float, float]:
        """The width and height shared with `other` (negative: the gap between them)."""
        dx = min(self.x + self.w, other.x + other.w) - max(self.x, other.x)
        dy = min(self.y + self.h, other.y + other.h) - max(self.y, other.y)
        return dx, dy


def label_boxes(pg: Any) -> list[LabelBox]:
    """Every drawn node label's box at the current zoom (labels not drawn have no box)."""
    return [LabelBox(**b) for b in pg.evaluate(_LABEL_BOXES_JS) if b["w"] > 0 and b["h"] > 0]


def overlapping_pairs(boxes: list[LabelBox]) -> list[tuple[str, str]]:
    """The pairs of labels sharing more than a pixel of width and of height."""
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            dx, dy = a.overlap(b)
            if dx > _TOUCH_PX and dy > _TOUCH_PX:
                out.append((a.label, b.label))
    return out
