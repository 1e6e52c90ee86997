"""Read the README the way a user does: its code blocks, the command lines in them, its links
and inline code. Used by tests/test_readme.py to prove the README stays true.

A command line is split like a POSIX shell would: `\\` continues a line, `#` starts a comment
(outside quotes), `&&` and `;` separate steps, `> FILE` redirects stdout. YAML blocks contribute
the commands of CI steps (`- run: ...`).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

FENCE = re.compile(r"^```(\S*)\s*$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
INLINE_CODE = re.compile(r"`([^`\n]+)`")
YAML_RUN = re.compile(r"^\s*-?\s*run:\s*(.+?)\s*$")
STEP_SEPARATORS = {"&&", ";"}


@dataclass(frozen=True)
class Block:
    """A fenced code block: its language, the heading it sits under, where it starts."""

    lang: str
    heading: str
    line: int  # 1-based line of the first line inside the fence
    text: str


@dataclass(frozen=True)
class Step:
    """One simple command of a command line: `aigov check`, `cd governance`, `make test`."""

    argv: tuple[str, ...]
    redirect: str | None = None  # the file after `>`, if stdout is redirected

    @property
    def program(self) -> str:
        return self.argv[0] if self.argv else ""

    @property
    def is_aigov(self) -> bool:
        return self.program == "aigov"

    def text(self) -> str:
        out = shlex.join(self.argv)
        return f"{out} > {self.redirect}" if self.redirect else out


@dataclass(frozen=True)
class CommandLine:
    block: Block
    line: int  # 1-based line in the README
    source: str  # the line as written (continuations joined), without its comment
    comment: str  # the trailing `# ...` comment, if any
    steps: tuple[Step, ...] = field(default_factory=tuple)

    @property
    def aigov_steps(self) -> list[Step]:
        return [s for s in self.steps if s.is_aigov]


def headings_and_blocks(markdown: str) -> list[Block]:
    """Every fenced code block, with the nearest heading above it."""
    blocks: list[Block] = []
    heading = ""
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if fence:
            start = i + 1
            j = start
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            blocks.append(Block(fence.group(1), heading, start + 1, "\n".join(lines[start:j])))
            i = j + 1
            continue
        head = HEADING.match(line)
        if head:
            heading = head.group(2)
        i += 1
    return blocks


def split_comment(line: str) -> tuple[str, str]:
    """(code, comment) of a shell line; a `#` inside quotes or a word is not a comment."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip(), line[i + 1 :].strip()
    return line.rstrip(), ""


def tokens(code: str) -> list[str]:
    """Shell words of `code`; `&&`, `;` and `>` come out as their own tokens."""
    lexer = shlex.shlex(code, posix=True, punctuation_chars=";&|<>")
    lexer.whitespace_split = True
    lexer.commenters = ""  # comments were removed by split_comment
    return list(lexer)


def steps_of(code: str) -> tuple[Step, ...]:
    steps: list[Step] = []
    current: list[str] = []
    redirect: str | None = None
    words = tokens(code)
    i = 0
    while i < len(words):
        word = words[i]
        if word in STEP_SEPARATORS:
            if current:
                steps.append(Step(tuple(current), redirect))
            current, redirect = [], None
        elif word == ">":
            if i + 1 >= len(words):
                raise ValueError(f"`>` without a file in {code!r}")
            redirect = words[i + 1]
            i += 1
        elif word in {"|", "||", "<", ">>", "&"}:
            raise ValueError(f"unsupported shell syntax {word!r} in {code!r}")
        else:
            current.append(word)
        i += 1
    if current:
        steps.append(Step(tuple(current), redirect))
    return tuple(steps)


def command_lines(block: Block) -> list[CommandLine]:
    """The command lines of a shell block, or the `run:` steps of a YAML block."""
    out: list[CommandLine] = []
    lines = block.text.splitlines()
    if block.lang in {"sh", "bash", "shell", "console"}:
        i = 0
        while i < len(lines):
            first = i
            code, comment = split_comment(lines[i].removeprefix("$ "))
            while code.endswith("\\") and i + 1 < len(lines):
                i += 1
                more, more_comment = split_comment(lines[i])
                code = code[:-1].rstrip() + " " + more.strip()
                comment = more_comment or comment
            i += 1
            if code.strip():
                out.append(
                    CommandLine(block, block.line + first, code.strip(), comment, steps_of(code))
                )
    elif block.lang in {"yaml", "yml"}:
        for n, line in enumerate(lines):
            match = YAML_RUN.match(line)
            if match:
                code, comment = split_comment(match.group(1))
                out.append(CommandLine(block, block.line + n, code, comment, steps_of(code)))
    return out


def all_command_lines(markdown: str) -> list[CommandLine]:
    return [cmd for block in headings_and_blocks(markdown) for cmd in command_lines(block)]


def prose(markdown: str) -> str:
    """The README without its fenced code blocks."""
    return re.sub(r"^```.*?^```[ \t]*$", "", markdown, flags=re.S | re.M)


def inline_code(markdown: str) -> list[str]:
    return INLINE_CODE.findall(prose(markdown))


def links(markdown: str) -> list[str]:
    """Targets of Markdown links and images in the prose."""
    return LINK.findall(prose(markdown))


def table_under(markdown: str, heading: str) -> list[list[str]]:
    """The rows (cells stripped) of the first table after `heading`, header row excluded."""
    lines = markdown.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if HEADING.match(line) and heading in line)
    except StopIteration:
        return []
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if HEADING.match(line):
            break
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows.append(cells)
        elif rows:
            break
    # drop the header and the --- separator
    return [r for r in rows[1:] if not all(set(c) <= set("-: ") for c in r)]
