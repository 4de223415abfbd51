"""The package reads as the architecture: no import cycles, every module importable on
its own, tests speaking only public names, the pure pipeline free of Telegram."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "bot"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Every bot module `path` imports when it runs, at any depth of its code (a lazy
    import inside a function still ties the two modules together)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # Imports for type checkers only never run, so they tie nothing together.
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        for inner in ast.walk(statement)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {t for t in targets if t in modules}
    return found - {name}


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = set()
        for target in imports_of(path, set(modules)):
            if name.startswith(target + "."):
                continue  # its own package, which Python has begun to run before it anyway
            edges.add(target)
            # Importing a.b.c runs a and a.b first, unless the importer lives inside them.
            parts = target.split(".")
            for i in range(1, len(parts)):
                parent = ".".join(parts[:i])
                if parent in modules and not (name == parent or name.startswith(parent + ".")):
                    edges.add(parent)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
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
    return found


def test_the_cycle_finder_sees_a_cycle_hidden_in_a_function():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_of_newsbot_imports_itself_back_through_others():
    assert cycles(import_graph()) == []


def test_the_pipeline_and_languages_know_nothing_of_telegram_or_the_store():
    graph = import_graph()
    for name, edges in graph.items():
        if name.startswith(("bot.pipeline", "bot.lang", "bot.models")):
            outside = {e for e in edges if e.startswith(("bot.telegram", "bot.store", "bot.cli", "bot.topics"))}
            assert not outside, f"{name} imports {sorted(outside)}"
        if name.startswith("bot.lang"):
            assert not {e for e in edges if e.startswith("bot.pipeline")}, name


def test_every_module_imports_on_its_own():
    """Each module imported first, with no other newsbot module loaded before it, so an
    import that only works in one order fails here."""
    names = [n for n in all_modules() if not n.endswith("__main__")]
    script = (
        "import importlib, sys\n"
        "failed = []\n"
        f"for name in {names!r}:\n"
        "    for loaded in [m for m in sys.modules if m == 'bot' or m.startswith('bot.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        failed.append(f'{name}: {exc!r}')\n"
        "print('\\n'.join(failed))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
def test_tests_and_benchmarks_use_public_names_only():
    reaching = []
    for path in sorted([*(ROOT / "tests").glob("*.py"), *(ROOT / "bench").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bot"):
                private = [a.name for a in node.names if a.name.startswith("_")]
                if any(part.startswith("_") for part in node.module.split(".")) or private:
                    reaching.append(f"{path.name}:{node.lineno} {node.module} {private}")
    assert reaching == []


def public_modules() -> dict[str, Path]:
    return {
        name: path
        for name, path in all_modules().items()
        if not any(part.startswith("_") and part != "__init__.py" for part in path.relative_to(PACKAGE).parts)
    }


def declared_names(path: Path) -> list[str] | None:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return list(ast.literal_eval(node.value))
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "__all__":
            return list(ast.literal_eval(node.value)) if node.value is not None else []
    return None


def test_every_public_module_says_what_it_offers():
    missing = [name for name, path in public_modules().items() if declared_names(path) is None]
    assert missing == []


def test_tests_and_benchmarks_import_only_what_a_module_offers():
    offered = {name: set(declared_names(path) or ()) for name, path in public_modules().items()}
    reaching = []
    for path in sorted([*(ROOT / "tests").glob("*.py"), *(ROOT / "bench").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in offered:
                modules = {f"{node.module}.{a.name}" for a in node.names} & set(offered)
                unlisted = [a.name for a in node.names if a.name not in offered[node.module] and f"{node.module}.{a.name}" not in modules]
                if unlisted:
                    reaching.append(f"{path.name}:{node.lineno} {node.module} {unlisted}")
    assert reaching == []


def test_every_name_a_module_offers_is_there():
    import importlib

    absent = [
        f"{name}.{offered}"
        for name in public_modules()
        for offered in getattr(importlib.import_module(name), "__all__", ())
        if not hasattr(importlib.import_module(name), offered)
    ]
    assert absent == []
