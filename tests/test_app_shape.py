"""Every area app has the one shape, and imports go one way (docs/adr/0009-one-app-shape.md).

Checked from the source (files, sizes and the syntax tree), as test_permission_matrix.py
checks URLs: a new area (an installed app whose AppConfig has `careloop_area`) is checked
too, and a rule broken anywhere fails with the list of offenders. The rules are written in
docs/ARCHITECTURE.md ("The shape of an area") and docs/adding-an-area.md.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps

import careloop

ROOT = Path(careloop.__file__).resolve().parent  # careloop/
PACKAGE = "careloop"
MAX_LINES = 500

# Every area app has these, each a module (views.py) or a package (views/__init__.py).
REQUIRED = ("apps", "permissions", "urls", "models", "services", "selectors", "forms", "views")
# The other modules an area may have, with a fixed meaning.
STANDARD = {
    *REQUIRED,
    "__init__",
    "api",
    "admin",
    "tasks",
    "importers",
    "evidence",
    "bench",
    "receivers",
}
STANDARD_DIRS = {"templatetags", "management", "templates", "static", "migrations"}
BANNED_SUFFIXES = ("_views", "_forms", "_services", "_selectors", "_models")
# Packages that are plain Python: no Django, no careloop app (careloop.stats may be used).
PLAIN = ("careloop.stats", "careloop.themes.ml", "careloop.assurance.cqc")
# What an area may import of another area.
PUBLIC_LAYERS = ("services", "selectors", "models")
REASON = re.compile(r"^\s*# imported here: \S")

# Engines: an area's other top-level modules, plain logic its services and selectors use.
# Each with a one-line reason; an engine never imports django.http, django.shortcuts or its
# app's views or forms. A module not listed here (nor in STANDARD) fails the shape test.
ENGINES: dict[str, dict[str, str]] = {
    "feedback": {
        "letter_text": "a letter's text from an editable template with safe placeholders",
        "clocks": "the statutory and Complaint Handling Code clocks, in working days",
        "public": "the public form's spam checks: honeypot, signed time token, rate by address",
    },
    "themes": {
        "aggregates": "pre-aggregated monthly counts, so no page counts a million rows",
        "alerts": "which new signals go to which subscriber, by email",
        "classification": "the Engine interface to the classifier (keyword, zero-shot, ML)",
        "cli": "the `careloop themes` command's work on labelled files, no database",
        "labelled": "reading and checking labelled CSV files, row by row",
        "ml": "plain Python: the theme classifier (embeddings, TF-IDF, thresholds), no Django",
        "series": "monthly series of a theme over one slice of feedback, from the counts",
        "trends": "XmR charts of theme series and the signals among them (careloop.stats)",
    },
    "learning": {
        "agenda": "what a QA meeting's agenda is built from, with other areas' providers",
        "charts": "the annual report's bar charts as accessible SVG",
        "evaluation": "before and after: did an action change its measure (careloop.stats)",
        "series": "the registry of monthly series other areas provide",
    },
    "workforce": {
        "compliance": "training and supervision compliance, worked out in memory",
    },
    "innovation": {
        "analysis": "the evaluation of a pilot's measures through careloop.stats",
    },
    "coproduction": {},
    "performance": {
        "compare": "where a council stands on a measure: medians, ranks, quartiles, MADs, noise",
        "findings": "plain-English findings from a standing, never beyond what the numbers say",
    },
    "assurance": {
        "cqc": "plain Python: the CQC framework, the rating rule, the report parser",
        "drafting": "key findings drafted from the evidence, each sentence linked to it",
        "reports": "the self-assessment in CQC's published format: text, HTML, PDF, Word",
        "suggest": "rule-based suggestion of a piece of evidence's statements and category",
    },
}


# --- reading the source -------------------------------------------------------------------


@dataclass(frozen=True)
class Module:
    name: str  # careloop.feedback.views.register
    path: Path
    is_package: bool  # an __init__.py

    @property
    def rel(self) -> str:
        return str(self.path.relative_to(ROOT.parent))

    @functools.cached_property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @functools.cached_property
    def tree(self) -> ast.Module:
        return ast.parse(self.text, str(self.path))

    def within(self, package: str) -> bool:
        return self.name == package or self.name.startswith(package + ".")


@dataclass(frozen=True)
class Import:
    module: Module
    line: int
    targets: tuple[str, ...]  # absolute dotted names imported: `from a.b import c` is a.b.c
    base: str  # `from a.b import c`: a.b (run too, by Python); `import a.b`: ""
    top_level: bool  # at module level (not inside a function)
    relative: bool
    run_start: int  # the first line of the run of imports this one is in (they share a comment)


@functools.cache
def modules() -> tuple[Module, ...]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if "migrations" in parts or "__pycache__" in parts:
            continue
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        found.append(Module(name, path, is_package))
    return tuple(found)


@functools.cache
def module_names() -> frozenset[str]:
    return frozenset(m.name for m in modules())


def _absolute(module: Module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    parts = package.split(".")
    base = parts[: len(parts) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _imports_in(module: Module) -> list[Import]:
    found = []
    run_start_by_end: dict[int, int] = {}  # an import's last line -> its run's first line

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                start = run_start_by_end.get(child.lineno - 1, child.lineno)
                run_start_by_end[child.end_lineno or child.lineno] = start
                if isinstance(child, ast.Import):
                    targets, base, relative = tuple(a.name for a in child.names), "", False
                else:
                    base, relative = _absolute(module, child), child.level > 0
                    targets = tuple(
                        base if a.name == "*" else f"{base}.{a.name}" for a in child.names
                    )
                found.append(
                    Import(module, child.lineno, targets, base, not in_function, relative, start)
                )
            else:
                visit(
                    child,
                    in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef),
                )

    visit(module.tree, False)
    return found


@functools.cache
def imports() -> tuple[Import, ...]:
    return tuple(i for m in modules() for i in _imports_in(m))


def _resolve(name: str) -> str | None:
    """The careloop module a dotted name is (or is in): careloop.x.models.Thing -> ...models."""
    known = module_names()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _careloop_targets(item: Import) -> set[str]:
    """The careloop modules an import names: `from careloop.x import models` names
    careloop.x.models, `from careloop.x.models import Thing` names careloop.x.models."""
    reached = set()
    for target in item.targets:
        if _within(target, PACKAGE):
            resolved = _resolve(target)
            if resolved and resolved != PACKAGE:
                reached.add(resolved)
    return reached


# --- the apps -----------------------------------------------------------------------------


@functools.cache
def area_apps() -> tuple[str, ...]:
    """The area apps: installed careloop apps that plug in an Area (the core's is
    Administration, and the core is not an area)."""
    return tuple(
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith(f"{PACKAGE}.")
        and config.name != f"{PACKAGE}.core"
        and getattr(config, "careloop_area", None) is not None
    )


def app_of(module: Module) -> str | None:
    parts = module.name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in area_apps() else None


def layer_modules(app: str, layer: str) -> list[Module]:
    """The modules of one layer of an app (views.py, or every module of views/)."""
    package = f"{PACKAGE}.{app}.{layer}"
    return [m for m in modules() if m.within(package)]


def top_level_entries(app: str) -> dict[str, Path]:
    """An app's top-level modules and packages, by name (data folders are not modules)."""
    folder = ROOT / app
    entries = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".py":
            entries[path.stem] = path
        elif path.is_dir() and path.name not in STANDARD_DIRS and any(path.rglob("*.py")):
            entries[path.name] = path
    return entries


