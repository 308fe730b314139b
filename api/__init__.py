"""The HTTP API and web explorer over the policy knowledge graph (FastAPI)."""
