"""Put ED A0 80 (an encoded surrogate) inside a word."""

from pathlib import Path


def make(content: Path) -> None:
    path = content / "actors.yml"
    path.write_bytes(path.read_bytes().replace(b"North's", b"N\xed\xa0\x80rth's"))
