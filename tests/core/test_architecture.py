"""The import rules of docs/architecture.md, read from the code with `ast` (nothing is imported):
each package imports only its own layer and those below it (its pages included: a page that shows
a higher area's data lives in that area, or at the site layer), no modules import each other in a
circle, an import inside a function says why beside it, and web rooms of
one package never import those of another."""

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2] / "consult"

# Bottom to top, as in docs/architecture.md. A name is a package under consult/ or a module of
# consult/ itself; names on one line are one layer and may import each other.
LAYERS = (
    (
        "config",
        "extensions",
        "timeutil",
        "i18n",
        "i18n_catalogs",
        "errors",
        "forms",
        "web",
        "backup",
        "participants",
        "urls",
    ),
    ("geography",),
    ("notifications",),
    ("auth",),
    ("strategy",),
    ("hearings",),
    ("calendar",),
    ("tagging",),
    ("inputs",),
    ("scale",),
    ("review",),
    ("revisions",),
    ("api",),
    ("main", "demo", "synth"),
    ("__init__", "cli", "jobs", "metrics", "models"),
)
LAYER_OF = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def application_modules() -> dict[str, Path]:
    """Every module of the application; migrations are history and are held to their own rule."""
    return {
        module_name(path): path
        for path in sorted(PACKAGE_ROOT.rglob("*.py"))
        if "migrations" not in path.relative_to(PACKAGE_ROOT).parts
    }


MODULES = application_modules()


def area_of(module: str) -> str:
    """consult.review.queries → review; consult.web → web; consult → __init__."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imported_modules(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The application modules an import statement names (a package's submodule when the name
    imported is one, otherwise the module it is imported from)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == "consult"]
    if node.level:
        package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        source = f"{package}.{node.module}" if node.module else package
    else:
        source = node.module or ""
    if source.split(".")[0] != "consult":
        return []
    return [
        f"{source}.{alias.name}" if f"{source}.{alias.name}" in MODULES else source for alias in node.names
    ]


class Import:
    def __init__(self, module: str, target: str, line: int, at_module_level: bool):
        self.module, self.target, self.line, self.at_module_level = module, target, line, at_module_level

    def __repr__(self) -> str:
        where = "" if self.at_module_level else " (inside a function)"
        return f"{MODULES[self.module].relative_to(PACKAGE_ROOT.parent)}:{self.line} imports {self.target}{where}"


def is_web_room(module: str) -> bool:
    """blueprint.py and the view modules (views.py, staff_views.py, export_views.py, …)."""
    name = module.rpartition(".")[2]
    return name == "blueprint" or name.endswith("views")


def all_imports() -> list[Import]:
    found = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside_functions = {
            id(node)
            for function in ast.walk(tree)
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
            for node in ast.walk(function)
        }
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found += [
                    Import(module, target, node.lineno, id(node) not in inside_functions)
                    for target in dict.fromkeys(imported_modules(module, node))
                ]
    return found


IMPORTS = all_imports()


def test_every_area_has_a_layer():
    assert sorted({area_of(module) for module in MODULES} - set(LAYER_OF)) == []


def test_no_package_imports_a_layer_above_it():
    upward = [found for found in IMPORTS if LAYER_OF[area_of(found.target)] > LAYER_OF[area_of(found.module)]]
    assert not upward, "\n".join(map(repr, upward))


def test_no_modules_import_each_other_in_a_circle():
    """Module-level imports only: they are what runs when a module is first imported."""
    graph = defaultdict(set)
    for found in IMPORTS:
        if found.at_module_level and found.target != found.module:
            graph[found.module].add(found.target)
    circles, state = [], {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                circles.append(path[path.index(target) :] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not circles, "\n".join(" -> ".join(circle) for circle in circles)


def test_an_import_inside_a_function_says_why():
    lines_of = {module: path.read_text(encoding="utf-8").splitlines() for module, path in MODULES.items()}

    def explained(found: Import) -> bool:
        lines = lines_of[found.module]
        return "#" in lines[found.line - 1] or lines[found.line - 2].strip().startswith("#")

    unexplained = [found for found in IMPORTS if not found.at_module_level and not explained(found)]
    assert not unexplained, "\n".join(map(repr, unexplained))


def test_views_import_no_blueprint_and_no_other_view_module():
    """URL rules live in each package's blueprint.py, which imports its own package's views; a view
    imports no web room at all, and no package's web rooms import another package's."""
    reaching = [
        found
        for found in IMPORTS
        if found.target != found.module
        and is_web_room(found.target)
        and is_web_room(found.module)
        and (found.module.rpartition(".")[2] != "blueprint" or area_of(found.target) != area_of(found.module))
    ]
    assert not reaching, "\n".join(map(repr, reaching))
