"""Pure renderers: graph query results to self-contained HTML (and SVG).

Nothing here does I/O beyond reading the vis-network assets that ship with
pyvis; callers decide where the returned text goes.
"""

from kg.views.pyvis_map import Control, MapEdge, MapNode, render_concept_map, render_graph_map, render_map

__all__ = ["Control", "MapEdge", "MapNode", "render_concept_map", "render_graph_map", "render_map"]
