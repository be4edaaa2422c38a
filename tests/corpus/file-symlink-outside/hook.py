"""Replace actors.yml with a link to a file outside the content folder, which looks like /etc/passwd."""

import os
from pathlib import Path


def make(content: Path) -> None:
    secret = content.parent / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (content / "actors.yml").unlink()
    os.symlink(secret, content / "actors.yml")
