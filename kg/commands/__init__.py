"""CLI command modules. Each module here defines `register(app: typer.Typer) -> None`;
kg.cli registers every module of this package, so commands can be added without
editing kg/cli.py."""
