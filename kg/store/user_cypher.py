"""What a user's Cypher may do (POST /cypher), and its results as JSON (pure, apart from the
driver's value types).

A user's query is planned first (EXPLAIN) and refused unless Neo4j's own plan shows that it only
reads the graph: `refuse_unless_read_only`. `kg.store.neo4j.Neo4jStore.run_read_cypher` runs it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import neo4j

from kg.store.base import StoreError


class CypherError(StoreError):
    """Neo4j refused a user's Cypher (syntax, a write in a read transaction, the timeout)."""


def jsonable(value: Any) -> Any:
    """A driver value as plain JSON data (nodes, relationships and paths as dicts)."""
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), "properties": jsonable(dict(value))}
    if isinstance(value, neo4j.graph.Relationship):
        return {
            "type": value.type,
            "start": value.start_node.element_id if value.start_node else None,
            "end": value.end_node.element_id if value.end_node else None,
            "properties": jsonable(dict(value)),
        }
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [jsonable(n) for n in value.nodes], "relationships": [jsonable(r) for r in value]}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # temporal and spatial values


# ---------------------------------------------------------------------------
# what a user's Cypher may do (POST /cypher)
# ---------------------------------------------------------------------------

#: the procedures a user's Cypher may call: they read the graph's schema or its full-text index
#: (every other one is refused: dbms.* read the server's settings or end connections,
#: db.clearQueryCaches and db.stats.* change the server's state though Neo4j calls some "READ")
READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
    }
)
_PROCEDURE = re.compile(r"^\s*`?([\w.]+)`?\s*\(")
_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z][a-z]*|[a-z]+")
#: the prefix that plans a user's query without running it
EXPLAIN = "EXPLAIN "
#: the codes of errors in a user's query (rather than in the server or the connection)
USER_ERROR_PREFIXES = ("Neo.ClientError.Statement.", "Neo.ClientError.Procedure.")
_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")


def _clause(operator: str) -> str:
    """`SHOW TRANSACTIONS` for the plan operator ShowTransactions, `LOAD CSV` for LoadCSV."""
    if "Command" in operator:
        return "administration commands"
    return " ".join(w.upper() for w in _WORDS.findall(operator))


def without_explain(message: str) -> str:
    """Neo4j's message about an error in `EXPLAIN <query>` as about the user's query: the
    position and the quoted line lose the prefix (so the caret points at the same place)."""
    n = len(EXPLAIN)

    def position(m: re.Match[str]) -> str:
        line, column, offset = (int(g) for g in m.groups())
        column = max(column - n, 1) if line == 1 else column
        return f"(line {line}, column {column} (offset: {max(offset - n, 0)}))"

    lines = _POSITION.sub(position, message).split("\n")
    for i, text in enumerate(lines):
        if text.startswith('"' + EXPLAIN):
            lines[i] = '"' + text[1 + n :]
            if i + 1 < len(lines) and lines[i + 1].startswith(" " * n) and lines[i + 1].strip() == "^":
                lines[i + 1] = lines[i + 1][n:]
    return "\n".join(lines)


def refuse_unless_read_only(query_type: str | None, plan: Mapping[str, Any] | None) -> None:
    """Raise CypherError unless a query, as Neo4j planned it (the summary of its EXPLAIN:
    `query_type`, `plan`), only reads the graph.

    Neo4j classifies a query as read ('r'), write ('w', 'rw') or schema and administration
    ('s'), but it calls 'r' some clauses that must not run for API clients: SHOW … and
    TERMINATE TRANSACTIONS (they read and end other clients' transactions), LOAD CSV (it
    fetches a URL from the server), and procedures. So the plan is read too: any operator of
    those clauses, any command run on the system database and any procedure not in
    READ_PROCEDURES is refused. The plan is Neo4j's own parse of the query, so neither
    comments, string literals nor parameters can hide a clause from this check."""
    if plan is None:
        raise CypherError("Neo4j gave no plan for the query, so it cannot be checked as read-only")
    todo = [plan]
    while todo:
        op = todo.pop()
        todo.extend(op.get("children") or [])
        name, _, database = str(op.get("operatorType", "")).partition("@")
        if name.startswith(("Show", "Terminate")) or name == "LoadCSV" or "Command" in name:
            raise CypherError(f"only queries that read the graph are allowed, not {_clause(name)}")
        if database.lower() == "system":
            raise CypherError("only queries that read the graph are allowed, not administration commands")
        if name.startswith("ProcedureCall"):
            args = op.get("args") or op.get("arguments") or {}
            found = _PROCEDURE.match(str(args.get("Details", "")))
            procedure = found.group(1) if found else "?"
            if procedure not in READ_PROCEDURES:
                allowed = ", ".join(sorted(READ_PROCEDURES))
                raise CypherError(f"the procedure {procedure} is not allowed (allowed: {allowed})")
    if query_type != "r":
        kind = "schema or administration commands" if query_type == "s" else "writes"
        raise CypherError(f"only queries that read the graph are allowed, not {kind}")
