"""A command-line parser that speaks Dutch, for every sdlib command (``sdlib``, ``python -m sdlib.records``).

argparse prints its own words in English ("usage:", "options", "show this help message and exit", "error:
unrecognized arguments"). :class:`DutchArgumentParser` replaces them, so everything a user of the command
line reads is Dutch. It lives in the lowest layer because every command line uses it.
"""

from __future__ import annotations

import argparse
import re
import sys

__all__ = ["DutchArgumentParser"]

_ERRORS = [  # argparse's English messages and their Dutch text
    (r"^unrecognized arguments: (.*)$", r"onbekende argumenten: \1"),
    (r"^the following arguments are required: (.*)$", r"deze argumenten ontbreken: \1"),
    (r"^argument (.*?): invalid choice: (.*?) \(choose from (.*)\)$", r"\1: onbekende keuze \2 (kies uit \3)"),
    (r"^argument (.*?): expected one argument$", r"\1: hier hoort één waarde achter"),
    (r"^argument (.*?): expected (.*) arguments?$", r"\1: hier horen \2 waarden achter"),
    (r"^argument (.*?): invalid (.*?) value: (.*)$", r"\1: ongeldige waarde \3"),
    (r"^argument (.*?): not allowed with argument (.*)$", r"\1: gaat niet samen met \2"),
    (r"^argument (.*?): ignored explicit argument (.*)$", r"\1: deze optie neemt geen waarde (\2)"),
    (r"^ambiguous option: (.*?) could match (.*)$", r"\1 is niet eenduidig: bedoelt u \2?"),
    (r"^argument (.*?): (.*)$", r"\1: \2"),
]


class _DutchFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="gebruik: " if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """An ``argparse.ArgumentParser`` whose help and error messages are Dutch.

    Errors print the usage line and ``fout: <message>`` and exit with code 2, as argparse does.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _DutchFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="toon deze uitleg en stop")

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("title", "opdrachten")
        return super().add_subparsers(**kwargs)

    def error(self, message):
        for pattern, dutch in _ERRORS:
            if re.match(pattern, message):
                message = re.sub(pattern, dutch, message)
                break
        message = re.sub(r"^(\S+): \1 ", r"\1 ", message)  # "--jobs: --jobs moet ..." -> "--jobs moet ..."
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {message}\n")
