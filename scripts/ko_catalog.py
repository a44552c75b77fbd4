"""`make messages`: Korean is the source language, so its catalog says each message as it is
written — every msgstr becomes its msgid (msgmerge's fuzzy guesses included), fuzzy flags go."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main(path: str) -> int:
    po = Path(path)
    with po.open("rb") as source:
        catalog = read_po(source, locale="ko")
    for message in catalog:
        if not message.id:
            continue
        message.string = (message.id[0],) if isinstance(message.id, tuple) else message.id
        message.flags.discard("fuzzy")
        message.previous_id = []
    with po.open("wb") as target:
        write_po(target, catalog, width=0, omit_header=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
