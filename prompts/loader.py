"""Prompt templates as text files, per kind and language, with the variables each one takes.

Templates live in `prompts/templates/<name>.<language>.txt` and use `string.Template` placeholders
(`$name`). Every template's variables are declared below: a file that drifts from its declaration
fails on load, and a render with a missing or unknown variable fails loudly instead of sending
"$products" to a customer. `phrases.<language>.txt` holds short `key = text` phrases.
"""
from __future__ import annotations

from importlib import resources
from string import Template

from core.errors import GuideCopilotError

LANGUAGES = ("zh", "en")

MESSAGE_KINDS = (
    "care_checkin",
    "silent_recall",
    "first_to_second",
    "birthday",
    "new_arrival",
    "repurchase_reminder",
    "reply",
)

_WITH_HISTORY = frozenset({"greeting", "guide_name", "last_purchase", "products", "brief", "closing"})
_WITHOUT_HISTORY = _WITH_HISTORY - {"last_purchase"}

TEMPLATE_VARIABLES: dict[str, frozenset[str]] = {
    "care_checkin": _WITH_HISTORY,
    "silent_recall": _WITH_HISTORY,
    "first_to_second": _WITH_HISTORY,
    "birthday": _WITHOUT_HISTORY,
    "new_arrival": _WITHOUT_HISTORY,
    "repurchase_reminder": _WITH_HISTORY,
    "reply": _WITHOUT_HISTORY,
    "system": frozenset({"guide_name", "tone", "emoji_rule", "max_chars", "output_rule"}),
    "llm_user": frozenset({"goal", "adjust", "customer", "products", "brief", "content", "skeleton"}),
    "qa_system": frozenset({"max_chars"}),
    "qa_user": frozenset({"question", "products", "content"}),
}


class PromptError(GuideCopilotError):
    code = "prompt"


def _identifiers(template: Template) -> set[str]:
    if not template.is_valid():
        raise PromptError(f"invalid placeholder in template: {template.template[:60]!r}")
    return set(template.get_identifiers())


def _substitute(name: str, template: Template, declared: frozenset[str], values: dict) -> str:
    missing = declared - values.keys()
    unknown = values.keys() - declared
    if missing or unknown:
        raise PromptError(
            f"template {name!r}: missing {sorted(missing)}, unknown {sorted(unknown)}"
        )
    return template.substitute({key: str(value) for key, value in values.items()})


class PromptLibrary:
    """Reads the template files once per instance; the composition root owns the instance."""

    def __init__(self, package: str = "prompts.templates") -> None:
        self._package = package
        self._templates: dict[tuple[str, str], Template] = {}
        self._phrases: dict[str, dict[str, Template]] = {}

    def _read(self, filename: str) -> str:
        try:
            return resources.files(self._package).joinpath(filename).read_text("utf-8")
        except FileNotFoundError as exc:
            raise PromptError(f"no prompt file {filename!r}") from exc

    def template(self, name: str, language: str) -> Template:
        if name not in TEMPLATE_VARIABLES:
            raise PromptError(f"unknown template {name!r}")
        if language not in LANGUAGES:
            raise PromptError(f"unsupported language {language!r}")
        key = (name, language)
        if key not in self._templates:
            template = Template(self._read(f"{name}.{language}.txt").strip())
            found = _identifiers(template)
            if found != TEMPLATE_VARIABLES[name]:
                raise PromptError(
                    f"{name}.{language}.txt uses {sorted(found)}, "
                    f"declared {sorted(TEMPLATE_VARIABLES[name])}"
                )
            self._templates[key] = template
        return self._templates[key]

    def render(self, name: str, language: str, **values: object) -> str:
        template = self.template(name, language)
        return _substitute(name, template, TEMPLATE_VARIABLES[name], values)

    def variables(self, name: str) -> frozenset[str]:
        if name not in TEMPLATE_VARIABLES:
            raise PromptError(f"unknown template {name!r}")
        return TEMPLATE_VARIABLES[name]

    def _phrase_table(self, language: str) -> dict[str, Template]:
        if language not in LANGUAGES:
            raise PromptError(f"unsupported language {language!r}")
        if language not in self._phrases:
            table: dict[str, Template] = {}
            for line in self._read(f"phrases.{language}.txt").splitlines():
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                key, sep, text = line.partition("=")
                if not sep:
                    raise PromptError(f"phrases.{language}.txt: no '=' in {line!r}")
                table[key.strip()] = Template(text.strip())
            self._phrases[language] = table
        return self._phrases[language]

    def phrase(self, language: str, key: str, **values: object) -> str:
        """A short phrase; its variables are exactly the placeholders it contains."""
        table = self._phrase_table(language)
        if key not in table:
            raise PromptError(f"no phrase {key!r} for {language!r}")
        template = table[key]
        return _substitute(key, template, frozenset(_identifiers(template)), values)

    def has_phrase(self, language: str, key: str) -> bool:
        return key in self._phrase_table(language)

    def phrase_keys(self, language: str) -> list[str]:
        return sorted(self._phrase_table(language))
