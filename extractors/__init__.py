"""Extractors of policy concepts and relations from Chinese text (spaCy + jieba + lexicon)."""
