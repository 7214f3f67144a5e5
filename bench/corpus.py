"""The benchmark corpus: Debian's documentation packages, fetched with apt-get and unpacked with dpkg-deb, cut
into slices of distinct documents stored as ``.gz`` files (what both pipelines read).

A manual ships each page several times (the HTML page, its Sphinx source ``_sources/*.rst.txt``, the kernel's
``.rst.gz`` source), so slices are cut by *family* (one page in all its forms): every slice then has the same
share of near-duplicates, and a larger slice does not dedup to the size of a smaller one.

Usage: python bench/corpus.py OUT_DIR [--base-mb 15] [--factors 1 4 16]
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import shutil
import subprocess
from pathlib import Path

PACKAGES = ("linux-doc-6.1", "python3.11-doc", "postgresql-doc-15")
SUFFIXES = (".html", ".rst.txt", ".rst.gz", ".html.gz")


def ensure_corpora(root: Path) -> Path:
    """Download and unpack the packages into ``root`` once; returns the unpacked tree's doc folder."""
    docs = root / "usr" / "share" / "doc"
    if all(any(docs.glob(f"{p.split('-doc')[0]}*")) for p in PACKAGES) and (root / ".unpacked").exists():
        return docs
    debs = root / "deb"
    debs.mkdir(parents=True, exist_ok=True)
    subprocess.run(["apt-get", "download", *PACKAGES], cwd=debs, check=True, capture_output=True)
    for deb in sorted(debs.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    (root / ".unpacked").touch()
    return docs


def family(path: Path, docs: Path) -> str:
    """The page a file is one form of: its path under the manual without ``html/``, ``_sources/`` and suffix."""
    rel = path.relative_to(docs).as_posix()
    manual, _, rest = rel.partition("/")
    rest = re.sub(r"^(html/|Documentation/)", "", rest).replace("_sources/", "")
    rest = re.sub(r"(\.rst\.txt|\.rst\.gz|\.html\.gz|\.html|\.rst)$", "", rest)
    return f"{manual.split('-doc')[0].split('3.11')[0]}/{rest}"


def raw_size(path: Path) -> int:
    if path.suffix == ".gz":
        with gzip.open(path, "rb") as handle:
            return len(handle.read())
    return path.stat().st_size


def make_slices(docs: Path, out: Path, base_mb: float, factors: list[int], seed: int = 1) -> dict[int, dict]:
    """Nested slices of whole families, ``base_mb`` x each factor of uncompressed text, as ``.gz`` files."""
    families: dict[str, list[Path]] = {}
    for path in sorted(docs.rglob("*")):
        if path.is_file() and path.name.endswith(SUFFIXES):
            families.setdefault(family(path, docs), []).append(path)
    order = sorted(families)
    random.Random(seed).shuffle(order)
    sizes: dict[str, int] = {}
    slices = {}
    for factor in sorted(factors):
        target = base_mb * factor * 1e6
        folder = out / f"slice-{factor}x"
        chosen, total = [], 0
        for name in order:
            if total >= target:
                break
            for path in families[name]:
                sizes.setdefault(str(path), raw_size(path))
                total += sizes[str(path)]
            chosen.append(name)
        if not folder.exists():
            tmp = folder.with_suffix(".tmp")
            shutil.rmtree(tmp, ignore_errors=True)
            for name in chosen:
                for path in families[name]:
                    target_path = tmp / path.relative_to(docs)
                    target_path.parent.mkdir(parents=True, exist_ok=True)
                    if path.suffix == ".gz":
                        shutil.copyfile(path, target_path)
                    else:
                        with path.open("rb") as src, gzip.open(f"{target_path}.gz", "wb", compresslevel=6) as dst:
                            shutil.copyfileobj(src, dst)
            tmp.rename(folder)
        files = sum(len(families[n]) for n in chosen)
        slices[factor] = {"folder": folder, "families": len(chosen), "files": files, "mb": total / 1e6,
                          "short": total < target}
    return slices


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--base-mb", type=float, default=15.0)
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    docs = ensure_corpora(args.out / "corpora")
    for factor, info in make_slices(docs, args.out, args.base_mb, args.factors).items():
        print(factor, info)


if __name__ == "__main__":
    main()
