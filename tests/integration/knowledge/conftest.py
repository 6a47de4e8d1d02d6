"""Real embedding model and real embedded Chroma; the model is loaded once per test session."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest

from core.domain import ContentDoc, ContentKind, Product
from knowledge.embeddings import Embedder
from knowledge.ingest import ingest_products
from knowledge.lexical import Tokenizer
from knowledge.store import KnowledgeBase


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    model = Embedder()
    model.warm_up()
    return model


@pytest.fixture(scope="session")
def tokenizer() -> Tokenizer:
    return Tokenizer()


@pytest.fixture
def kb(tmp_path, embedder, tokenizer) -> KnowledgeBase:
    return KnowledgeBase.open(tmp_path / "chroma", embedder, tokenizer=tokenizer)


@pytest.fixture(scope="session")
def shared_kb(tmp_path_factory, embedder, tokenizer) -> KnowledgeBase:
    """The sample catalogue, ingested once, for tests that only read."""
    kb = KnowledgeBase.open(tmp_path_factory.mktemp("shared") / "chroma", embedder, tokenizer=tokenizer)
    ingest_products(kb, sample_products())
    return kb


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ChromaServer:
    port: int
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def chroma_server(tmp_path) -> Iterator[ChromaServer]:
    """`chroma run` (shipped with chromadb) on a free port, stopped after the test."""
    binary = shutil.which("chroma")
    if binary is None:
        pytest.skip("the chroma server binary is not on PATH")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "run", "--path", str(tmp_path / "server"), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    server = ChromaServer(port, proc)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        yield server
    finally:
        if proc.poll() is None:
            server.stop()


@pytest.fixture
def catalogue() -> list[Product]:
    return sample_products()


@pytest.fixture
def loaded_kb(kb, catalogue) -> KnowledgeBase:
    ingest_products(kb, catalogue)
    return kb


def product(sku: str, name: str, category: str, price: str, **kw) -> Product:
    return Product(sku=sku, name=name, category=category, price=Decimal(price), **kw)


def sample_products() -> list[Product]:
    en = lambda name, desc: {"en": {"name": name, "description": desc}}
    return [
        product("SC-1001", "润雪玻尿酸保湿面霜 50ml", "skincare", "239", brand="润雪 Runxue",
                description="三重玻尿酸深层补水，适合干性肌肤，秋冬锁水",
                i18n=en("Runxue Hyaluronic Acid Moisturizing Cream 50ml", "Deep hydration for dry skin")),
        product("SC-1002", "润雪烟酰胺美白精华 30ml", "skincare", "289", brand="润雪 Runxue",
                description="5%烟酰胺淡化暗沉和痘印，提亮肤色",
                attributes={"stores": "S01,S02"}),
        product("SC-1003", "Huayan Retinol Anti-Wrinkle Night Cream", "skincare", "359", language="en",
                brand="Huayan", description="0.3% retinol night repair that softens fine lines"),
        product("SC-1004", "光感清透防晒乳 SPF50+", "skincare", "159", brand="Lumière",
                description="高倍防晒，防水防汗，户外通勤都适用", in_stock=False),
        product("AP-2001", "北纬白鹅绒羽绒服 女款", "apparel", "1299", brand="北纬 Beiwei",
                description="90%白鹅绒填充，零下20度保暖，可拆卸帽", attributes={"stores": "S03"}),
        product("AP-2002", "Nordwind Cashmere Scarf", "apparel", "599", language="en", brand="Nordwind",
                description="100% cashmere, soft on the skin, several colours"),
        product("AP-2003", "城跑高腰瑜伽裤", "apparel", "259", brand="UrbanFit",
                description="裸感面料，高弹收腹，深蹲不透",
                i18n=en("UrbanFit High-Waist Yoga Leggings", "Second-skin fabric, squat-proof")),
        product("BB-3001", "贝贝熊超薄纸尿裤 M码", "baby", "139", brand="贝贝熊 BeiBear",
                description="超薄透气，瞬吸干爽，防红屁屁"),
        product("BB-3002", "Tiny Steps Glass Baby Bottle 240ml", "baby", "129", language="en",
                brand="Tiny Steps", description="Borosilicate glass with an anti-colic teat"),
        product("FD-4001", "山野云南小粒咖啡豆 500g", "food", "128", brand="山野 Shanye",
                description="中度烘焙，坚果和焦糖风味",
                i18n=en("Shanye Yunnan Arabica Coffee Beans 500g", "Medium roast, nutty caramel notes")),
        product("FD-4002", "山野明前龙井绿茶 250g", "food", "398", brand="山野 Shanye",
                description="西湖产区明前采摘，豆香清高"),
        product("HM-5001", "净巢空气净化器 除甲醛", "home", "1699", brand="CleanNest",
                description="HEPA13滤网，除甲醛和PM2.5，适合新房"),
    ]


def sample_docs() -> list[ContentDoc]:
    long_body = "\n\n".join(
        f"第{i}段：冬季干皮护理要点，洁面后三分钟内涂抹保湿面霜，夜间可叠加睡眠面膜。" * 4 for i in range(1, 7)
    )
    return [
        ContentDoc("guide-dry-skin", ContentKind.ARTICLE, "冬季干皮护理指南", long_body),
        ContentDoc("script-recall", ContentKind.SCRIPT, "Silent customer recall script",
                   "Hi, it has been a while! Our new cashmere scarves just arrived.", language="en"),
    ]