def engines_of(app: str) -> list[str]:
    """The app's top-level modules that are not of the standard shape: its engines."""
    return [name for name in top_level_entries(app) if name not in STANDARD]


def _fail(rule: str, offenders: list[str]) -> None:
    if offenders:
        listed = "\n  ".join(sorted(set(offenders)))
        pytest.fail(f"{rule} ({len(set(offenders))}):\n  {listed}", pytrace=False)


# --- the rules ----------------------------------------------------------------------------


def test_the_area_apps_are_found():
    assert {"feedback", "themes", "learning", "workforce", "innovation", "coproduction"} <= set(
        area_apps()
    ) and "assurance" in area_apps()


def test_every_area_app_has_the_required_modules():
    offenders = []
    for app in area_apps():
        folder = ROOT / app
        for name in REQUIRED:
            if not ((folder / f"{name}.py").is_file() or (folder / name / "__init__.py").is_file()):
                offenders.append(f"careloop/{app}: no {name}.py or {name}/")
    _fail("Every area app has " + ", ".join(REQUIRED) + " (each a module or a package)", offenders)


def test_no_module_is_over_500_lines():
    offenders = [
        f"{m.rel}: {lines} lines"
        for m in modules()
        if not m.within(f"{PACKAGE}.demo") and (lines := len(m.text.splitlines())) > MAX_LINES
    ]
    _fail(
        f"Modules over {MAX_LINES} lines (outside careloop/demo/ and migrations): split them "
        "into a package by the app's nouns",
        offenders,
    )


