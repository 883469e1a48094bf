"""The raw graph's lists spooled to disk (core/spool.py): read back as written, in order and
as ids; a disk that fills mid-way (a real write refused by the kernel) or a folder that cannot
be written leaves them in memory with nothing lost; the temporary file is gone afterwards."""
import os
import subprocess
import sys
import textwrap

import numpy as np

from imgsearch.core.spool import ListSpool


def _blocks(n_blocks, rows, k, seed=0):
    rng = np.random.default_rng(seed)
    return [(rng.integers(-1, 10**6, (rows, k)).astype(np.int32),
             rng.standard_normal((rows, k)).astype(np.float32)) for _ in range(n_blocks)]


def test_blocks_come_back_in_order_from_a_file_that_leaves_nothing_behind(tmp_path):
    blocks = _blocks(5, 1000, 30)
    spool = ListSpool(tmp_path, 30)
    for nn, sc in blocks:
        spool.add(nn, sc)
    assert spool.file is not None and not spool.held          # on disk, not in memory
    assert os.fstat(spool.file.fileno()).st_size == 5 * 1000 * 30 * 8
    assert list(tmp_path.iterdir()) == []                      # unlinked from the start
    ids = np.arange(10**6, dtype=np.int64) * 7 + 3           # position p is image p * 7 + 3
    nn, sc = spool.read(ids)
    assert nn.dtype == np.int64 and sc.dtype == np.float32
    want = np.concatenate([b[0] for b in blocks]).astype(np.int64)
    assert np.array_equal(nn, np.where(want >= 0, want * 7 + 3, -1))
    assert np.array_equal(sc, np.concatenate([b[1] for b in blocks]))
    assert spool.file is None


def test_a_folder_that_cannot_be_written_keeps_the_lists_in_memory(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    blocks = _blocks(3, 50, 7)
    spool = ListSpool(not_a_folder, 7)
    for nn, sc in blocks:
        spool.add(nn, sc)
    assert spool.file is None and len(spool.held) == 3
    nn, sc = spool.read(np.arange(10**6))
    assert np.array_equal(nn, np.concatenate([b[0] for b in blocks]))
    assert np.array_equal(sc, np.concatenate([b[1] for b in blocks]))


def test_a_disk_that_fills_mid_way_loses_nothing(tmp_path):
    """A process whose files may not grow past 100 kB (RLIMIT_FSIZE: the kernel refuses the
    write that would pass it, as a full disk does): the first blocks go to the file, the
    write that fails brings them back into memory, and every block comes back in order."""
    script = textwrap.dedent(f"""
        import resource, signal, sys
        import numpy as np
        sys.path.insert(0, {os.getcwd()!r})
        from imgsearch.core.spool import ListSpool
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)      # a refused write, not a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, resource.RLIM_INFINITY))
        rng = np.random.default_rng(1)
        blocks = [(rng.integers(0, 9, (200, 30)).astype(np.int32),
                   rng.standard_normal((200, 30)).astype(np.float32)) for _ in range(6)]
        spool = ListSpool({str(tmp_path)!r}, 30)
        on_file = []
        for nn, sc in blocks:
            spool.add(nn, sc)
            on_file.append(spool.file is not None)
        nn, sc = spool.read(np.arange(9))
        ok = (np.array_equal(nn, np.concatenate([b[0] for b in blocks])) and
              np.array_equal(sc, np.concatenate([b[1] for b in blocks])))
        print(on_file, ok)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    # 48,000 bytes a block: two fit under the limit, the third write is refused
    assert out.stdout.split() == ["[True,", "True,", "False,", "False,", "False,", "False]",
                                  "True"], out.stdout
