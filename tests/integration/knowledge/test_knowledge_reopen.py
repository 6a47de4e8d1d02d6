"""A knowledge base reopens in a new process, offline, without Chroma's downloading default model."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from knowledge.ingest import ingest_products

REPO = Path(__file__).resolve().parents[3]

# Runs in a fresh interpreter: any socket to a non-loopback address fails the run, and HOME points at
# an empty folder so a lazily downloaded model would have to appear there.
CHILD = textwrap.dedent(
    """
    import json, socket, sys
    real_connect = socket.socket.connect
    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "::1", "localhost") and not str(host).startswith("/"):
            raise RuntimeError(f"network access attempted: {address!r}")
        return real_connect(self, address)
    socket.socket.connect = guarded

    from knowledge import chroma  # importing knowledge registers our embedding function
    from knowledge.store import KnowledgeBase

    path = sys.argv[1]
    # Chroma alone, no embedding function passed: it must rebuild ours from the persisted config.
    raw = chroma.persistent_client(path).get_collection("gc_products")
    by_chroma = raw.query(query_texts=["glass baby bottle"], n_results=1)["ids"][0]
    kb = KnowledgeBase.open(path)
    print(json.dumps({
        "ef": raw.configuration["embedding_function"].name(),
        "by_chroma": by_chroma,
        "by_kb": [h.sku for h in kb.search_products("玻璃奶瓶", top_k=1)],
        "count": kb.product_count(),
    }))
    """
)


def test_a_new_process_reopens_the_collection_offline_with_our_embedding_function(
    tmp_path, kb, catalogue
):
    ingest_products(kb, catalogue)
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HOME": str(home), "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "chroma")],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer == {
        "ef": "guide_copilot_use_m3",
        "by_chroma": ["BB-3002"],
        "by_kb": ["BB-3002"],
        "count": len(catalogue),
    }
    assert not (home / ".cache" / "chroma").exists()  # where Chroma's default model would land
