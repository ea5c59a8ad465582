"""Themes of a framework: a name, a description and example phrases (any framework works)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Theme:
    """``name`` identifies the theme in labels; ``title`` (if given) is what people call it,
    used instead of the name for zero-shot matching (a product's themes have stable keys)."""

    name: str
    description: str = ""
    examples: tuple[str, ...] = field(default_factory=tuple)
    title: str = ""

    def phrases(self) -> list[str]:
        """Texts that describe the theme, for zero-shot matching (title or name first)."""
        out = [self.title or self.name]
        if self.description.strip():
            out.append(self.description.strip())
        out.extend(e.strip() for e in self.examples if e.strip())
        return out

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "description": self.description,
            "examples": list(self.examples),
            "title": self.title,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Theme:
        return cls(
            data["name"],
            data.get("description", ""),
            tuple(data.get("examples", ())),
            data.get("title", ""),
        )


def as_themes(items: Iterable[Theme | str | dict]) -> list[Theme]:
    """Accept Theme objects, plain names or dicts; keep order, drop repeated names."""
    out: dict[str, Theme] = {}
    for item in items:
        if isinstance(item, Theme):
            theme = item
        elif isinstance(item, dict):
            theme = Theme.from_dict(item)
        else:
            theme = Theme(str(item))
        out.setdefault(theme.name, theme)
    return list(out.values())
