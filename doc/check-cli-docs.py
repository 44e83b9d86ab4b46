#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that gloss(1) and gloss-cli(1) name every command and option the
programs' --help lists, and that the bash completion completes them.

Prints TAP. The completion checks are skipped when bash-completion is not
installed (the completion needs its helpers).
"""

import argparse
import os
import re
import shlex
import subprocess
import sys

BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"
results = []


def check(ok, name, detail=""):
    results.append((ok, name, detail))


def skip(name, reason):
    results.append((True, name, "# SKIP " + reason))


def help_text(*argv):
    env = dict(os.environ, LC_ALL="C")
    env.pop("GSETTINGS_SCHEMA_DIR", None)
    run = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    return run.stdout


def commands_of(cli):
    text = help_text(cli, "--help")
    block = text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines() if line.strip()]


def options_of(*argv):
    text = help_text(*argv, "--help")
    options = re.findall(r"^\s+(?:-[a-zA-Z], )?(--[a-z][a-z-]*)", text, re.M)
    return [o for o in options if not o.startswith("--help")]


def roff(word):
    return word.replace("-", "\\-")


def completions(cli, completion, words):
    """Run the completion function on WORDS (the last is being completed)."""
    script = f"""
source {shlex.quote(BASH_COMPLETION)}
source {shlex.quote(completion)}
COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})
COMP_CWORD={len(words) - 1}
COMP_LINE="${{COMP_WORDS[*]}}"
COMP_POINT=${{#COMP_LINE}}
_gloss_cli gloss-cli "${{COMP_WORDS[-1]}}" "${{COMP_WORDS[-2]}}"
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    env = dict(os.environ, LC_ALL="C",
               PATH=os.path.dirname(cli) + os.pathsep + os.environ.get("PATH", ""))
    run = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True,
                         check=False)
    return set(run.stdout.split())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gloss", required=True)
    parser.add_argument("--gloss-cli", required=True)
    parser.add_argument("--man-dir", required=True)
    parser.add_argument("--completion", required=True)
    args = parser.parse_args()

    with open(os.path.join(args.man_dir, "gloss-cli.1"), encoding="utf-8") as page:
        cli_page = page.read()
    with open(os.path.join(args.man_dir, "gloss.1"), encoding="utf-8") as page:
        gloss_page = page.read()

    commands = commands_of(args.gloss_cli)
    check(len(commands) > 0, "gloss-cli --help lists commands", " ".join(commands))
    for command in commands:
        check(f"\n.B {command} \\fI" in cli_page, f"gloss-cli(1) describes {command}",
              "describe it under COMMANDS in doc/gloss-cli.1")
        for option in options_of(args.gloss_cli, command):
            check(roff(option) in cli_page, f"gloss-cli(1) names {command} {option}",
                  "describe it in doc/gloss-cli.1")
    for option in options_of(args.gloss):
        check(roff(option) in gloss_page, f"gloss(1) names {option}", "describe it in doc/gloss.1")

    if not os.path.exists(BASH_COMPLETION):
        skip("completion", f"{BASH_COMPLETION} is not installed")
    else:
        got = completions(args.gloss_cli, args.completion, ["gloss-cli", ""])
        check(got == set(commands), "completion offers the commands", " ".join(sorted(got)))
        for command in commands:
            want = set(options_of(args.gloss_cli, command))
            got = {o.rstrip("=") for o in
                   completions(args.gloss_cli, args.completion, ["gloss-cli", command, "p.gloss", "--"])}
            check(want <= got, f"completion offers the options of {command}",
                  " ".join(sorted(want - got)))
        got = completions(args.gloss_cli, args.completion,
                          ["gloss-cli", "export", "p.gloss", "--format", ""])
        check({"jsonl", "json", "brat"} <= got, "completion offers the export formats",
              " ".join(sorted(got)))

    print(f"1..{len(results)}")
    for number, (ok, name, detail) in enumerate(results, 1):
        line = f"{'ok' if ok else 'not ok'} {number} - {name}"
        if detail.startswith("#"):
            line += " " + detail
        elif not ok and detail:
            line += f"  # {detail}"
        print(line)
    return 0 if all(ok for ok, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
