"""`make assets`: copy the front-end files the site uses from node_modules into static files.

Run after `npm ci` (the Makefile does both). What is copied, and why only that:

- KRDS (`krds-uiux`): the `resources/` tree the site uses, with its relative paths intact,
  because `css/component/output.css` (the combined stylesheet: common + components) points at
  `../../css/token/krds_tokens.css` and `../../img/component/icon/*.svg`. Not `cdn/krds.min.css`
  (it points icons at an outside host) nor `component.css` (a broken path). And `ui-script.js`.
- Pretendard GOV (`pretendard-gov`): the woff2 dynamic subsets of the regular weight (400),
  split by unicode-range so a page downloads only the slices its text needs, and an
  `@font-face` stylesheet written here (KRDS declares none). Bold text is drawn by the
  browser from the regular face (font-synthesis): a Korean page needs ~20 slices of ~12 KB
  each per weight, so a second weight would take the first view of `/` past its 300 KB budget
  (measured: 250 KB of fonts with 400 and 700, half with 400 alone).
- Each package's licence beside its files.

The copied files are committed, so `make run` needs nothing but Python.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MODULES = REPO / "node_modules"
VENDOR = REPO / "backend" / "web" / "static" / "vendor"

KRDS_FILES = [
    "resources/css/component/output.css",
    "resources/css/token/krds_tokens.css",
    "resources/js/component/ui-script.js",
]
KRDS_DIRS = ["resources/img/component/icon"]
FONT_WEIGHTS = {400: "Regular"}
FONT_BLOCK = re.compile(r"@font-face\s*{(?P<body>[^}]*)}", re.S)


def _version(package: str) -> str:
    manifest = json.loads((MODULES / package / "package.json").read_text())
    return str(manifest["version"])


def copy_krds() -> None:
    source = MODULES / "krds-uiux"
    target = VENDOR / "krds"
    shutil.rmtree(target, ignore_errors=True)
    for relative in KRDS_FILES:
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, target / relative)
    for relative in KRDS_DIRS:
        shutil.copytree(source / relative, target / relative)
    # The package declares its licence in package.json only (ISC); keep it beside the files.
    manifest = json.loads((source / "package.json").read_text())
    (target / "LICENSE.txt").write_text(
        f"krds-uiux {manifest['version']} — KRDS (Korea Responsive Design System)\n"
        f"Licence: {manifest['license']} (as declared in the package's package.json)\n"
        "Source: the npm package krds-uiux; copied by scripts/assets.py\n"
    )


def copy_pretendard() -> None:
    source = MODULES / "pretendard-gov" / "dist"
    static = source / "web" / "static"
    target = VENDOR / "pretendard-gov"
    shutil.rmtree(target, ignore_errors=True)
    (target / "woff2").mkdir(parents=True)
    shutil.copy2(source / "LICENSE.txt", target / "LICENSE.txt")
    declared: list[str] = []
    stylesheet = (static / "pretendard-gov-dynamic-subset.css").read_text()
    for block in FONT_BLOCK.finditer(stylesheet):
        body = block.group("body")
        weight = int(re.search(r"font-weight:\s*(\d+)", body).group(1))  # type: ignore[union-attr]
        if weight not in FONT_WEIGHTS:
            continue
        woff2 = re.search(r"url\(\./woff2-dynamic-subset/([^)]+\.woff2)\)", body)
        ranges = re.search(r"unicode-range:\s*([^;]+);", body)
        if woff2 is None or ranges is None:
            raise SystemExit(f"unexpected @font-face in pretendard-gov: {body.strip()[:80]}")
        shutil.copy2(static / "woff2-dynamic-subset" / woff2.group(1), target / "woff2")
        declared.append(
            "@font-face {\n"
            "  font-family: 'Pretendard GOV';\n"
            "  font-style: normal;\n"
            "  font-display: swap;\n"
            f"  font-weight: {weight};\n"
            f"  src: url(./woff2/{woff2.group(1)}) format('woff2');\n"
            f"  unicode-range: {ranges.group(1).strip()};\n"
            "}\n"
        )
    header = (
        f"/* Pretendard GOV {_version('pretendard-gov')} (SIL Open Font License 1.1, LICENSE.txt"
        " beside this file):\n   weight 400 (bold is synthesised), woff2 slices by"
        " unicode-range, written by scripts/assets.py. */\n"
    )
    (target / "pretendard-gov.css").write_text(header + "".join(declared))


def main() -> int:
    if not MODULES.is_dir():
        print("node_modules is missing: run `npm ci` first (make assets does)", file=sys.stderr)
        return 1
    copy_krds()
    copy_pretendard()
    print(f"assets: krds-uiux {_version('krds-uiux')}, pretendard-gov {_version('pretendard-gov')}")
    print(f"        copied into {VENDOR.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