def test_no_side_modules():
    offenders = [
        f"{m.rel}: a name ending {suffix}"
        for m in modules()
        if not m.within(f"{PACKAGE}.demo")
        for suffix in BANNED_SUFFIXES
        if m.name.rpartition(".")[2].endswith(suffix)
    ]
    _fail(
        "Side modules: put them in the app's views/forms/services/selectors/models (a package "
        "split by nouns once it passes about 300 lines)",
        offenders,
    )


def test_every_other_top_level_module_is_a_listed_engine():
    offenders = [
        f"careloop/{app}/{name}: not a standard module and not in ENGINES"
        for app in area_apps()
        for name in engines_of(app)
        if name not in ENGINES.get(app, {}) and not name.endswith(BANNED_SUFFIXES)
    ]
    _fail(
        "Top-level modules that are neither of the standard shape nor a listed engine (move "
        "their writes to services and reads to selectors, or list the engine in ENGINES in "
        "tests/test_app_shape.py with a one-line reason)",
        offenders,
    )


def test_listed_engines_exist_and_give_a_one_line_reason():
    offenders = []
    for app, engines in ENGINES.items():
        present = top_level_entries(app) if (ROOT / app).is_dir() else {}
        for name, reason in engines.items():
            if name not in present:
                offenders.append(f"ENGINES[{app!r}][{name!r}]: no such module (remove it)")
            if not reason.strip() or "\n" in reason:
                offenders.append(f"ENGINES[{app!r}][{name!r}]: give one line saying why")
    _fail("ENGINES in tests/test_app_shape.py", offenders)


def test_engines_do_not_reach_the_web():
    offenders = []
    for app in area_apps():
        web = (
            "django.http",
            "django.shortcuts",
            f"{PACKAGE}.{app}.views",
            f"{PACKAGE}.{app}.forms",
        )
        for name in engines_of(app):
            for item in imports():
                if item.module.within(f"{PACKAGE}.{app}.{name}"):
                    offenders += [
                        f"{item.module.rel}:{item.line}: imports {prefix}"
                        for target in item.targets
                        for prefix in web
                        if _within(target, prefix)
                    ]
    _fail(
        "Engines import django.http, django.shortcuts or their app's views or forms (the web "
        "belongs in views; an engine is plain logic services and selectors use)",
        offenders,
    )


def _names(node: ast.expr | None) -> set[str]:
    """The class names an `except` clause or a `raise` names (ServiceError, x.ValidationError)."""
    if node is None:
        return set()
    if isinstance(node, ast.Tuple):
        return set().union(*(_names(e) for e in node.elts))
    if isinstance(node, ast.Call):
        return _names(node.func)
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.Attribute):
        return {node.attr}
    return set()


def test_views_and_api_do_not_catch_service_errors():
    caught = {"ServiceError", "ValidationError"}
    offenders = []
    for app in ("core", *area_apps()):
        for module in layer_modules(app, "views") + layer_modules(app, "api"):
            for node in ast.walk(module.tree):
                if isinstance(node, ast.ExceptHandler) and (names := _names(node.type) & caught):
                    offenders.append(f"{module.rel}:{node.lineno}: except {', '.join(names)}")
    _fail(
        "Views and API modules catch ServiceError/ValidationError: use careloop.core.web "
        "(submit, attempt, act); the API's exception handler answers a ServiceError with 400",
        offenders,
    )


