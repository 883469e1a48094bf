"""One facade, two implementations (the qdrant-client pattern): `connect()` gives a client
whose `collection(name)` has the same verbs whether the collection is opened in this process
or owned by a running `imgsearch serve` / `imgsearch ui`.

Many readers and one writer, across processes: whoever runs the service owns the collections
of its IMGSEARCH_HOME and writes `<home>/.imgsearch-service.json` (its URL, pid and a secret
drawn at each start), readable by its own user only. Every other process that finds a live
service there becomes its client, so the CLI works while the app is open (`imgsearch index`
submits a job and shows its progress). With no service, the CLI opens the collection itself,
and a second process gets a clear 'busy' naming the holder.

The announcement is trusted only when nobody else could have written it: the file is a
regular file owned by this user with no permission for group or others, in a home folder
owned by this user (or root) that group and others cannot write, and it names a loopback URL.
Even then, nothing is sent (no token, no image) until the listener proves it knows the
secret: /healthz answers a random challenge with HMAC-SHA256(secret, challenge). A client
that passed carries the secret (`X-Imgsearch-Secret`), which makes it a local caller: the
service lets it name files and folders on this machine, as the user could anyway.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .atomic import atomic_write
from .api.service import Service
from .config import Config
from .errors import Unauthorized

if TYPE_CHECKING:
    import pandas as pd

    from .api.protocol import CollectionAPI
    from .results import Comparison

SERVICE_FILE = ".imgsearch-service.json"
SECRET_ENV = "IMGSEARCH_SERVICE_SECRET"
CHALLENGE_HEADER = "X-Imgsearch-Challenge"
log = logging.getLogger("imgsearch")


def service_file(home) -> Path:
    return Path(home) / SERVICE_FILE


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0


def service_proof(secret: str, challenge: str) -> str:
    return hmac.new(secret.encode(), challenge.encode(), hashlib.sha256).hexdigest()


def loopback_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        parts.port                                  # a malformed port raises
    except ValueError:
        return False
    import ipaddress
    host = (parts.hostname or "").lower()
    if parts.scheme != "http" or parts.username or parts.password:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def proves_secret(url: str, secret: str, timeout: float = 5.0) -> bool:
    """True when the listener at url answers a fresh challenge with the secret's HMAC. Sends
    nothing but the challenge: no token, no secret."""
    import httpx
    challenge = secrets.token_hex(16)
    try:
        r = httpx.get(url.rstrip("/") + "/healthz", headers={CHALLENGE_HEADER: challenge},
                      timeout=timeout, follow_redirects=False, trust_env=False)
        proof = r.json().get("proof") if r.status_code == 200 else None
    except (httpx.HTTPError, ValueError, AttributeError):
        return False
    return isinstance(proof, str) and hmac.compare_digest(proof, service_proof(secret, challenge))


def _untrusted(home: Path, st: os.stat_result) -> str | None:
    """Why an announcement file with this stat, in this home, cannot be trusted (or None)."""
    uid = os.geteuid()
    if not stat.S_ISREG(st.st_mode):
        return "it is not a regular file"
    if st.st_uid != uid:
        return f"it belongs to uid {st.st_uid}, not to this user"
    if st.st_mode & 0o077:
        return f"its mode is {stat.S_IMODE(st.st_mode):o}: group or others may read or write it"
    try:
        hs = os.stat(home)
    except OSError as e:
        return f"the home folder cannot be examined ({e.strerror})"
    if hs.st_uid not in (uid, 0):
        return f"the home folder belongs to uid {hs.st_uid}"
    if hs.st_mode & 0o022:
        return "group or others may write the home folder"
    return None


def read_announcement(home) -> tuple[dict | None, str | None]:
    """(the announcement, None) when it can be trusted as written by this user's service for
    this home, (None, why not) when a file is there but cannot, (None, None) when none is."""
    path = service_file(home)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None, None
    except OSError as e:
        return None, f"it cannot be opened ({e.strerror})"
    try:
        st = os.fstat(fd)
        why = _untrusted(Path(home), st)
        if why:
            return None, why
        with os.fdopen(os.dup(fd), "rb") as f:
            info = json.loads(f.read(65536))
    except (OSError, ValueError) as e:
        return None, f"it cannot be read ({e})"
    finally:
        os.close(fd)
    if not isinstance(info, dict) or not all(isinstance(info.get(k), t) for k, t in
                                             (("url", str), ("pid", int), ("secret", str))):
        return None, "it lacks the url, pid or secret of a service"
    if not _alive(info["pid"]):
        path.unlink(missing_ok=True)          # a killed service's leftover, written by us
        return None, None
    if not loopback_url(info["url"]):
        return None, f"it names {info['url'][:80]!r}, not a loopback address"
    return info, None


def running_service(home) -> dict | None:
    """The live, verified service for this home, or None. An announcement that cannot be
    trusted, or whose listener cannot prove the secret, is ignored with one line of warning."""
    info, why = read_announcement(home)
    if info is not None and not proves_secret(info["url"], info["secret"]):
        info, why = None, f"the listener at {info['url']} cannot prove it is the service"
    if why:
        log.warning("imgsearch: ignoring %s: %s", service_file(home), why)
    return info


def announce(home, url: str, secret: str) -> Path:
    """Write the announcement atomically, created 0600 (never readable by others, even for
    an instant), replacing any previous one."""
    path = service_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    info = {"url": url, "pid": os.getpid(), "home": str(Path(home).resolve()),
            "started_at": time.time(), "secret": secret}
    return atomic_write(path, json.dumps(info), mode=0o600)


def withdraw(home) -> None:
    info, _ = read_announcement(home)
    if info is not None and info.get("pid") == os.getpid():
        service_file(home).unlink(missing_ok=True)


class LocalClient:
    """Collections opened in this process (the Service, used directly)."""
    remote = False

    def __init__(self, cfg: Config):
        self.service = Service(cfg)
        self.cfg = cfg

    def collection(self, name: str, create: bool = False) -> CollectionAPI:
        return self.service.collection(name, create=create)

    def collections(self) -> list[str]:
        return self.service.collections()

    def delete_collection(self, name: str) -> None:
        self.service.delete(name)

    def compare(self, a: str, b: str, k: int = 10) -> Comparison:
        return self.collection(a).compare(self.collection(b), k)

    def aligned_maps(self, a: str, b: str, method: str = "umap") -> pd.DataFrame:
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
    """A client for IMGSEARCH_HOME: remote when a verified service runs for it (or url is
    given), local otherwise (or with local=True).

    A url given here or in IMGSEARCH_SERVICE_URL is used as named (any address); with it,
    IMGSEARCH_SERVICE_SECRET (set for the app by `imgsearch ui`) makes the client a local
    caller, once the service has proved it knows that secret."""
    cfg = Config.load(home=home, **config)
    url = url or os.environ.get("IMGSEARCH_SERVICE_URL") or None
    if local is True:
        return LocalClient(cfg)
    secret = None
    if url is None:
        info = running_service(cfg.home)
        if info is None:
            return LocalClient(cfg)
        url, secret = info["url"], info["secret"]
    elif os.environ.get(SECRET_ENV):
        secret = os.environ[SECRET_ENV]
        if not proves_secret(url, secret):
            raise Unauthorized(f"the service at {url[:80]} cannot prove it knows "
                               f"{SECRET_ENV}; nothing was sent to it",
                               fix=f"unset {SECRET_ENV}, or point IMGSEARCH_SERVICE_URL at "
                                   "the service that set it")
    from .api.remote import RemoteClient
    return RemoteClient(url, token or os.environ.get("IMGSEARCH_API_TOKEN"), cfg, secret=secret)
