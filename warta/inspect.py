"""A readable summary of one parse: what ``warta parse FILE`` prints to onboard a new site."""

from __future__ import annotations

from warta.article import ParsedArticle

# Words of each paragraph shown in the summary.
_PREVIEW_WORDS = 10


def format_summary(source_path: str, outcome: ParsedArticle | str) -> str:
    """Matched layout, header fields, paragraphs (index, source line, first words), markers and
    warnings of ``outcome``; for a rejection (a reason string) the file and the reason."""
    if isinstance(outcome, str):
        return f"{source_path}\n  rejected: {outcome}"
    a = outcome
    fields = [
        ("layout", a.layout),
        ("site", a.site),
        ("section", a.section),
        ("title", a.title),
        ("author", a.author),
        ("published", a.published_at.isoformat() if a.published_at else None),
        ("as printed", a.published_text),
        ("has time", a.published_has_time),
        ("dateline", a.dateline),
        ("caption", a.image_caption),
        ("language", a.language),
        ("url", a.url),
        ("article id", a.article_id),
    ]
    lines = [source_path]
    lines += [f"  {name:11} {value if value is not None else '-'}" for name, value in fields]
    words = sum(p.word_count for p in a.paragraphs)
    lines.append(f"  paragraphs  {len(a.paragraphs)} ({words} words)")
    for p in a.paragraphs:
        preview = " ".join(p.text.split()[:_PREVIEW_WORDS])
        ellipsis = " …" if p.word_count > _PREVIEW_WORDS else ""
        lines.append(f"    {p.index:>3} L{p.source_line:<5} {preview}{ellipsis}")
    lines.append(f"  markers     {len(a.ad_markers)}")
    for m in a.ad_markers:
        lines.append(
            f"    L{m.source_line:<5} {m.kind:14} {m.zone:8} after {m.after_paragraph_index:>3}"
            f"  {m.text[:60]}"
        )
    lines.append(f"  warnings    {'; '.join(a.warnings) if a.warnings else '-'}")
    return "\n".join(lines)
