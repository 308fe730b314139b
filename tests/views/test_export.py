from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from kg.export import FORMATS, edge_id, write_export, xml_safe
from kg.store.networkx_store import NetworkxStore
from tests.factories import C, R, make_extraction


def _expected(store: NetworkxStore) -> tuple[set[str], set[str]]:
    return {c.id for c in store.iter_concepts()}, {edge_id(r) for r in store.iter_relations()}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_round_trip_through_networkx(store: NetworkxStore, tmp_path: Path, fmt: str) -> None:
    path = write_export(store, fmt, tmp_path / f"g.{fmt}")
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    nodes, edges = _expected(store)
    assert set(g.nodes) == nodes
    assert g.number_of_edges() == len(edges)
    party = next(n for n, d in g.nodes(data=True) if d["label"] == "党的领导")
    attrs = g.nodes[party]
    assert attrs["category"] == "idea" and int(attrs["mention_count"]) >= 1
    assert {attrs.get("name"), attrs["label"]} == {"党的领导"}
    carrier = [d for _, _, d in g.edges(data=True) if d.get("relation") == "CARRIER_OF"]
    assert len(carrier) == 1
    assert "人民代表大会制度是实现我国全过程人民民主的重要制度载体" in carrier[0]["evidence"]
    assert float(carrier[0]["weight"]) >= 1
    if fmt == "graphml":
        ids = {k for _, _, k in g.edges(keys=True)}
        assert ids == edges  # stable edge ids survive
    text = path.read_text(encoding="utf-8")
    assert "<img src=x onerror=alert(1)>" not in text  # XML-escaped
    # the same store exports the same bytes twice (stable)
    again = write_export(store, fmt, tmp_path / f"again.{fmt}")
    if fmt == "graphml":
        assert again.read_bytes() == path.read_bytes()


def test_json_export(store: NetworkxStore, tmp_path: Path) -> None:
    data = json.loads(write_export(store, "json", tmp_path / "g.json").read_text(encoding="utf-8"))
    nodes, edges = _expected(store)
    assert {c["id"] for c in data["concepts"]} == nodes
    assert {r["id"] for r in data["relations"]} == edges
    assert len(data["documents"]) == 3
    doc_ids = {d["id"] for d in data["documents"]}
    for r in data["relations"]:
        assert r["evidence"] and all(e["document_id"] in doc_ids for e in r["evidence"])


@pytest.mark.parametrize("target", ["out.zip", "outdir"])
def test_csv_export(store: NetworkxStore, tmp_path: Path, target: str) -> None:
    path = write_export(store, "csv", tmp_path / target)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            files = {n: zf.read(n).decode("utf-8-sig") for n in zf.namelist()}
    else:
        files = {p.name: p.read_text(encoding="utf-8-sig") for p in path.iterdir()}
    assert set(files) == {"concepts.csv", "relations.csv", "evidence.csv", "documents.csv"}
    rels = list(csv.DictReader(io.StringIO(files["relations.csv"])))
    evidence = list(csv.DictReader(io.StringIO(files["evidence.csv"])))
    assert {r["id"] for r in rels} == _expected(store)[1]
    assert {e["relation_id"] for e in evidence} == {r["id"] for r in rels}


def test_a_csv_export_to_a_name_ending_in_csv_is_refused_before_anything_is_written(
    store: NetworkxStore, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match=r"four tables .*folder or a \.zip file, not .*graph\.csv"):
        write_export(store, "csv", tmp_path / "graph.csv")
    assert not (tmp_path / "graph.csv").exists()


def test_unknown_format(store: NetworkxStore, tmp_path: Path) -> None:
    assert FORMATS == ("graphml", "gexf", "json", "csv")
    with pytest.raises(ValueError):
        write_export(store, "xlsx", tmp_path / "x")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_parse_when_texts_hold_control_characters(tmp_path: Path, fmt: str) -> None:
    """XML cannot hold most C0 control characters, even escaped; an ingested text may contain them."""
    store = NetworkxStore(tmp_path / "kg")
    store.add(
        make_extraction(
            "控制\x01字符标题",
            [
                "人民代表大会制度是实现\x0b全过程人民民主的重要制度载体。",
                "协商民主\x1f是实践全过程人民民主的重要形式。",
            ],
            {"人民代表大会制度": C.SYSTEM, "全过程人民民主": C.IDEA, "协商\x01民主": C.IDEA},
            [("人民代表大会制度", R.CARRIER_OF, "全过程人民民主")],
            aliases={"协商\x01民主": ["协商民主"]},
        )
    )
    path = write_export(store, fmt, tmp_path / f"g.{fmt}")
    ET.parse(path)  # well-formed
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert "协商 民主" in {d["label"] for _, d in g.nodes(data=True)}
    carrier = next(d for _, _, d in g.edges(data=True) if d.get("relation") == "CARRIER_OF")
    assert carrier["evidence"] == "人民代表大会制度是实现 全过程人民民主的重要制度载体。"  # length kept


def test_xml_safe_keeps_what_xml_can_hold() -> None:
    assert xml_safe("a\x00b\x08c\x0b\x0c\x1fd\ufffe\uffff") == "a b c   d  "
    kept = "tab\tline\ncr\r 中文 \x7f \u0085 \U0001f600 <&>"
    assert xml_safe(kept) == kept
