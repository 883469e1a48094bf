"""Killing a process's child mid-run, as the OOM killer would."""
import os
import signal
import subprocess
import time


def kill_a_child(proc, children: int = 1, settle: float = 0.0, wait: float = 120) -> int | None:
    """SIGKILL the first child of `proc` once it has `children` of them (and `settle` seconds
    more have passed); the pid killed, or None if proc ended or none came within `wait`."""
    deadline = time.time() + wait
    while time.time() < deadline and proc.poll() is None:
        kids = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                              text=True).stdout.split()
        if len(kids) >= children:
            time.sleep(settle)
            os.kill(int(kids[0]), signal.SIGKILL)
            return int(kids[0])
        time.sleep(0.05)
    return None
