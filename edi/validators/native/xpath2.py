"""An XPath 2.0 parser for the expressions of the official Schematron files.

It reads the whole XPath 2.0 grammar these files use (paths, predicates, general and value
comparisons, arithmetic, ``some``/``every``/``for``/``if``, ``cast``/``castable``, function
calls, sequences) into a small tree of tuples; ``compiler.py`` decides, node by node, what
becomes lxml XPath 1.0 and what becomes Python. Anything outside that grammar is a
``ParseError``, and the rule that holds it stays with saxonche.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class ParseError(Exception):
    """An expression this parser does not read."""


@dataclass(frozen=True)
class Node:
    """One node of the tree: ``kind`` and its parts (children or values)."""

    kind: str
    parts: tuple[object, ...] = ()

    def __getitem__(self, index: int) -> object:
        return self.parts[index]


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<string>"(?:[^"]|"")*"|'(?:[^']|'')*')
  | (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<var>\$[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)
  | (?P<op>//|::|\.\.|!=|<=|>=|<<|>>|[/()\[\],@=<>|+*.-])
  | (?P<name>(?:[A-Za-z_][\w.-]*|\*):(?:[A-Za-z_][\w.-]*|\*)|[A-Za-z_][\w.-]*)
""", re.VERBOSE)

AXES = ("child", "descendant", "attribute", "self", "descendant-or-self", "following-sibling",
        "following", "parent", "ancestor", "preceding-sibling", "preceding",
        "ancestor-or-self", "namespace")
KIND_TESTS = ("node", "text", "comment", "processing-instruction", "element", "attribute",
              "document-node")
OPERAND_END = ("string", "number", "var", "name", ")", "]", ".", "..", "*")


def tokenize(text: str) -> list[tuple[str, str]]:
    """(kind, value) tokens; ``*`` and operator names resolved by what precedes them."""
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise ParseError(f"unexpected character {text[pos]!r} at {pos}")
        pos = match.end()
        kind = match.lastgroup or ""
        value = match.group()
        if kind == "space":
            continue
        if kind == "op":
            kind = value
        after_operand = bool(out) and (out[-1][0] in OPERAND_END)
        if value == "*" and not after_operand:
            kind, value = "name", "*"
        elif kind == "*":
            kind = "op*"          # multiplication
        elif kind == "name" and after_operand and value in (
                "and", "or", "div", "idiv", "mod", "eq", "ne", "lt", "le", "gt", "ge", "is",
                "to", "union", "intersect", "except", "instance", "treat", "castable", "cast",
                "satisfies", "in", "return", "then", "else", "as", "of"):
            kind = "kw"
        out.append((kind, value))
    return out


class Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.pos = 0

    # -- helpers
    def peek(self, offset: int = 0) -> tuple[str, str]:
        index = self.pos + offset
        return self.tokens[index] if index < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.pos += 1
        return token

    def expect(self, kind: str, value: str | None = None) -> tuple[str, str]:
        token = self.take()
        if token[0] != kind or (value is not None and token[1] != value):
            raise ParseError(f"expected {value or kind}, got {token[1]!r} in {self.text[:80]!r}")
        return token

    def expect_word(self, word: str) -> None:
        kind, value = self.take()
        if value != word or kind not in ("kw", "name"):
            raise ParseError(f"expected {word}, got {value!r} in {self.text[:80]!r}")

    def at_kw(self, *words: str) -> bool:
        kind, value = self.peek()
        return kind == "kw" and value in words

    def at_name(self, *words: str) -> bool:
        kind, value = self.peek()
        return kind == "name" and value in words

    # -- grammar
    def parse(self) -> Node:
        node = self.expr()
        if self.peek()[0] != "end":
            raise ParseError(f"unexpected {self.peek()[1]!r} in {self.text[:80]!r}")
        return node

    def expr(self) -> Node:
        items = [self.expr_single()]
        while self.peek()[0] == ",":
            self.take()
            items.append(self.expr_single())
        return items[0] if len(items) == 1 else Node("seq", tuple(items))

    def expr_single(self) -> Node:
        kind, value = self.peek()
        if kind == "name" and value in ("some", "every", "for") and self.peek(1)[0] == "var":
            return self.binding(value)
        if kind == "name" and value == "if" and self.peek(1)[0] == "(":
            self.take()
            self.expect("(")
            test = self.expr()
            self.expect(")")
            self.expect("kw", "then")
            then = self.expr_single()
            self.expect("kw", "else")
            return Node("if", (test, then, self.expr_single()))
        return self.or_expr()

    def binding(self, word: str) -> Node:
        self.take()
        bindings = []
        while True:
            name = self.expect("var")[1][1:]
            self.expect("kw", "in")
            bindings.append((name, self.expr_single()))
            if self.peek()[0] != ",":
                break
            self.take()
        self.expect("kw", "return" if word == "for" else "satisfies")
        body = self.expr_single()
        # nested single bindings: some $a in A, $b in B satisfies X == some $a in A satisfies
        # (some $b in B satisfies X)
        for name, source in reversed(bindings):
            body = Node(word, (name, source, body))
        return body

    def _binary(self, sub, ops: tuple[str, ...], kind: str) -> Node:
        left = sub()
        while True:
            token = self.peek()
            op = token[1] if token[0] in ("kw", "op*", "=", "!=", "<", "<=", ">", ">=",
                                          "<<", ">>", "|", "+", "-") else None
            if op is None or op not in ops:
                return left
            self.take()
            left = Node(kind, (op, left, sub()))

    def or_expr(self) -> Node:
        return self._binary(self.and_expr, ("or",), "or")

    def and_expr(self) -> Node:
        return self._binary(self.comparison, ("and",), "and")

    def comparison(self) -> Node:
        left = self.range_expr()
        kind, value = self.peek()
        if kind in ("=", "!=", "<", "<=", ">", ">="):
            self.take()
            return Node("general", (value, left, self.range_expr()))
        if kind == "kw" and value in ("eq", "ne", "lt", "le", "gt", "ge"):
            self.take()
            return Node("value", (value, left, self.range_expr()))
        if (kind == "kw" and value == "is") or kind in ("<<", ">>"):
            raise ParseError(f"node comparison {value!r} is not supported")
        return left

    def range_expr(self) -> Node:
        left = self.additive()
        if self.at_kw("to"):
            self.take()
            return Node("range", (left, self.additive()))
        return left

    def additive(self) -> Node:
        return self._binary(self.multiplicative, ("+", "-"), "arith")

    def multiplicative(self) -> Node:
        left = self.union()
        while True:
            kind, value = self.peek()
            if kind == "op*":
                op = "*"
            elif kind == "kw" and value in ("div", "idiv", "mod"):
                op = value
            else:
                return left
            self.take()
            left = Node("arith", (op, left, self.union()))

    def union(self) -> Node:
        left = self.intersect()
        while self.peek()[0] == "|" or self.at_kw("union"):
            self.take()
            left = Node("union", (left, self.intersect()))
        return left

    def intersect(self) -> Node:
        left = self.instance_of()
        if self.at_kw("intersect", "except"):
            raise ParseError("intersect/except are not supported")
        return left

    def instance_of(self) -> Node:
        node = self.castable()
        if self.at_kw("instance", "treat"):
            raise ParseError("instance of / treat as are not supported")
        return node

    def castable(self) -> Node:
        node = self.cast()
        if self.at_kw("castable"):
            self.take()
            self.expect_word("as")
            name = self.expect("name")[1]
            return Node("castable", (name, node))
        return node

    def cast(self) -> Node:
        node = self.unary()
        if self.at_kw("cast"):
            self.take()
            self.expect_word("as")
            name = self.expect("name")[1]
            return Node("cast", (name, node))
        return node

    def unary(self) -> Node:
        sign = 1
        seen = False
        while self.peek()[0] in ("-", "+"):
            seen = True
            if self.take()[0] == "-":
                sign = -sign
        node = self.path()
        if seen:
            return Node("neg" if sign < 0 else "plus", (node,))
        return node

    def path(self) -> Node:
        kind = self.peek()[0]
        if kind == "/":
            self.take()
            if self._starts_step():
                return Node("path", (Node("root"),) + self.relative())
            return Node("root")
        if kind == "//":
            self.take()
            return Node("path", (Node("root"), Node("step", ("descendant-or-self", "node()", ())))
                        + self.relative())
        steps = self.relative()
        return steps[0] if len(steps) == 1 else Node("path", steps)

    def _starts_step(self) -> bool:
        kind, value = self.peek()
        return kind in ("name", "@", ".", "..", "var", "string", "number", "(")

    def relative(self) -> tuple[Node, ...]:
        steps = [self.step()]
        while self.peek()[0] in ("/", "//"):
            if self.take()[0] == "//":
                steps.append(Node("step", ("descendant-or-self", "node()", ())))
            steps.append(self.step())
        return tuple(steps)

    def predicates(self) -> tuple[Node, ...]:
        preds = []
        while self.peek()[0] == "[":
            self.take()
            preds.append(self.expr())
            self.expect("]")
        return tuple(preds)

    def step(self) -> Node:
        kind, value = self.peek()
        if kind == "..":
            self.take()
            return Node("step", ("parent", "node()", self.predicates()))
        if kind == "@":
            self.take()
            return Node("step", ("attribute", self.node_test(), self.predicates()))
        if kind == "name" and self.peek(1)[0] == "::":
            if value not in AXES or value == "namespace":
                raise ParseError(f"axis {value!r} is not supported")
            self.take()
            self.take()
            return Node("step", (value, self.node_test(), self.predicates()))
        if kind == "name" and not (self.peek(1)[0] == "(" and value not in KIND_TESTS):
            return Node("step", ("child", self.node_test(), self.predicates()))
        primary = self.primary()
        preds = self.predicates()
        return Node("filter", (primary, preds)) if preds else primary

    def node_test(self) -> str:
        kind, value = self.take()
        if kind != "name":
            raise ParseError(f"expected a name test, got {value!r}")
        if value in KIND_TESTS and self.peek()[0] == "(":
            self.take()
            if self.peek()[0] != ")":
                raise ParseError(f"{value}() with arguments is not supported")
            self.take()
            return value + "()"
        return value

    def primary(self) -> Node:
        kind, value = self.take()
        if kind == "string":
            quote = value[0]
            return Node("string", (value[1:-1].replace(quote * 2, quote),))
        if kind == "number":
            if re.search(r"[eE]", value):
                return Node("double", (float(value),))
            if "." in value:
                return Node("decimal", (value,))
            return Node("integer", (int(value),))
        if kind == "var":
            return Node("var", (value[1:],))
        if kind == ".":
            return Node("context")
        if kind == "(":
            if self.peek()[0] == ")":
                self.take()
                return Node("empty")
            inner = self.expr()
            self.expect(")")
            return Node("paren", (inner,))
        if kind == "name" and self.peek()[0] == "(":
            self.take()
            args = []
            if self.peek()[0] != ")":
                args.append(self.expr_single())
                while self.peek()[0] == ",":
                    self.take()
                    args.append(self.expr_single())
            self.expect(")")
            return Node("call", (value, tuple(args)))
        raise ParseError(f"unexpected {value!r} in {self.text[:80]!r}")


def parse(text: str) -> Node:
    return Parser(text).parse()
