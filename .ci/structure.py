#!/usr/bin/env python3
"""The macro crate's structure, measured: import circles between files, function lengths, and
the files that name a reduction.

    python3 .ci/structure.py            # report; exit 1 on an import circle in macros/src or
                                        # runtime/src/sim (front/expr.rs <-> front/stmt.rs allowed)
    python3 .ci/structure.py --graph    # also print every file's imports

Run it in a checkout of any commit to compare before and after (e.g. in a `git worktree`).

What it counts, so the numbers mean the same thing at every commit:

- A file depends on another when its code names a path into it: `use crate::a::b::..`,
  `crate::a::b::..` in an expression, `super::..`, `self::..`, or a child module's name
  (`emit::Fx` in `ptx/mod.rs`). `mod x;` alone is not a dependency. Test-only files (`tests.rs`,
  and modules declared under `#[cfg(test)]`) are left out.
- A function's length is its lines from `fn` to its closing brace, for every `fn` of the
  non-test files of `macros/src`.
- The files that name a reduction: the non-test files of `macros/src` and `runtime/src` that
  name a reduction's vocabulary (`RedOp`, `Reduction`, `reduction`, `identity`, `Identity`,
  `combine`), and those that name one of its operators (`RedOp::Sum`, ...): the files adding an
  operator touches. The files and functions one reduction actually runs through are measured
  by `.ci/trace-reduction.sh` (coverage instrumentation).
"""

import os
import re
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MACROS = os.path.join(ROOT, "macros", "src")
RUNTIME = os.path.join(ROOT, "runtime", "src")
ALLOWED = {frozenset({"front/expr.rs", "front/stmt.rs"})}
REDUCTION_WORDS = re.compile(r"\b(RedOp|Reduction|reduction|identity|Identity|combine)\w*")
OPERATOR = re.compile(r"\bRedOp::(Sum|Product|Max|Min|BitOr|BitAnd|BitXor)\b")


def strip(text):
    """The text without comments and string literals (their lines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif text.startswith('r#"', i) or text.startswith('r"', i):
            hashes = 1 if text[i + 1] == "#" else 0
            end = '"' + "#" * hashes
            j = text.find(end, i + 2 + hashes)
            j = n if j < 0 else j + len(end)
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j + 1
        elif c == "'" and i + 2 < n and (text[i + 2] == "'" or text[i + 1] == "\\"):
            j = text.find("'", i + 2)
            out.append("' '")
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def modules(src):
    """Module path (tuple) -> file, relative to `src`, without test-only modules."""
    found = {}

    def walk(path, file):
        found[path] = file
        text = open(os.path.join(src, file)).read()
        for m in re.finditer(r"((?:#\[[^\]]*\]\s*)*)(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", text):
            attrs, name = m.group(1), m.group(2)
            if "cfg(test)" in attrs or name == "tests":
                continue
            base = os.path.dirname(file) if file.endswith(("mod.rs", "lib.rs")) else file[:-3]
            for cand in (os.path.join(base, name + ".rs"), os.path.join(base, name, "mod.rs")):
                if os.path.exists(os.path.join(src, cand)):
                    walk(path + (name,), cand)
                    break

    walk((), "lib.rs")
    return found


def resolve(mods, path):
    """The file of the longest prefix of `path` that is a module."""
    for k in range(len(path), -1, -1):
        if tuple(path[:k]) in mods:
            return mods[tuple(path[:k])]
    return None


def use_paths(text):
    """Every path of every `use` tree, as lists of segments."""
    paths = []

    def expand(prefix, tree):
        tree = tree.strip()
        if not tree:
            return
        if tree.endswith("}") and "{" in tree:
            head, body = tree[: tree.index("{")], tree[tree.index("{") + 1 : -1]
            head = [s for s in head.strip().rstrip(":").split("::") if s]
            depth, part, parts = 0, "", []
            for ch in body:
                if ch == "," and depth == 0:
                    parts.append(part)
                    part = ""
                    continue
                depth += ch == "{"
                depth -= ch == "}"
                part += ch
            parts.append(part)
            for p in parts:
                expand(prefix + head, p)
        else:
            tree = re.sub(r"\s+as\s+\w+$", "", tree)
            paths.append(prefix + [s.strip() for s in tree.split("::") if s.strip()])

    for m in re.finditer(r"\buse\s+([^;]+);", text):
        expand([], m.group(1))
    return paths


def deps(mods, src=MACROS):
    """File -> set of files it names."""
    by_file = {f: p for p, f in mods.items()}
    graph = {}
    for path, file in mods.items():
        text = strip(open(os.path.join(src, file)).read())
        # The part of the file compiled outside tests: up to its first `#[cfg(test)]` item.
        cut = re.search(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text)
        if cut:
            text = text[: cut.start()]
        children = {p[-1] for p in mods if len(p) == len(path) + 1 and p[:-1] == path}
        refs = []
        for segs in use_paths(text):
            refs.append(segs)
        for m in re.finditer(r"\b(crate|super|self)((?:::\w+)+)", text):
            refs.append([m.group(1)] + m.group(2).split("::")[1:])
        for m in re.finditer(r"\b(\w+)::", text):
            if m.group(1) in children:
                refs.append(["self", m.group(1)])
        targets = set()
        for segs in refs:
            if not segs:
                continue
            head = segs[0]
            if head == "crate":
                full = segs[1:]
            elif head in ("super", "self"):
                base = list(path)
                rest = segs
                while rest and rest[0] in ("super", "self"):
                    if rest[0] == "super":
                        base = base[:-1]
                    rest = rest[1:]
                full = base + rest
            elif head in children:
                full = list(path) + segs
            else:
                continue
            target = resolve(mods, full)
            if target and target != file and by_file[target] != ():
                targets.add(target)
        graph[file] = targets
    return graph


def circles(graph):
    """Strongly connected components of more than one file (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def function_lengths(mods):
    lengths = []
    for file in mods.values():
        text = strip(open(os.path.join(MACROS, file)).read())
        cut = re.search(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text)
        if cut:
            text = text[: cut.start()]
        for m in re.finditer(r"\bfn\s+\w+", text):
            open_brace = None
            depth = 0
            i = m.end()
            while i < len(text):
                c = text[i]
                if c in "({[<" and open_brace is None and c != "{":
                    pass
                if c == ";" and open_brace is None and depth == 0:
                    break  # a declaration without a body
                if c == "(" or c == "[":
                    depth += 1
                elif c == ")" or c == "]":
                    depth -= 1
                elif c == "{" and depth == 0 and open_brace is None:
                    open_brace = i
                    break
                i += 1
            if open_brace is None:
                continue
            level, j = 0, open_brace
            while j < len(text):
                if text[j] == "{":
                    level += 1
                elif text[j] == "}":
                    level -= 1
                    if level == 0:
                        break
                j += 1
            lengths.append(text.count("\n", m.start(), j) + 1)
    return lengths


def reduction_files(words=REDUCTION_WORDS):
    files = []
    for src in (MACROS, RUNTIME):
        for dirpath, _, names in os.walk(src):
            for name in names:
                if not name.endswith(".rs") or name == "tests.rs":
                    continue
                path = os.path.join(dirpath, name)
                text = strip(open(path).read())
                cut = re.search(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text)
                if cut:
                    text = text[: cut.start()]
                if words.search(text):
                    files.append(os.path.relpath(path, ROOT))
    return sorted(files)


def percentile(values, q):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(q * (len(values) - 1))))
    return values[k]


