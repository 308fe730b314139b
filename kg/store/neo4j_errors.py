"""What a Neo4j error means for the user of the Neo4j store, in words.

One job: classify the driver's and the server's errors and word them as one-line
messages naming the settings to check. Pure: no driver, no I/O; the store
(`kg.store.neo4j`) catches the errors and raises what these functions return.
"""

from __future__ import annotations

import re

from neo4j.exceptions import AuthError, Neo4jError

from kg.store.base import StoreMisconfigured

DATABASE_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"
CREDENTIALS_EXPIRED = "Neo.ClientError.Security.CredentialsExpired"
AUTHENTICATION_RATE_LIMIT = "Neo.ClientError.Security.AuthenticationRateLimit"
_GRAPH_NOT_FOUND = re.compile(r"Graph not found: (\S+)")


def one_line(exc: object) -> str:
    """An error's text on one line (the driver's and the server's messages hold newlines)."""
    return " ".join(str(exc).split())


def names_other_database(exc: Neo4jError, database: str) -> bool:
    """Whether a DatabaseNotFound error is about a database other than `database`
    (a user's Cypher may name one: `USE other ...`)."""
    found = _GRAPH_NOT_FOUND.search(exc.message or "")
    return found is not None and found.group(1).casefold() != database.casefold()


def configuration_problem(
    exc: Neo4jError,
    *,
    uri: str | None,
    user: str | None,
    database: str,
    login_sent: bool = True,
) -> StoreMisconfigured | None:
    """The setting to fix, when Neo4j's error `exc` says the server answered but cannot be
    used as configured (a refused login, a password to change, no such database); else None.

    `user` is the user logged in as (None when unknown), `login_sent` False when no login
    was sent (NEO4J_PASSWORD empty). The message is one line, naming the variables to check."""
    where = f"Neo4j at {uri}" if uri else "Neo4j"
    as_user = f" for user {user}" if user else ""
    if exc.code == DATABASE_NOT_FOUND:
        return StoreMisconfigured(f"Neo4j has no database '{database}'; check NEO4J_DATABASE")
    if exc.code == CREDENTIALS_EXPIRED:
        shell = f"cypher-shell -a {uri} -u {user or 'neo4j'} -d system" if uri else "cypher-shell -d system"
        return StoreMisconfigured(
            f"{where} accepted the login{as_user}, but the password must be changed before use "
            "(a new server asks this of its initial password); change it on the system database, e.g. "
            f"`{shell} \"ALTER CURRENT USER SET PASSWORD FROM '<current>' TO '<new>'\"`, "
            "then set NEO4J_PASSWORD to the new one"
        )
    if exc.code == AUTHENTICATION_RATE_LIMIT:
        return StoreMisconfigured(
            f"{where} refused the login{as_user} after too many failed attempts; "
            "check NEO4J_USER/NEO4J_PASSWORD, then try again in a few seconds"
        )
    if isinstance(exc, AuthError):
        if not login_sent:
            return StoreMisconfigured(
                f"{where} asks for a login, and none was sent (NEO4J_PASSWORD is empty); "
                "set NEO4J_USER/NEO4J_PASSWORD"
            )
        return StoreMisconfigured(f"{where} refused the login{as_user}; check NEO4J_USER/NEO4J_PASSWORD")
    return None


__all__ = [
    "AUTHENTICATION_RATE_LIMIT",
    "CREDENTIALS_EXPIRED",
    "DATABASE_NOT_FOUND",
    "configuration_problem",
    "names_other_database",
    "one_line",
]
