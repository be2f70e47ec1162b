"""Compile an official Schematron rule set, rule by rule, into lxml XPath 1.0 + Python.

The input is the compiled Schematron stylesheet the engine runs (schematron.RULE_SETS: the
file whose SVRL is the reference), read as the Schematron it was made from: its patterns
(the ``M<n>`` modes, in the order the root template applies them), each pattern's rules
(templates, highest priority first: in Schematron the first rule whose context matches a
node takes it), each rule's lets (``xsl:variable``), asserts (``xsl:choose``) and reports
(``xsl:if``) with their id, flag and text.

Each XPath 2.0 expression (xpath2.py) is translated node by node:

* a subtree whose XPath 1.0 reading is provably the XPath 2.0 one becomes one lxml XPath
  call, with *doubt guards* where the two may differ on some invoice (a string function on
  several nodes, a node compared with a number that XPath 1.0 would read as NaN): when a
  guard is true the invoice goes to saxonche (runtime.Fallback);
* the rest becomes Python over runtime.py (xs:decimal and xs:double arithmetic, casts,
  ``some``/``every``/``for``/``if``, regular expressions, typed comparisons);
* what neither can do (``document()``, ``key()``, user functions, node comparisons,
  unsupported regular expressions...) leaves the rule to saxonche: ``Unsupported``.

All the exact asserts of a rule are evaluated in one lxml call per context node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edi.validators.native.xpath2 import Node, ParseError, parse

XSL = "http://www.w3.org/1999/XSL/Transform"
SVRL = "http://purl.oclc.org/dsdl/svrl"


class Unsupported(Exception):
    """An expression or rule shape the native engine does not compile."""


# ---------------------------------------------------------------------------------------
# The rule set, as Schematron


@dataclass
class Assert:
    index: int
    report: bool            # successful-report (fires when true) or failed-assert
    test: str
    id: str
    flag: str
    text: list[str | tuple[str]]   # static text, or (select,) for xsl:value-of
    element: etree._Element = field(repr=False, compare=False)


@dataclass
class Rule:
    pattern: str            # the mode, M<n>
    context: str
    priority: int
    lets: list[tuple[str, str]]
    asserts: list[Assert]
    element: etree._Element = field(repr=False, compare=False)


@dataclass
class RuleSetSource:
    path: Path
    namespaces: dict[str, str]
    patterns: list[str]                     # modes, in the order the root applies them
    rules: dict[str, list[Rule]]            # mode -> rules, highest priority first
    globals: list[tuple[str, str]]          # global lets (name, select)
    functions: list[str]
    tree: etree._ElementTree = field(repr=False)


def _text_parts(text_el: etree._Element | None) -> list[str | tuple[str]]:
    if text_el is None:
        return []
    parts: list[str | tuple[str]] = [text_el.text or ""]
    for child in text_el:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        if child.tag == f"{{{XSL}}}text" and not len(child):   # literal text, as written
            parts.append((child.text or "") + (child.tail or ""))
            continue
        if child.tag != f"{{{XSL}}}value-of" or not child.get("select"):
            raise Unsupported(f"text with <{etree.QName(child).localname}>")
        parts.append((child.get("select"),))
        parts.append(child.tail or "")
    return parts


def _assert_of(element: etree._Element, index: int) -> Assert:
    if element.tag == f"{{{XSL}}}choose":
        when = element.find(f"{{{XSL}}}when")
        otherwise = element.find(f"{{{XSL}}}otherwise")
        out = otherwise.find(f"{{{SVRL}}}failed-assert") if otherwise is not None else None
        if when is None or out is None or len(when) or len(element) != 2:
            raise Unsupported("an xsl:choose that is not an assert")
        test, report = when.get("test"), False
    else:
        out = element.find(f"{{{SVRL}}}successful-report")
        if out is None or len(element) != 1:
            raise Unsupported("an xsl:if that is not a report")
        test, report = element.get("test"), True
    attrs: dict[str, str] = {}
    for attr in out.iterfind(f"{{{XSL}}}attribute"):
        name = attr.get("name")
        if name == "location":
            apply = attr.find(f"{{{XSL}}}apply-templates")
            if apply is None or apply.get("select") != "." or \
                    apply.get("mode") != "schematron-select-full-path":
                raise Unsupported("a location other than the context node's full path")
            continue
        if len(attr):
            raise Unsupported(f"a computed {name} attribute")
        attrs[name] = attr.text or ""
    text = _text_parts(out.find(f"{{{SVRL}}}text"))
    return Assert(index, report, test or "", attrs.get("id", ""), attrs.get("flag", ""), text,
                  element)


def read_source(path: Path) -> RuleSetSource:
    """The Schematron patterns, rules, lets and asserts of a compiled stylesheet."""
    tree = etree.parse(str(path))
    root = tree.getroot()
    namespaces = {k: v for k, v in root.nsmap.items() if k}
    patterns: list[str] = []
    rules: dict[str, list[Rule]] = {}
    for template in root.iterfind(f"{{{XSL}}}template"):
        mode = template.get("mode") or ""
        if template.get("match") == "/" and not mode:
            patterns = [a.get("mode") for a in template.iter(f"{{{XSL}}}apply-templates")
                        if a.get("mode")]
            continue
        if not re.fullmatch(r"M\d+", mode):
            continue
        priority = float(template.get("priority") or 0)
        if priority < 0:
            continue
        lets: list[tuple[str, str]] = []
        asserts: list[Assert] = []
        walks = False
        for child in template:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if child.tag == f"{{{SVRL}}}fired-rule":
                continue
            if name == "variable" and child.get("select") and not len(child):
                lets.append((child.get("name"), child.get("select")))
            elif name in ("choose", "if"):
                asserts.append(_assert_of(child, len(asserts)))
            elif name == "apply-templates" and child.get("select") in ("@*|*", "*|@*", "*"):
                walks = True
            else:
                raise Unsupported(f"rule element <{name}>")
        if not walks:
            raise Unsupported(f"a rule that does not walk on: {template.get('match')}")
        rules.setdefault(mode, []).append(Rule(mode, template.get("match"), int(priority),
                                               lets, asserts, template))
    for mode_rules in rules.values():
        mode_rules.sort(key=lambda r: -r.priority)
    global_lets = [(v.get("name"), v.get("select")) for v in root.iterfind(f"{{{XSL}}}variable")
                   if v.get("select")]
    functions = [f.get("name") for f in root.iterfind(f"{{{XSL}}}function")]
    return RuleSetSource(path, namespaces, patterns, rules, global_lets, functions, tree)


# ---------------------------------------------------------------------------------------
# Expressions


XPATH1_BOOL = {"not", "true", "false", "boolean", "contains", "starts-with", "exists",
               "empty"}
XPATH1_STR = {"normalize-space", "concat", "substring-after", "substring-before", "substring",
              "translate", "string", "local-name", "name", "namespace-uri"}
XPATH1_NUM = {"count", "string-length", "position", "last"}
ASCII = "".join(chr(c) for c in range(32, 127) if chr(c) not in "'\"") + "\t\n\r"
NODE_FUNCTIONS = {"local-name", "name", "namespace-uri"}


@dataclass
class Var:
    py: str                 # Python expression of its value (a sequence)
    kind: str               # "elements": XPath-able node list; "item": one node; "any"


@dataclass
class Exact:
    xpath: str
    kind: str               # nodes / elements / bool / str / num
    guards: list[str]


def _literal(text: str) -> str:
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    raise Unsupported("a string literal with both quotes")


def _xvar(name: str) -> str:
    return "v_" + re.sub(r"\W", "_", name)


class Compiler:
    """Expressions of one rule set to XPath 1.0 strings and Python source."""

    def __init__(self, namespaces: dict[str, str], functions: list[str]) -> None:
        self.namespaces = namespaces
        self.user_functions = set(functions)
        self.xpaths: dict[str, int] = {}
        self.regexes: dict[str, int] = {}
        self.hoisted: dict[str, int] = {}   # context-free paths: computed once per invoice
        self.hoisting = True
        self.tries: list[dict[str, object]] = []   # absence tests, a tree per rule
        self.once: dict[str, int] = {}   # context-free Python, each cached per invoice

    def xpath(self, text: str) -> str:
        if text not in self.xpaths:
            try:
                etree.XPath(text, namespaces=self.namespaces)
            except etree.XPathSyntaxError as exc:
                raise Unsupported(f"lxml does not read {text[:80]!r}: {exc}") from exc
            self.xpaths[text] = len(self.xpaths)
        return f"X{self.xpaths[text]}"

    # -- exact XPath 1.0 subtrees

    def exact(self, node: Node, scope: dict[str, Var]) -> Exact | None:
        try:
            return self._exact(node, scope)
        except Unsupported:
            return None

    def _exact(self, node: Node, scope: dict[str, Var]) -> Exact:
        kind = node.kind
        if kind == "string":
            return Exact(_literal(node[0]), "str", [])
        if kind == "integer":
            return Exact(str(node[0]), "num", [])
        if kind == "decimal":
            return Exact(str(node[0]), "num", [])
        if kind == "context":
            return Exact(".", "elements", [])
        if kind == "root":
            return Exact("/", "elements", [])
        if kind == "var":
            var = scope.get(node[0])
            if var is None or var.kind not in ("elements", "item"):
                raise Unsupported("variable not XPath-able")
            return Exact("$" + _xvar(node[0]), "elements", [])
        if kind == "paren":
            inner = self._exact(node[0], scope)
            return Exact(f"({inner.xpath})", inner.kind, inner.guards)
        if kind in ("path", "step", "filter"):
            return self._exact_path(node, scope)
        if kind == "union":
            a, b = self._exact(node[0], scope), self._exact(node[1], scope)
            if a.kind not in ("nodes", "elements") or b.kind not in ("nodes", "elements"):
                raise Unsupported("union of non-nodes")
            both = "elements" if a.kind == b.kind == "elements" else "nodes"
            return Exact(f"({a.xpath} | {b.xpath})", both, a.guards + b.guards)
        if kind in ("and", "or"):
            a, b = self._exact(node[1], scope), self._exact(node[2], scope)
            return Exact(f"({a.xpath} {kind} {b.xpath})", "bool", a.guards + b.guards)
        if kind == "general":
            return self._exact_compare(node, scope)
        if kind == "call":
            return self._exact_call(node, scope)
        raise Unsupported(kind)

    def _exact_compare(self, node: Node, scope: dict[str, Var]) -> Exact:
        op = node[0]
        for side, other in ((1, 2), (2, 1)):
            path = node[side]
            if op in ("=", "!=") and isinstance(path, Node) and path.kind == "path" \
                    and path.parts[-1].kind == "call" and path.parts[-2].kind == "step":
                # P/f(Q) = 'x': some item of P whose f(Q) is 'x' (f gives one string)
                last = path.parts[-2]
                compare = Node("general", (op, path.parts[-1], node[other]) if side == 1
                               else (op, node[other], path.parts[-1]))
                step = Node("step", (last[0], last[1], last[2] + (compare,)))
                inner = self._exact(compare, scope)   # must itself be exact, per item
                if inner.kind != "bool":
                    raise Unsupported("computed step comparison")
                found = self._exact(Node("path", path.parts[:-2] + (step,)), scope)
                return Exact(f"boolean({found.xpath})", "bool", found.guards)
        a, b = self._exact(node[1], scope), self._exact(node[2], scope)
        guards = a.guards + b.guards
        kinds = {a.kind if a.kind != "elements" else "nodes",
                 b.kind if b.kind != "elements" else "nodes"}
        text = f"({a.xpath} {op} {b.xpath})"
        if op in ("=", "!="):
            if kinds <= {"nodes", "str"} or kinds in ({"num"}, {"bool"}):
                return Exact(text, "bool", guards)
            if kinds == {"nodes", "bool"} and {a.xpath, b.xpath} & {"true()", "false()"}:
                # XPath 2.0 casts each node to xs:boolean (an error unless true, false, 1, 0)
                nodes_side, literal = (a, b.xpath) if b.xpath in ("true()", "false()") \
                    else (b, a.xpath)
                wanted = (literal == "true()") == (op == "=")
                words = ("'true'", "'1'") if wanted else ("'false'", "'0'")
                test = " or ".join(f"normalize-space(.) = {w}" for w in words)
                every = " or ".join(f"normalize-space(.) = {w}" for w in
                                    ("'true'", "'1'", "'false'", "'0'"))
                guards.append(f"{nodes_side.xpath}[not({every})]")
                return Exact(f"boolean({nodes_side.xpath}[{test}])", "bool", guards)
        if kinds == {"num"} or (kinds == {"nodes", "num"}):
            for side in (a, b):
                if side.kind in ("nodes", "elements"):
                    # XPath 2.0 casts each node to xs:double (an error if it is not a number);
                    # XPath 1.0 reads some numbers (+1, 1e3, INF) as NaN: doubt those.
                    guards.append(f"{side.xpath}[string(number(.)) = 'NaN']")
                    # a negative zero ("-0.00"): Saxon's verdicts differ from XPath 1.0's
                    guards.append(f"{side.xpath}[number(.) = 0 and "
                                  "starts-with(normalize-space(.), '-')]")
            return Exact(text, "bool", guards)
        raise Unsupported(f"comparison of {sorted(kinds)}")

    def _exact_call(self, node: Node, scope: dict[str, Var]) -> Exact:
        name, args = node[0], node[1]
        if name in self.user_functions or ":" in name:
            raise Unsupported(f"function {name}")
        exact_args = [self._exact(arg, scope) for arg in args]
        guards = [g for arg in exact_args for g in arg.guards]
        if name == "exists" and len(args) == 1:
            return Exact(f"boolean({exact_args[0].xpath})", "bool", guards)
        if name == "empty" and len(args) == 1:
            return Exact(f"not({exact_args[0].xpath})", "bool", guards)
        if name in ("not", "boolean"):
            if len(args) != 1:
                raise Unsupported(name)
            return Exact(f"{name}({exact_args[0].xpath})", "bool", guards)
        if name in ("count",) and len(args) == 1 and exact_args[0].kind in ("nodes", "elements"):
            return Exact(f"count({exact_args[0].xpath})", "num", guards)
        if name in ("true", "false", "position", "last") and not args:
            return Exact(f"{name}()", "bool" if name in ("true", "false") else "num", [])
        if name == "upper-case" and len(args) == 1 and exact_args[0].kind in (
                "str", "nodes", "elements"):
            arg = exact_args[0]
            if arg.kind != "str":
                guards.append(f"count({arg.xpath}) > 1")
            # Java's and XPath's upper-case agree with translate() on ASCII only: doubt
            # any other character.
            guards.append(f"translate({arg.xpath}, {_literal(ASCII)}, '') != ''")
            return Exact(f"translate({arg.xpath}, 'abcdefghijklmnopqrstuvwxyz', "
                         f"'ABCDEFGHIJKLMNOPQRSTUVWXYZ')", "str", guards)
        if name == "ends-with" and len(args) == 2 and all(
                a.kind in ("str", "nodes", "elements") for a in exact_args):
            for arg in exact_args:
                if arg.kind != "str":
                    guards.append(f"count({arg.xpath}) > 1")
            a, b = (arg.xpath for arg in exact_args)
            return Exact(f"(substring({a}, string-length({a}) - string-length({b}) + 1) = "
                         f"string({b}))", "bool", guards)
        if name in XPATH1_STR | {"contains", "starts-with", "string-length"}:
            if name == "concat" and len(args) < 2:
                raise Unsupported("concat with one argument")
            if not args and name not in ("normalize-space", "string", "string-length",
                                         "local-name", "name", "namespace-uri"):
                raise Unsupported(name)
            parts = []
            for index, arg in enumerate(exact_args):
                numeric_place = name == "substring" and index > 0
                if numeric_place:
                    if arg.kind != "num":
                        raise Unsupported("substring position not a number")
                elif arg.kind in ("nodes", "elements"):
                    # XPath 2.0: an error on several nodes; XPath 1.0 takes the first.
                    guards.append(f"count({arg.xpath}) > 1")
                    if name in NODE_FUNCTIONS:
                        pass
                elif arg.kind != "str" or name in NODE_FUNCTIONS:
                    raise Unsupported(f"{name} of a {arg.kind}")
                parts.append(arg.xpath)
            result = "num" if name == "string-length" else \
                "bool" if name in ("contains", "starts-with") else "str"
            return Exact(f"{name}({', '.join(parts)})", result, guards)
        raise Unsupported(f"function {name}")

    def _exact_path(self, node: Node, scope: dict[str, Var]) -> Exact:
        steps = _descendant_steps(node.parts if node.kind == "path" else (node,))
        text = ""
        guards: list[str] = []
        kind = "elements"
        for index, step in enumerate(steps):
            if step.kind == "root":
                text = "/"
                continue
            if step.kind == "step":
                axis, test, preds = step.parts
                piece = f"{axis}::{test}"
                if axis == "attribute" or test in ("text()", "comment()"):
                    kind = "nodes"
                elif test == "node()":
                    if axis in ("child", "descendant", "following-sibling", "following",
                                "preceding-sibling", "preceding"):
                        kind = "nodes"
                    elif axis != "descendant-or-self":
                        kind = "elements"
                else:
                    kind = "elements"
            elif step.kind == "filter" and step[0].kind in ("context", "var", "paren") \
                    and index == 0:
                base = self._exact(step[0], scope)
                if base.kind not in ("nodes", "elements"):
                    raise Unsupported("a filter on non-nodes")
                guards += base.guards
                piece = "self::node()" if step[0].kind == "context" else base.xpath
                kind = base.kind
                preds = step[1]
            elif index == 0 and step.kind in ("context", "var", "paren"):
                base = self._exact(step, scope)
                if base.kind not in ("nodes", "elements"):
                    raise Unsupported("a path from non-nodes")
                guards += base.guards
                piece, preds, kind = base.xpath, (), base.kind
            elif index > 0 and (
                    (step.kind == "paren" and step[0].kind == "union") or
                    (step.kind == "filter" and step[0].kind == "paren"
                     and step[0][0].kind == "union" and not _uses_position(step[1])
                     and all(p.kind not in ("integer", "decimal") for p in step[1]))):
                # X/(A | B)[p] is not XPath 1.0: (X/A | X/B)[p] is the same node set
                # (p not positional)
                union_preds = step[1] if step.kind == "filter" else ()
                if step.kind == "filter":
                    step = step[0]
                branches: list[Node] = []
                pending = [step[0]]
                while pending:
                    item = pending.pop(0)
                    if item.kind == "union":
                        pending[:0] = [item[0], item[1]]
                    else:
                        branches.append(item)
                pieces = []
                for branch in branches:
                    if branch.kind not in ("step", "path") or (
                            branch.kind == "path" and branch.parts[0].kind == "root"):
                        raise Unsupported("a union step of non-relative paths")
                    found = self._exact_path(branch, scope)
                    if found.kind != "elements" or found.guards:
                        raise Unsupported("a union step of non-element paths")
                    pieces.append(f"{text}/{found.xpath}" if text != "/" else f"/{found.xpath}")
                text = "(" + " | ".join(pieces) + ")"
                kind = "elements"
                for pred in union_preds:
                    inner = self._exact(pred, scope)
                    if inner.kind == "num":
                        raise Unsupported("a computed predicate on a union step")
                    if inner.guards:
                        guards.append(text + "[" + " or ".join(f"({g})" for g in inner.guards)
                                      + "]")
                    text += f"[{inner.xpath}]"
                continue
            else:
                raise Unsupported(f"path step {step.kind}")
            prefix = text + ("/" if text and not text.endswith("/") else "") + piece
            for pred in preds:
                inner = self._exact(pred, scope)
                if inner.kind not in ("bool", "num", "nodes", "elements", "str"):
                    raise Unsupported("predicate")
                if inner.kind == "num" and pred.kind not in ("integer", "call"):
                    raise Unsupported("a computed numeric predicate")
                if inner.guards:
                    guard = prefix + "[" + " or ".join(f"({g})" for g in inner.guards) + "]"
                    guards.append(self.hoist(guard, kind) if steps[0].kind == "root"
                                  else guard)
                prefix += f"[{inner.xpath}]"
            text = prefix
        if steps and steps[0].kind == "root":
            return Exact(self.hoist(text, kind), kind, guards)
        return Exact(text, kind, guards)

    def hoist(self, text: str, kind: str) -> str:
        """A path from the root that names no rule variable, as a variable its XPath
        reads: the path is the same on every context node, so it is computed once per
        invoice instead of once per context and per assert (the official sets repeat
        ``//cac:TaxCategory[...]`` in dozens of asserts). Only element node-sets: lxml
        gives attributes and text back as strings, which cannot go back in as nodes; and
        not a path ending in an axis that may reach the document node, which lxml drops
        (``py`` guards those by their text)."""
        if not self.hoisting or kind != "elements" or text == "/" or "$v_" in text \
                or "current()" in text or DOCUMENT_NODE_END.search(text):
            return text
        self.xpath(text)   # lxml must read it
        if text not in self.hoisted:
            self.hoisted[text] = len(self.hoisted)
        return f"$edi_h{self.hoisted[text]}"

    # -- Python

    def py(self, node: Node, scope: dict[str, Var], want: str = "seq") -> str:
        """Python source computing ``node``: a sequence (want="seq") or a bool. A path
        from the root that reads no variable is the same on every context node: it is
        computed once per invoice (``R.once``)."""
        if self.hoisting and node.kind not in ("string", "integer", "decimal", "double") \
                and _context_free(node) and _from_root(node):
            self.hoisting = False   # its parts are computed once with it
            try:
                code = self.py(node, scope, "seq")
            finally:
                self.hoisting = True
            if code.startswith("R.nodes(") and code.count("(") == 2 \
                    and HOISTED_CALL.fullmatch(code):
                return self._want(code, "seq", want)   # a hoisted XPath already
            key = self.once.setdefault(code, len(self.once))
            return self._want(f"R.once({key}, lambda: {code})", "seq", want)
        found = self.exact(node, scope)
        if found is not None and found.kind in ("nodes", "elements", "bool", "str", "num"):
            if found.kind == "elements" and found.xpath == ".":
                code, kind = "[c]", "seq"
            elif found.kind == "num" and found.xpath.isdigit() and not found.guards:
                code, kind = f"[{int(found.xpath)}]", "seq"   # a literal: no XPath call
            else:
                call = f"{self.xpath(found.xpath)}(c{self._xargs(found.xpath, scope)})"
                code, kind = {"nodes": (f"R.nodes({call})", "seq"),
                              "elements": (f"R.nodes({call})", "seq"),
                              "bool": (call, "bool"), "str": (f"[{call}]", "seq"),
                              "num": (f"[int({call})]", "seq")}[found.kind]
                guards = list(found.guards)
                if found.kind in ("nodes", "elements") and re.search(
                        r"(parent|ancestor|ancestor-or-self)::node\(\)\W*$", found.xpath):
                    # lxml drops the document node from a node-set it returns
                    guards.append(f"({found.xpath})[not(parent::node())]")
                if guards:
                    guard = " or ".join(f"({g})" for g in guards)
                    code = f"R.guarded({self.xpath(f'boolean({guard})')}" \
                           f"(c{self._xargs(guard, scope)}), {code})"
            return self._want(code, kind, want)
        code, kind = self._py(node, scope)
        return self._want(code, kind, want)

    def _xargs(self, xpath: str, scope: dict[str, Var]) -> str:
        names = sorted(set(re.findall(r"\$(v_\w+)", xpath)))
        parts = []
        for name in names:
            var = next((v for k, v in scope.items() if _xvar(k) == name), None)
            if var is None:
                raise Unsupported(f"unknown variable {name}")
            parts.append(f"{name}={var.py if var.kind == 'elements' else '[' + var.py + ']'}")
        return "".join(", " + p for p in parts)

    @staticmethod
    def _want(code: str, kind: str, want: str) -> str:
        if want == kind:
            return code
        if want == "bool":
            return f"R.ebv({code})"
        return f"[{code}]"

    def _py(self, node: Node, scope: dict[str, Var]) -> tuple[str, str]:
        kind = node.kind
        if kind == "string":
            return f"[{node[0]!r}]", "seq"
        if kind == "integer":
            return f"[{node[0]}]", "seq"
        if kind == "decimal":
            return f"[R.Decimal({node[0]!r})]", "seq"
        if kind == "double":
            return f"[{node[0]!r}]", "seq"
        if kind == "empty":
            return "[]", "seq"
        if kind == "context":
            return "[c]", "seq"
        if kind == "var":
            var = scope.get(node[0])
            if var is None:
                raise Unsupported(f"variable ${node[0]}")
            return (var.py if var.kind not in ("item", "atom") else f"[{var.py}]"), "seq"
        if kind == "paren":
            return self._py(node[0], scope)
        if kind == "seq":
            return "[" + ", ".join(f"*{self.py(p, scope)}" for p in node.parts) + "]", "seq"
        if kind in ("and", "or"):
            return (f"({self.py(node[1], scope, 'bool')} {kind} "
                    f"{self.py(node[2], scope, 'bool')})"), "bool"
        if kind == "general":
            return (f"R.general({node[0]!r}, {self.py(node[1], scope)}, "
                    f"{self.py(node[2], scope)})"), "bool"
        if kind == "value":
            return (f"R.value_compare({node[0]!r}, {self.py(node[1], scope)}, "
                    f"{self.py(node[2], scope)})"), "seq"
        if kind == "arith":
            return (f"R.arith({node[0]!r}, {self.py(node[1], scope)}, "
                    f"{self.py(node[2], scope)})"), "seq"
        if kind == "neg":
            return f"R.negate({self.py(node[0], scope)})", "seq"
        if kind == "plus":
            return f"R.arith('+', [0], {self.py(node[0], scope)})", "seq"
        if kind == "union":
            return f"R.union({self.py(node[0], scope)}, {self.py(node[1], scope)})", "seq"
        if kind == "range":
            return f"R.int_range({self.py(node[0], scope)}, {self.py(node[1], scope)})", "seq"
        if kind == "if":
            return (f"({self.py(node[1], scope)} if {self.py(node[0], scope, 'bool')} "
                    f"else {self.py(node[2], scope)})"), "seq"
        if kind in ("some", "every", "for"):
            name, source, body = node.parts
            source_exact = self.exact(source, scope)
            item_kind = "item" if source_exact and source_exact.kind == "elements" else "atom"
            inner = dict(scope)
            inner[name] = Var(_xvar(name), item_kind)
            if kind == "for":
                return (f"R.for_each({self.py(source, scope)}, lambda {_xvar(name)}: "
                        f"{self.py(body, inner)})"), "seq"
            helper = "some" if kind == "some" else "every"
            return (f"R.{helper}({self.py(source, scope)}, lambda {_xvar(name)}: "
                    f"{self.py(body, inner, 'bool')})"), "bool"
        if kind in ("cast", "castable"):
            type_name = node[0]
            from edi.validators.native.runtime import CASTS
            if type_name not in CASTS:
                raise Unsupported(f"cast to {type_name}")
            # "x cast as T" (no "?": none of the official files has one) is an error on an
            # empty x, where the constructor function T(x) gives the empty sequence
            helper = "cast_as" if kind == "cast" else "castable"
            return f"R.{helper}({type_name!r}, {self.py(node[1], scope)})", "seq"
        if kind == "call":
            return self._py_call(node, scope), "seq"
        if kind in ("path", "step", "filter"):
            return self._py_path(node, scope), "seq"
        if kind == "root":
            raise Unsupported("the document node as a value")
        raise Unsupported(kind)

    def _py_call(self, node: Node, scope: dict[str, Var]) -> str:
        from edi.validators.native.runtime import CASTS, FUNCTIONS

        name, args = node[0], node[1]
        if name in CASTS:
            if len(args) != 1:
                raise Unsupported(name)
            return f"R.cast({name!r}, {self.py(args[0], scope)})"
        if name == "matches":
            if len(args) != 2 or args[1].kind != "string":
                raise Unsupported("matches() with flags or a computed pattern")
            regex = translate_regex(args[1][0])
            if regex not in self.regexes:
                self.regexes[regex] = len(self.regexes)
            return f"R.matches({self.py(args[0], scope)}, RE{self.regexes[regex]})"
        if name in FUNCTIONS:
            helper, arities = FUNCTIONS[name]
            if len(args) not in arities:
                if not args and name in ("normalize-space", "string", "string-length"):
                    args = (Node("context"),)
                else:
                    raise Unsupported(f"{name} with {len(args)} arguments")
            return f"R.{helper}({', '.join(self.py(a, scope) for a in args)})"
        raise Unsupported(f"function {name}")

    def _py_path(self, node: Node, scope: dict[str, Var]) -> str:
        steps = _descendant_steps(node.parts if node.kind == "path" else (node,))
        # the longest exact prefix goes to lxml in one call
        code = None
        start = 0
        for end in range(len(steps), 0, -1):
            prefix = Node("path", steps[:end]) if end > 1 else steps[0]
            if prefix.kind == "root":
                continue
            found = self.exact(prefix, scope)
            if found is not None and found.kind in ("nodes", "elements"):
                code = self.py(prefix, scope)
                start = end
                break
        if code is None:
            first = steps[0]
            start = 1
            if first.kind == "root" and len(steps) > 1 and steps[1].kind == "step":
                axis, test, preds = steps[1].parts
                base = f"R.nodes({self.xpath(f'/{axis}::{test}')}(c))"
                code = self._py_filter(base, preds, scope)
                start = 2
            elif first.kind == "root":
                raise Unsupported("a computed path from the root")
            if first.kind == "filter":
                base = self.py(first[0], scope)
                code = self._py_filter(base, first[1], scope)
            elif first.kind == "step":
                axis, test, preds = first.parts
                base = f"R.nodes({self.xpath(f'{axis}::{test}')}(c))"
                code = self._py_filter(base, preds, scope)
            elif first.kind in ("path",):
                raise Unsupported("a nested path")
            elif code is None:
                code = self.py(first, scope)
        for step in steps[start:]:
            if step.kind == "step" and not step[2]:
                axis, test, _ = step.parts
                body = f"R.nodes({self.xpath(f'{axis}::{test}')}(c))"
            elif step.kind == "step":
                axis, test, preds = step.parts
                inner = self._py_filter(f"R.nodes({self.xpath(f'{axis}::{test}')}(c))", preds,
                                        scope)
                body = inner
            elif step.kind == "filter":
                body = self._py_filter(self.py(step[0], scope), step[1], scope)
            else:
                body = self.py(step, scope)
            code = f"R.step({code}, lambda c: {body})"
        return code

    def _py_filter(self, base: str, preds: tuple[Node, ...], scope: dict[str, Var]) -> str:
        for pred in preds:
            if _uses_position(pred):
                raise Unsupported("position() or last() in a computed predicate")
            if pred.kind == "integer":
                base = f"R.keep({base}, lambda c: [{pred[0]}])"
            else:
                base = f"R.keep({base}, lambda c: {self.py(pred, scope)})"
        return base


def _absence(node: Node, namespaces: dict[str, str]) -> tuple[tuple[str, ...], ...] | None:
    """``not(p:A/q:B...)``: child steps by prefixed name without predicates, a step maybe a
    union of such names (``(cac:InvoiceLine | cac:CreditNoteLine)/cbc:UUID``), as the
    Clark names of each step; None for any other test."""
    if node.kind != "call" or node[0] != "not" or len(node[1]) != 1:   # type: ignore[arg-type]
        return None
    path = node[1][0]   # type: ignore[index]
    steps = path.parts if path.kind == "path" else (path,)
    if steps and steps[0].kind == "context":
        steps = steps[1:]
    out = []
    for step in steps:
        branches = []
        pending = [step[0]] if isinstance(step, Node) and step.kind == "paren" else [step]
        while pending:
            item = pending.pop(0)
            if isinstance(item, Node) and item.kind == "union":
                pending[:0] = [item[0], item[1]]
            else:
                branches.append(item)
        names = []
        for branch in branches:
            if not isinstance(branch, Node) or branch.kind != "step" or branch[0] != "child" \
                    or branch[2]:
                return None
            prefix, _, local = str(branch[1]).rpartition(":")
            if not prefix or prefix not in namespaces or not re.fullmatch(r"[\w.-]+", local):
                return None
            names.append(f"{{{namespaces[prefix]}}}{local}")
        out.append(tuple(names))
    return tuple(out) or None


def _attribute_absence(node: Node, namespaces: dict[str, str]) -> str | None:
    """``not(//@name)``, as the attribute's Clark name; None for any other test."""
    if node.kind != "call" or node[0] != "not" or len(node[1]) != 1:   # type: ignore[arg-type]
        return None
    path = node[1][0]   # type: ignore[index]
    if not isinstance(path, Node) or path.kind != "path" or len(path.parts) != 3:
        return None
    root, every, attribute = path.parts
    if root.kind != "root" or every.kind != "step" or every.parts != (   # type: ignore[union-attr]
            "descendant-or-self", "node()", ()) or attribute.kind != "step" \
            or attribute[0] != "attribute" or attribute[2]:   # type: ignore[union-attr]
        return None
    prefix, _, local = str(attribute[1]).rpartition(":")   # type: ignore[index]
    if not re.fullmatch(r"[A-Za-z_][\w.-]*", local) or (prefix and prefix not in namespaces):
        return None
    return f"{{{namespaces[prefix]}}}{local}" if prefix else local


def _name_tree(paths: list[tuple[int, tuple[tuple[str, ...], ...]]]) -> dict[str, object]:
    """Absence paths as a tree: name -> (indices of the asserts whose path ends there,
    the tree below). A union step puts its assert under each branch."""
    tree: dict[str, list[object]] = {}
    for index, path in paths:
        levels = [tree]
        for depth, names in enumerate(path):
            below = []
            for level in levels:
                for name in names:
                    entry = level.setdefault(name, [[], {}])
                    if depth == len(path) - 1:
                        if index not in entry[0]:
                            entry[0].append(index)
                    else:
                        below.append(entry[1])
            levels = below

    def frozen(node: dict[str, list[object]]) -> dict[str, object]:
        return {name: (tuple(ends), frozen(sub))   # type: ignore[arg-type]
                for name, (ends, sub) in node.items()}
    return frozen(tree)


def _reads_variables(node: object) -> bool:
    """Whether an expression reads a variable (a rule's let, a quantifier's) or
    ``current()``: then it is not the same on every context node."""
    if isinstance(node, Node):
        if node.kind == "var" or (node.kind == "call" and node[0] == "current"):
            return True
        if node.kind in ("some", "every", "for"):
            return True   # binds a variable its body reads
        return any(_reads_variables(p) for p in node.parts)
    if isinstance(node, tuple):
        return any(_reads_variables(p) for p in node)
    return False


CONTEXT_CALLS = ("position", "last", "current")


def _context_free(node: Node) -> bool:
    """Whether an expression is the same on every context node of an invoice: its paths
    start at the root, and it reads no variable nor the context (a relative path, ``.``,
    a function whose argument defaults to the context)."""
    kind = node.kind
    if kind in ("string", "integer", "decimal", "double", "root"):
        return True
    if kind == "path":
        return bool(node.parts) and node.parts[0].kind == "root" \
            and not _reads_variables(node)   # type: ignore[union-attr]
    if kind == "filter":
        return _context_free(node[0]) and not _reads_variables(node[1])   # type: ignore[arg-type]
    if kind == "call":
        args = node[1]
        if node[0] in CONTEXT_CALLS or not args:   # type: ignore[arg-type]
            return node[0] in ("true", "false")
        return all(_context_free(a) for a in args)   # type: ignore[union-attr]
    if kind in ("context", "step", "var", "some", "every", "for", "empty"):
        return False
    return all(_context_free(p) for p in node.parts if isinstance(p, Node))


def _from_root(node: object) -> bool:
    """Whether an expression holds a path from the root (else it is a constant)."""
    if isinstance(node, Node):
        return node.kind == "root" or any(_from_root(p) for p in node.parts)
    if isinstance(node, tuple):
        return any(_from_root(p) for p in node)
    return False


DOCUMENT_NODE_END = re.compile(r"(parent|ancestor|ancestor-or-self)::node\(\)\W*$")
HOISTED_CALL = re.compile(r"R\.nodes\(X\d+\(c\)\)")
def _names_its_prefixes(text: str, namespaces: dict[str, str]) -> None:
    """Evaluate an XPath once on an empty element with only these prefixes: lxml says
    "Undefined namespace prefix" if the subset missed one."""
    variables = {name: [] for name in re.findall(r"\$([A-Za-z_][\w]*)", text)}
    try:
        etree.XPath(text, namespaces=namespaces)(etree.Element("edi"), **variables)
    except etree.XPathEvalError as exc:
        if "prefix" in str(exc).lower():
            raise AssertionError(f"prefixes of {text[:80]!r}: {exc}") from exc


PREFIX = re.compile(r"(?:(?<=::)|(?<![\w.:-]))([A-Za-z_][\w.-]*):(?![:])")   # not an axis
HOISTED = re.compile(r"\$edi_h(\d+)")


def _needs(text: str) -> str:
    """The hoisted paths an XPath reads, as the second argument of its wrapper."""
    found = sorted({int(n) for n in HOISTED.findall(text)})
    return ", (" + "".join(f"H{n}, " for n in found) + ")" if found else ""


def _descendant_steps(steps: tuple[object, ...]) -> tuple[object, ...]:
    """``descendant-or-self::node()/child::T[P]`` as ``descendant::T[P]``, the same nodes
    when no predicate P asks for a position: the long form visits every text node and
    attribute-free leaf, on which a computed step cannot run (nor needs to: none has a
    child)."""
    out: list[object] = []
    index = 0
    while index < len(steps):
        step, after = steps[index], steps[index + 1] if index + 1 < len(steps) else None
        if isinstance(step, Node) and step.kind == "step" and step[0] == "descendant-or-self" \
                and step[1] == "node()" and not step[2] and isinstance(after, Node) \
                and after.kind == "step" and after[0] == "child" \
                and all(_boolean(pred) for pred in after[2]):   # type: ignore[union-attr]
            out.append(Node("step", ("descendant", after[1], after[2])))
            index += 2
            continue
        out.append(step)
        index += 1
    return tuple(out)


BOOLEAN_CALLS = ("not", "exists", "empty", "boolean", "true", "false", "contains",
                 "starts-with", "ends-with", "matches")


def _boolean(pred: Node) -> bool:
    """Whether a predicate is surely a test, never a position: a comparison, a boolean
    function or operator, with no position() or last() inside."""
    if _uses_position(pred):
        return False
    if pred.kind == "paren":
        return _boolean(pred[0])   # type: ignore[arg-type]
    if pred.kind in ("general", "value", "and", "or", "castable", "some", "every"):
        return True
    if pred.kind in ("step", "path"):   # nodes: their effective boolean value
        last = pred.parts[-1] if pred.kind == "path" else pred
        return isinstance(last, Node) and last.kind == "step"
    return pred.kind == "call" and pred[0] in BOOLEAN_CALLS


def _uses_position(node: object) -> bool:
    if isinstance(node, Node):
        if node.kind == "call" and node[0] in ("position", "last"):
            return True
        return any(_uses_position(p) for p in node.parts)
    if isinstance(node, tuple):
        return any(_uses_position(p) for p in node)
    return False


def translate_regex(pattern: str) -> str:
    """An XSD/XPath regular expression as a Python one, where they provably agree."""
    if re.search(r"\\[pPiIcCwW]|-\[|\(\?|\\[0-9]", pattern):
        raise Unsupported(f"regular expression {pattern!r}")
    out = []
    index = 0
    in_class = False
    while index < len(pattern):
        ch = pattern[index]
        if ch == "\\" and index + 1 < len(pattern):
            nxt = pattern[index + 1]
            if nxt == "s":
                out.append(" \\t\\n\\r" if in_class else "[ \\t\\n\\r]")
            elif nxt == "S":
                if in_class:
                    raise Unsupported("\\S in a class")
                out.append("[^ \\t\\n\\r]")
            else:
                out.append(ch + nxt)
            index += 2
            continue
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "$" and not in_class:
            out.append(r"\Z")
            index += 1
            continue
        out.append(ch)
        index += 1
    text = "".join(out)
    try:
        re.compile(text)
    except re.error as exc:
        raise Unsupported(f"regular expression {pattern!r}: {exc}") from exc
    return text


def parse_expr(text: str) -> Node:
    try:
        return parse(text)
    except ParseError as exc:
        raise Unsupported(str(exc)) from exc


# ---------------------------------------------------------------------------------------
# The generated module


@dataclass
class RuleStats:
    mode: str
    context: str
    compiled: list[int]               # assert indexes compiled natively
    left: dict[int, str]              # assert index -> why it stays with saxonche
    native_context: bool


@dataclass
class Generated:
    source: str                       # Python module text
    rules: list[RuleStats]

    @property
    def asserts_total(self) -> int:
        return sum(len(r.compiled) + len(r.left) for r in self.rules)

    @property
    def asserts_compiled(self) -> int:
        return sum(len(r.compiled) for r in self.rules)

    @property
    def left(self) -> list[tuple[str, int, str]]:
        return [(r.mode, i, why) for r in self.rules for i, why in r.left.items()]


def _context_xpath(compiler: Compiler, context: str) -> tuple[str, list[str]]:
    """The nodes a rule's context pattern matches, as one XPath 1.0 selection from the
    document, and the doubt guards of its predicates."""
    node = parse_expr(context)
    branches: list[Node] = []

    def flatten(n: Node) -> None:
        if n.kind == "union":
            flatten(n[0])
            flatten(n[1])
        else:
            branches.append(n)

    flatten(node)
    texts, guards = [], []
    for branch in branches:
        compiler.hoisting = False   # the selection runs once per invoice anyway
        try:
            found = compiler._exact(branch, {})
        finally:
            compiler.hoisting = True
        if found.kind != "elements" or not found.xpath.startswith(("/", "child::")):
            raise Unsupported(f"context {context!r}")
        rooted = found.xpath.startswith("/")
        # //child::A[p] is /descendant::A[p] when p is no position: libxml2 walks the
        # elements only, instead of every node and then each one's children
        steps = branch.parts if branch.kind == "path" else (branch,)
        head = "//"
        if not rooted and found.xpath.startswith("child::") and isinstance(steps[0], Node) \
                and steps[0].kind == "step" and steps[0][0] == "child" \
                and all(_boolean(p) for p in steps[0][2]):   # type: ignore[union-attr]
            head = "/descendant::"
        texts.append(found.xpath if rooted else _under_root(head, found.xpath))
        guards += [g if rooted else _under_root(head, g) for g in found.guards]
    return " | ".join(texts), guards


def _under_root(head: str, path: str) -> str:
    """A relative path anywhere under the root: ``//path``, or ``/descendant::A...`` for
    ``child::A...`` when its first step has no positional predicate."""
    if head == "//" or not path.startswith("child::"):
        return "//" + path
    return head + path.removeprefix("child::")


def _assert_table(rule: Rule) -> tuple[tuple[bool, str, str, str], ...]:
    """(report, id, flag, static text as the SVRL reader normalises it) of each assert."""
    return tuple((a.report, a.id, a.flag,
                  " ".join("".join(p for p in a.text if isinstance(p, str)).split()))
                 for a in rule.asserts)


def _match_form(compiler: Compiler, context: str
                ) -> list[tuple[str, str | None, tuple[str, ...] | None, bool]] | None:
    """Each union branch of a context pattern as (Clark name of the node it matches, an
    XPath 1.0 test of one candidate or None, the Clark names of its parents from the
    nearest (``*`` any) or None when the test says it all, whether the farthest of them
    is the root element), or None when a branch has a positional predicate or another
    shape (then the selection form is used)."""
    node = parse_expr(context)
    branches: list[Node] = []

    def flatten(n: Node) -> None:
        if n.kind == "union":
            flatten(n[0])
            flatten(n[1])
        else:
            branches.append(n)

    flatten(node)
    out: list[tuple[str, str | None]] = []
    for branch in branches:
        parts = list(branch.parts) if branch.kind == "path" else [branch]
        first = "//"
        if parts and parts[0].kind == "root":
            parts.pop(0)
            first = "/"
        steps: list[tuple[str, Node]] = []
        connector = first
        for part in parts:
            if part.kind == "step" and part[0] == "descendant-or-self" and part[1] == "node()" \
                    and not part[2]:
                connector = "//"
                continue
            if part.kind != "step" or part[0] != "child" or part[1].endswith("()"):
                return None
            steps.append((connector, part))
            connector = "/"
        if not steps:
            return None
        texts = []
        for connector, step in steps:
            preds = ""
            for pred in step[2]:
                if _uses_position(pred):
                    return None
                found = compiler.exact(pred, {})
                if found is None or found.kind == "num":
                    return None
                preds += f"[{found.xpath}]"
            texts.append((connector, step[1] + preds))
        last = steps[-1][1][1]
        clark = _clark(compiler, last)
        if clark is None or clark == "*":
            return None
        parents = [_clark(compiler, step[1]) for _, step in steps[:-1]]
        if all(connector == "/" for connector, _ in steps[1:]) \
                and not any(step[2] for _, step in steps[:-1]) and None not in parents:
            # a chain of parents by name: checked in Python, the last step's predicates
            # (if any) by XPath, on the candidates the chain leaves
            up = tuple(reversed(parents))   # type: ignore[arg-type]
            test = None if texts[-1][1] == last else "self::" + texts[-1][1]
            out.append((clark, test, up, steps[0][0] == "/"))
            continue
        chain = ""
        for index, (connector, text) in enumerate(texts):
            if index == 0:
                chain = text + ("[not(parent::*)]" if connector == "/" else "")
            else:
                axis = "parent" if connector == "/" else "ancestor"
                chain = f"{text}[{axis}::{chain}]"
        out.append((clark, "self::" + chain, None, False))
    return out


def _clark(compiler: Compiler, name: str) -> str | None:
    """A name test as the Clark name lxml gives an element: ``*`` for any, None when it
    is not a plain name (a prefix wildcard, an unknown prefix)."""
    prefix, _, local = name.rpartition(":")
    if name == "*":
        return "*"
    if local == "*" or prefix == "*" or (prefix and prefix not in compiler.namespaces):
        return None
    return f"{{{compiler.namespaces[prefix]}}}{local}" if prefix else local


def generate(source: RuleSetSource, header: str) -> Generated:
    """The Python module judging ``source`` natively, rule by rule."""
    compiler = Compiler(source.namespaces, source.functions)
    body: list[str] = []
    stats: list[RuleStats] = []
    globals_scope: dict[str, Var] = {}
    global_lines: list[str] = []
    for name, select in source.globals:
        if name == "document-uri":
            continue
        try:
            code = compiler.py(parse_expr(select), globals_scope)
        except Unsupported:
            break       # later globals may need it; rules naming it stay with saxonche
        exact = compiler.exact(parse_expr(select), globals_scope)
        kind = "elements" if exact is not None and exact.kind == "elements" else "any"
        global_lines.append(f"    G[{name!r}] = {code}")
        globals_scope[name] = Var(f"G[{name!r}]", kind)
    patterns: list[str] = []
    rule_number = 0
    for mode in source.patterns:
        entries: list[str] = []
        context_lost = False      # a rule whose context is not native: later ones lose too
        for rule in source.rules.get(mode, []):
            rule_number += 1
            fn = f"rule_{rule_number}"
            rule_stats = RuleStats(mode, rule.context, [], {}, False)
            stats.append(rule_stats)
            try:
                if context_lost:
                    raise Unsupported("an earlier rule of the pattern is not native")
                selection, guards = _context_xpath(compiler, rule.context)
            except Unsupported as exc:
                context_lost = True
                rule_stats.left = {a.index: f"context: {exc}" for a in rule.asserts}
                entries.append(f"    (None, None, None, {rule.priority}, "
                               f"{_assert_table(rule)!r}),")
                continue
            rule_stats.native_context = True
            lines, scope = [], dict(globals_scope)
            lets_ok = True
            for name, select in rule.lets:
                try:
                    node = parse_expr(select)
                    code = compiler.py(node, scope)
                except Unsupported as exc:
                    lets_ok = False
                    why = f"let ${name}: {exc}"
                    break
                exact = compiler.exact(node, scope)
                kind = "elements" if exact is not None and exact.kind == "elements" else "any"
                lines.append(f"    {_xvar(name)} = {code}")
                scope[name] = Var(_xvar(name), kind)
            batch: list[tuple[int, str]] = []
            python: list[tuple[int, str]] = []
            absences: list[tuple[int, tuple[tuple[str, ...], ...]]] = []
            doubts: dict[int, list[str]] = {}   # the batch's guards, by assert
            texts: list[str] = []
            for item in rule.asserts:
                if not lets_ok:
                    rule_stats.left[item.index] = why
                    continue
                try:
                    node = parse_expr(item.test)
                    absent = _absence(node, compiler.namespaces)
                    attribute = _attribute_absence(node, compiler.namespaces)
                    exact = None if absent or attribute else compiler.exact(node, scope)
                    if attribute:
                        # not(//@name): one set of the invoice's attribute names
                        python.append((item.index,
                                       f"    if {'not ' if item.report else ''}"
                                       f"R.attribute_anywhere(c, {attribute!r}):\n"
                                       f"        fired[{item.index}] = None"))
                    elif absent and not item.report:
                        # not(a:B/c:D): the commonest official test ("should not be
                        # present"), hundreds a rule: the rule's paths walked together,
                        # as a tree of names, over each node's children by name
                        absences.append((item.index, absent))
                    elif absent:
                        python.append((item.index,
                                       f"    if not R.present(c, {absent!r}):\n"
                                       f"        fired[{item.index}] = None"))
                    elif exact is not None and exact.kind == "bool":
                        fires = exact.xpath if item.report else f"not({exact.xpath})"
                        piece = f"substring('{item.index:04d}', 1, 4 * number({fires}))"
                        batch.append((item.index, piece))
                        doubts[item.index] = exact.guards
                    else:
                        test = compiler.py(node, scope, "bool")
                        python.append((item.index,
                                       f"    if {'' if item.report else 'not '}({test}):\n"
                                       f"        fired[{item.index}] = None"))
                    for part in item.text:
                        if isinstance(part, tuple):
                            value = compiler.py(parse_expr(part[0]), scope)
                            texts.append(f"        texts.setdefault({item.index}, [])"
                                         f".append(R.f_string_join({value}, [' '])[0])")
                except Unsupported as exc:
                    rule_stats.left[item.index] = str(exc)
                    batch = [b for b in batch if b[0] != item.index]
                    python = [p for p in python if p[0] != item.index]
                    absences = [a for a in absences if a[0] != item.index]
                    continue
                rule_stats.compiled.append(item.index)
            if batch:
                # the asserts share guards (the same path in many tests): each is
                # evaluated once, and any one true means XPath 1.0 may differ
                shared = list(dict.fromkeys(g for index, _ in batch
                                            for g in doubts.get(index, ())))
                pieces = [p for _, p in batch]
                if shared:
                    guard = " or ".join(f"({g})" for g in shared)
                    pieces.insert(0, f"substring('G', 1, number(boolean({guard})))")
                pieces += ["''"] * (2 - len(pieces) if len(pieces) < 2 else 0)
                xpath = "concat(" + ", ".join(pieces) + ")"
                call = f"{compiler.xpath(xpath)}(c{compiler._xargs(xpath, scope)})"
                lines.append(f"    flags = {call}")
                lines.append("    if flags:")
                lines.append("        if flags[0] == 'G' or 'G' in flags:")
                lines.append("            raise R.Fallback('XPath 1.0 and 2.0 may differ here')")
                lines.append("        for at in range(0, len(flags), 4):")
                lines.append("            fired[int(flags[at:at + 4])] = None")
            if absences:
                compiler.tries.append(_name_tree(absences))
                lines.append(f"    for index in R.present_in(c, T{len(compiler.tries) - 1}):")
                lines.append("        fired[index] = None")
            lines += [p for _, p in python]
            dynamic = [a for a in rule.asserts if a.index in rule_stats.compiled
                       and any(isinstance(p, tuple) for p in a.text)]
            text_lines = []
            for item in dynamic:
                parts = []
                for part in item.text:
                    if isinstance(part, tuple):
                        value = compiler.py(parse_expr(part[0]), scope)
                        parts.append(f"R.f_string_join({value}, [' '])[0]")
                    else:
                        parts.append(repr(part))
                text_lines.append(f"    if {item.index} in fired:")
                text_lines.append(f"        fired[{item.index}] = "
                                  f"''.join([{', '.join(parts)}])")
            fn_lines = [f"def {fn}(c, G):", "    fired = {}"] + lines + text_lines + \
                ["    return fired", "", ""]
            body.append("\n".join(fn_lines))
            guard = compiler.xpath("boolean(" + " or ".join(f"({g})" for g in guards) + ")") \
                if guards else "None"
            match = _match_form(compiler, rule.context)
            if match is not None:
                forms = ", ".join(f"({tag!r}, {compiler.xpath(test) if test else 'None'}, "
                                  f"{up!r}, {rooted!r})" for tag, test, up, rooted in match)
                selection_code = f"({forms},)"
            else:
                selection_code = compiler.xpath(selection)
            entries.append(f"    ({selection_code}, {guard}, "
                           f"{fn if rule_stats.compiled else 'None'}, {rule.priority}, "
                           f"{_assert_table(rule)!r}),")
        patterns.append(f"  ({mode!r}, [\n" + "\n".join(entries) + "\n  ]),")
    lines = [header, "from lxml import etree", "",
             "from edi.validators.native import runtime as R", "", "# ruff: noqa", "",
             f"NS = {source.namespaces!r}", ""]
    # each XPath registers only the prefixes it names: lxml registers them all on every
    # call (0.4 us of 3.5 for the 13 of a CEN set)
    subsets: dict[tuple[str, ...], str] = {}
    texts = list(compiler.hoisted) + list(compiler.xpaths)
    for text in texts:
        used = tuple(sorted(set(PREFIX.findall(text)) & set(source.namespaces)))
        if used not in subsets:
            subsets[used] = f"NS{len(subsets)}"
            lines.append(f"{subsets[used]}: dict[str, str] = "
                         f"{{{', '.join(f'{p!r}: NS[{p!r}]' for p in used)}}}")

    def ns(text: str) -> str:
        used = tuple(sorted(set(PREFIX.findall(text)) & set(source.namespaces)))
        _names_its_prefixes(text, {p: source.namespaces[p] for p in used})
        return subsets[used]

    for text, number in compiler.hoisted.items():
        lines.append(f"H{number} = R.Hoisted('edi_h{number}', etree.XPath({text!r}, "
                     f"namespaces={ns(text)}, smart_strings=False){_needs(text)})")
    for text, number in compiler.xpaths.items():
        if HOISTED.search(text):
            lines.append(f"X{number} = R.WithHoisted(etree.XPath({text!r}, "
                         f"namespaces={ns(text)}, smart_strings=False){_needs(text)})")
        else:
            lines.append(f"X{number} = etree.XPath({text!r}, namespaces={ns(text)}, "
                         "smart_strings=False)")
    for number, tree in enumerate(compiler.tries):
        lines.append(f"T{number}: R.NameTree = {tree!r}")
    lines.append("")
    import re as _re  # noqa: F401  (the generated module imports re itself)
    if compiler.regexes:
        lines.insert(1, "import re")
        for text, number in compiler.regexes.items():
            lines.append(f"RE{number} = re.compile({text!r})")
    lines += ["", "", "def global_lets(c):", "    G = {}"] + global_lines + \
        ["    return G", "", ""]
    lines += body
    lines += ["# (mode, [(context, context doubt, rule function or None, priority,",
              "#         ((report, id, flag, text) of each assert))])",
              "PATTERNS = [", *patterns, "]"]
    return Generated("\n".join(lines) + "\n", stats)