def main():
    mods = modules(MACROS)
    graph = deps(mods)
    if "--graph" in sys.argv:
        for f in sorted(graph):
            print(f"{f}: {', '.join(sorted(graph[f])) or '-'}")
        print()
    found = circles(graph)
    runtime_graph = deps(modules(RUNTIME), RUNTIME)
    if "--graph" in sys.argv:
        for f in sorted(runtime_graph):
            print(f"runtime/src/{f}: {', '.join(sorted(runtime_graph[f])) or '-'}")
        print()
    runtime_circles = [["runtime/src/" + f for f in c] for c in circles(runtime_graph)]
    # The simulator must run lex -> parse -> decode -> exec in one direction; the rest of the
    # runtime is reported, not enforced (yet).
    found += [c for c in runtime_circles if all(f.startswith("runtime/src/sim/") for f in c)]
    noticed = [c for c in runtime_circles if c not in found]
    bad = [c for c in found if frozenset(c) not in ALLOWED]
    lengths = function_lengths(mods)
    reductions = reduction_files()
    operators = reduction_files(OPERATOR)
    print(f"macros/src: {len(mods)} files outside tests, {len(lengths)} functions")
    print(
        f"function length (lines): median {statistics.median(lengths):g}, "
        f"90th percentile {percentile(lengths, 0.9)}, longest {max(lengths)}"
    )
    print(f"files that name a reduction: {len(reductions)}; that name one of its operators: {len(operators)}")
    if "--graph" in sys.argv:
        for f in reductions:
            print(f"  {f}")
    for c in found:
        allowed = "allowed" if frozenset(c) in ALLOWED else "CIRCLE"
        print(f"{allowed}: {' <-> '.join(c)}")
    for c in noticed:
        print(f"noticed (not enforced): {' <-> '.join(c)}")
    if not bad:
        print("no import circles between the files of macros/src and runtime/src/sim except front/expr.rs <-> front/stmt.rs")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
