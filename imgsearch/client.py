"""One facade, two implementations (the qdrant-client pattern): `connect()` gives a client
whose `collection(name)` has the same verbs whether the collection is opened in this process
or owned by a running `imgsearch serve` / `imgsearch ui`.

Many readers and one writer, across processes: whoever runs the service owns the collections
of its IMGSEARCH_HOME and writes `<home>/.imgsearch-service.json` (its URL and pid). Every
other process that finds a live service there becomes its client, so the CLI works while the
app is open (`imgsearch index` submits a job and shows its progress). With no service, the
CLI opens the collection itself, and a second process gets a clear 'busy' naming the holder.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from .config import Config
from .core.service import Service

SERVICE_FILE = ".imgsearch-service.json"


def service_file(home) -> Path:
    return Path(home) / SERVICE_FILE


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def running_service(home) -> dict | None:
    """The live service for this home, or None (a stale file from a killed one is removed)."""
    path = service_file(home)
    try:
        info = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict) or not _alive(int(info.get("pid", -1))):
        path.unlink(missing_ok=True)
        return None
    import httpx
    try:
        r = httpx.get(info["url"] + "/healthz", timeout=2.0)
        ok = r.status_code == 200 and r.json().get("home_id") == home_id(home)
    except (httpx.HTTPError, ValueError, KeyError):
        ok = False
    return info if ok else None


def home_id(home) -> str:
    """Names a home without showing its path to unauthenticated callers of /healthz."""
    import hashlib
    return hashlib.sha256(str(Path(home).resolve()).encode()).hexdigest()[:16]


def announce(home, url: str) -> Path:
    path = service_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"url": url, "pid": os.getpid(), "home": str(Path(home).resolve()),
                               "started_at": time.time()}))
    os.replace(tmp, path)
    return path


def withdraw(home) -> None:
    path = service_file(home)
    try:
        if json.loads(path.read_text()).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


class LocalClient:
    """Collections opened in this process (the Service core, used directly)."""
    remote = False

    def __init__(self, cfg: Config):
        self.service = Service(cfg)
        self.cfg = cfg

    def collection(self, name: str, create: bool = False):
        return self.service.collection(name, create=create)

    def collections(self) -> list[str]:
        return self.service.collections()

    def delete_collection(self, name: str) -> None:
        self.service.delete(name)

    def compare(self, a: str, b: str, k: int = 10):
        return self.collection(a).compare(self.collection(b), k)

    def aligned_maps(self, a: str, b: str, method: str = "umap"):
        from .analysis.compare import aligned_maps
        return aligned_maps(self.collection(a), self.collection(b), method)

    def close(self) -> None:
        self.service.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def connect(home=None, url: str | None = None, token: str | None = None, local: bool | None = None,
            **config):
    """A client for IMGSEARCH_HOME: remote when a service runs for it (or url is given),
    local otherwise (or with local=True)."""
    cfg = Config.load(home=home, **config)
    url = url or os.environ.get("IMGSEARCH_SERVICE_URL") or None
    if local is not True:
        if url is None:
            info = running_service(cfg.home)
            url = info["url"] if info else None
        if url is not None:
            from .frontends.rest.client import RemoteClient
            return RemoteClient(url, token or os.environ.get("IMGSEARCH_API_TOKEN"), cfg)
    return LocalClient(cfg)