def test_services_refuse_only_with_service_error():
    offenders = []
    for app in ("core", *area_apps()):
        for module in layer_modules(app, "services"):
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Raise) and "ValidationError" in _names(node.exc):
                    offenders.append(f"{module.rel}:{node.lineno}: raise ValidationError")
    _fail(
        'Services raise ValidationError: raise ServiceError("…", field=…) or '
        "ServiceError.from_validation(error)",
        offenders,
    )


def import_graph() -> dict[str, set[str]]:
    """careloop's modules and the careloop modules each imports (anywhere in it). Importing a
    module of a package runs the package's __init__, which is not counted as an edge from
    inside that package."""
    graph: dict[str, set[str]] = {m.name: set() for m in modules()}
    packages = {m.name for m in modules() if m.is_package}
    for item in imports():
        source = item.module.name
        base = {_resolve(item.base)} if _within(item.base, PACKAGE) else set()
        for target in _careloop_targets(item) | (base - {None, PACKAGE}):
            if target == source or (target in packages and source.startswith(target + ".")):
                continue
            graph[source].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def test_cycles_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_circles():
    _fail(
        "Import circles (every import counts, at the top or inside a function): make the "
        "imports go one way",
        [" <-> ".join(c) for c in cycles(import_graph())],
    )


def _offending_imports(where, allowed) -> list[str]:
    offenders = []
    for item in imports():
        if not where(item.module):
            continue
        for target in _careloop_targets(item):
            if not allowed(item.module, target):
                offenders.append(f"{item.module.rel}:{item.line}: imports {target}")
    return offenders


def _area_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in area_apps() else None


def test_core_imports_no_area_and_no_demo():
    _fail(
        "The core imports an area app or the demo (areas plug in through their AppConfig: "
        "careloop_area, careloop_world, autodiscovered modules)",
        _offending_imports(
            lambda m: m.within(f"{PACKAGE}.core"),
            lambda m, t: _area_of(t) is None and not t.startswith(f"{PACKAGE}.demo"),
        ),
    )


def _through_public_layer(module: Module, target: str) -> bool:
    other = _area_of(target)
    if other is None or other == app_of(module):
        return True
    return target in {f"{PACKAGE}.{other}.{layer}" for layer in PUBLIC_LAYERS}


def test_areas_reach_each_other_only_through_services_selectors_models():
    _fail(
        "An area imports another area other than through careloop.<other>.services, "
        ".selectors or .models (never its views, forms, api, tasks, engines or a submodule)",
        _offending_imports(lambda m: app_of(m) is not None, _through_public_layer),
    )


def test_areas_do_not_import_the_demo():
    _fail(
        "An area imports careloop.demo (benchmarks ask for it with "
        "careloop.core.benchmarking.needs_world)",
        _offending_imports(
            lambda m: app_of(m) is not None,
            lambda m, t: not t.startswith(f"{PACKAGE}.demo"),
        ),
    )


def test_plain_python_packages_import_no_django():
    def framework(name: str) -> bool:
        top = name.split(".")[0]
        return top in {"django", "rest_framework"} or top.startswith(("django_", "drf_"))

    offenders = []
    for package in PLAIN:
        for item in imports():
            if not item.module.within(package):
                continue
            for target in item.targets:
                if framework(target):
                    offenders.append(f"{item.module.rel}:{item.line}: imports {target}")
            for target in _careloop_targets(item):
                if not (target.startswith(package) or target.startswith(f"{PACKAGE}.stats")):
                    offenders.append(f"{item.module.rel}:{item.line}: imports {target}")
    _fail(
        f"{', '.join(PLAIN)} are plain Python: no Django and no careloop app "
        "(careloop.stats may be used)",
        offenders,
    )


def test_function_level_imports_of_careloop_say_why():
    offenders = []
    for item in imports():
        if item.top_level or not (item.relative or _careloop_targets(item)):
            continue
        lines = item.module.text.splitlines()
        # a run of imports one after another shares the comment above its first one
        if item.run_start < 2 or not REASON.match(lines[item.run_start - 2]):
            offenders.append(f"{item.module.rel}:{item.line}: {lines[item.line - 1].strip()}")
    _fail(
        "Imports of careloop modules inside a function with no `# imported here: <reason>` "
        "comment on the line before: import at the top of the module, or say why not",
        offenders,
    )
