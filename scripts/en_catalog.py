"""Fill the English catalog from tab-separated files of `Korean msgid<TAB>English msgstr` lines.

    python scripts/en_catalog.py locale/en/LC_MESSAGES/django.po translations.tsv [more.tsv ...]

A plural message's line may carry a third field, the English plural (`Korean<TAB>one<TAB>many`).
Run after `make messages` has gathered new msgids: each listed msgid gets its English text and
loses any fuzzy flag; msgids the files do not name are left as they are. A backslash-n in a
field stands for a line break. It prints the msgids still without a translation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def _read_pairs(paths: list[str]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip() or "\t" not in line:
                continue
            korean, english = line.split("\t", 1)
            pairs[korean.replace("\\n", "\n")] = english.replace("\\n", "\n")
    return pairs


def main(catalog_path: str, *tsv_paths: str) -> int:
    pairs = _read_pairs(list(tsv_paths))
    po = Path(catalog_path)
    with po.open("rb") as source:
        catalog = read_po(source, locale="en")
    missing = []
    for message in catalog:
        if not message.id:
            continue
        key = str(message.id[0] if isinstance(message.id, tuple | list) else message.id)
        if key in pairs:
            english = pairs[key]
            # A plural's line may give the singular and the plural (a third column).
            singular, _, plural = english.partition("\t")
            if isinstance(message.id, tuple):
                message.string = (singular, plural or singular)
            else:
                message.string = singular
            message.flags.discard("fuzzy")
            message.previous_id = []
        elif not message.string or (isinstance(message.string, tuple) and not all(message.string)):
            missing.append(key)
    with po.open("wb") as target:
        write_po(target, catalog, width=0, omit_header=False)
    for key in missing:
        print(f"untranslated: {key!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], *sys.argv[2:]))
