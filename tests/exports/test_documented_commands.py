"""Every ``rubricate`` command shown in a code block of the README or the guides uses real
options and real values: a renamed flag or format fails here, not in a user's CI."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

import generator.commands  # noqa: F401  (registers build, serve, cards, ...)
from validate.cli import cli

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
COMMAND = re.compile(r"(?:^|[\s$:-])rubricate ((?:[a-z][\w-]*)(?: [^\n#|&;`]*)?)")


def documented_commands(path: Path) -> list[str]:
    """The argument strings after ``rubricate`` in the file's fenced code blocks."""
    found = []
    for block in FENCE.findall(path.read_text("utf-8")):
        for line in block.replace("\\\n", " ").splitlines():  # shell line continuations
            found += [m.strip() for m in COMMAND.findall(line)]
    return found


def split(text: str) -> list[str]:
    """Shell words of ``text`` (none when it is not a whole command line)."""
    try:
        return shlex.split(text)
    except ValueError:  # an unbalanced quote: output or prose, not a command line
        return []


def resolve(argv: list[str]) -> tuple[click.Command, list[str]]:
    """The (sub)command the words name and the words left for its options."""
    command: click.Command = cli
    words = list(argv)
    while isinstance(command, click.Group) and words:
        sub = command.get_command(click.Context(command), words[0])
        if sub is None:
            break
        command, words = sub, words[1:]
    return command, words


def option_problems(command: click.Command, words: list[str]) -> list[str]:
    """Options that ``command`` does not have, and values outside an option's choices."""
    by_flag = {flag: p for p in command.params for flag in (*p.opts, *p.secondary_opts)}
    problems = []
    for index, word in enumerate(words):
        if not word.startswith("-") or word == "-":
            continue
        flag, _, inline = word.partition("=")
        param = by_flag.get(flag)
        if param is None:
            problems.append(f"{command.name} has no option {flag}")
            continue
        if isinstance(param.type, click.Choice):
            value = inline or (words[index + 1] if index + 1 < len(words) else "")
            if value and not value.startswith(("$", "<", "{")):
                choices = [c.lower() for c in param.type.choices]
                if value.lower() not in choices:
                    problems.append(f"{command.name} {flag}: {value!r} is not one of {choices}")
    return problems


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_documented_commands_use_real_options(path: Path) -> None:
    commands = documented_commands(path)
    problems = []
    for text in commands:
        argv = split(text)
        if not argv:
            continue
        command, words = resolve(argv)
        if command is cli:
            problems.append(f"unknown command: rubricate {text}")
            continue
        problems += [f"rubricate {text}: {p}" for p in option_problems(command, words)]
    assert not problems, "\n".join(problems)


def test_the_readme_shows_commands() -> None:
    """The extraction itself works: the README's blocks name most commands."""
    names = {resolve(split(c))[0].name for c in documented_commands(REPO / "README.md")}
    assert {"lint", "check", "build", "report", "aggregate", "convert"} <= names
