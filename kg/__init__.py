"""policy-kg: a knowledge graph of Chinese policy concepts."""

__version__ = "0.1.0"
