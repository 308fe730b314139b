"""Build real DocumentExtractions from plain sentences, for store, query and API tests."""

from __future__ import annotations

from kg.model import (
    Category,
    ConceptRecord,
    Document,
    DocumentExtraction,
    Evidence,
    Mention,
    RelationRecord,
    RelationType,
    document_id,
)


def make_extraction(
    title: str,
    sentences: list[str],
    concepts: dict[str, Category],
    relations: list[tuple[str, RelationType, str]] = (),  # type: ignore[assignment]
    *,
    date: str | None = None,
    aliases: dict[str, list[str]] | None = None,
    members: dict[str, list[str]] | None = None,
) -> DocumentExtraction:
    """Mentions are every occurrence of a concept name (or alias) in the sentences,
    longest first; each relation's evidence is the first sentence naming both ends."""
    aliases = aliases or {}
    members = members or {}
    text = "".join(sentences)
    doc = Document(id=document_id(text), title=title, text=text, date=date, source=f"test:{title}")
    spans: list[tuple[int, int]] = []
    offset = 0
    for s in sentences:
        spans.append((offset, offset + len(s)))
        offset += len(s)
    forms = sorted(
        ((form, name) for name in concepts for form in [name, *aliases.get(name, [])]),
        key=lambda fn: -len(fn[0]),
    )
    mentions: list[Mention] = []
    taken: set[int] = set()
    for idx, (a, b) in enumerate(spans):
        for form, name in forms:
            start = text.find(form, a, b)
            while start != -1:
                rng = set(range(start, start + len(form)))
                if not rng & taken:
                    taken |= rng
                    mentions.append(Mention(name, form, start, start + len(form), idx))
                start = text.find(form, start + len(form), b)
    mentions.sort(key=lambda m: m.start)
    records = tuple(
        ConceptRecord(n, c, tuple(aliases.get(n, [])), tuple(members.get(n, []))) for n, c in concepts.items()
    )
    rels = []
    for head, rtype, tail in relations:
        for idx, (a, b) in enumerate(spans):
            named = {m.name for m in mentions if m.sentence == idx}
            if head in named and tail in named:
                rels.append(RelationRecord(head, rtype, tail, Evidence(doc.id, text[a:b], a, b)))
                break
        else:
            raise ValueError(f"no sentence names both {head} and {tail}")
    return DocumentExtraction(doc, records, tuple(mentions), tuple(rels), tuple(spans), "test")


C = Category
R = RelationType

FOUNDING = make_extraction(
    "founding speech",
    [
        "人民代表大会制度是实现我国全过程人民民主的重要制度载体。",
        "坚持党的领导、人民当家作主、依法治国有机统一。",
        "党的领导是人民当家作主和依法治国的根本保证。",
        "要增强四个意识、坚定四个自信、做到两个维护。",
        "全过程人民民主是社会主义民主政治的本质属性。",
    ],
    {
        "人民代表大会制度": C.SYSTEM,
        "全过程人民民主": C.IDEA,
        "党的领导": C.IDEA,
        "人民当家作主": C.IDEA,
        "依法治国": C.IDEA,
        "四个意识": C.FORMULA,
        "四个自信": C.FORMULA,
        "两个维护": C.FORMULA,
        "社会主义民主政治": C.IDEA,
    },
    [
        ("人民代表大会制度", R.CARRIER_OF, "全过程人民民主"),
        ("党的领导", R.UNIFIED_WITH, "人民当家作主"),
        ("党的领导", R.UNIFIED_WITH, "依法治国"),
        ("人民当家作主", R.UNIFIED_WITH, "依法治国"),
        ("党的领导", R.GUARANTEES, "人民当家作主"),
        ("党的领导", R.GUARANTEES, "依法治国"),
        ("全过程人民民主", R.ESSENTIAL_FEATURE_OF, "社会主义民主政治"),
    ],
    date="2021-11-20",
    aliases={"人民代表大会制度": ["人大制度"]},
    members={"四个意识": ["政治意识", "大局意识", "核心意识", "看齐意识"]},
)

REPORT = make_extraction(
    "congress report",
    [
        "发展全过程人民民主，保障人民当家作主。",
        "人民代表大会制度是坚持党的领导、人民当家作主、依法治国有机统一的根本政治制度安排。",
        "人大制度要与时俱进。",
    ],
    {
        "全过程人民民主": C.IDEA,
        "人民当家作主": C.IDEA,
        "人民代表大会制度": C.SYSTEM,
        "党的领导": C.IDEA,
        "依法治国": C.IDEA,
    },
    [("全过程人民民主", R.GUARANTEES, "人民当家作主")],
    date="2022-10-16",
    aliases={"人民代表大会制度": ["人大制度"]},
)


#: the concepts of a first lesson on 全过程人民民主 (all named in data/samples)
LESSON = [
    "全过程人民民主",
    "人民代表大会制度",
    "社会主义民主政治",
    "基层民主",
    "协商民主",
    "人民当家作主",
    "党的领导",
    "依法治国",
]
