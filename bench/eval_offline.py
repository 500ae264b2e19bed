"""Measure answer quality of the built-in answerer on the demo knowledge base, without a server.

For every question in bench/eval_questions.json the script scores knowledge-base items with
`confidence` and applies the answer threshold. An answerable question counts as correct when
the best item is the expected one and its score reaches the threshold. An unanswerable one
counts as correct when no item reaches the threshold.

By default every item is scored, which stands in for retrieval. `--fts` first selects
candidates the way the service does, from an in-memory SQLite FTS5 table of `index_text` ranked
by BM25, so the numbers include retrieval misses.

    .venv/bin/python bench/eval_offline.py [--threshold 0.5] [--sweep] [--fts] [--candidates 20]
        [--knowledge-base bench/terse/shop.json --questions bench/terse/shop-questions.json]
"""

import argparse
import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from svontai.adapters.answering.scoring import DEFAULT_ANSWER_THRESHOLD, confidence
from svontai.adapters.answering.synonyms import related_terms
from svontai.adapters.answering.text import index_text, terms
from svontai.adapters.persistence.repositories.knowledge import (
    RELATED_CANDIDATES,
    RELATED_SEARCH_BELOW,
)

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_BASE = ROOT / "src/svontai/entrypoints/demo/knowledge_base.json"
QUESTIONS = ROOT / "bench/eval_questions.json"

Item = dict[str, Any]
Retriever = Callable[[str], Sequence[Item]]


@dataclass(frozen=True)
class Ranked:
    question: str
    item: Item | None
    score: float


def rank(question: str, candidates: Sequence[Item]) -> Ranked:
    """Return the candidate with the highest confidence for `question`."""
    best: Item | None = None
    best_score = 0.0
    for item in candidates:
        score = confidence(
            question, item.get("title"), item["question"], item["answer"], item.get("tags", [])
        )
        if score > best_score:
            best, best_score = item, score
    return Ranked(question, best, best_score)


def fts_retriever(items: Sequence[Item], limit: int) -> Retriever:
    """Build a retriever that returns the `limit` best items by FTS5 BM25 over `index_text`."""
    database = sqlite3.connect(":memory:")
    database.execute("CREATE VIRTUAL TABLE item_index USING fts5(body)")
    for rowid, item in enumerate(items):
        body = index_text(item.get("title"), item["question"], item["answer"], item.get("tags", []))
        database.execute("INSERT INTO item_index (rowid, body) VALUES (?, ?)", (rowid, body))

    def search(query_terms: list[str], limit: int = limit) -> list[Item]:
        if not query_terms:
            return []
        expression = " OR ".join(f'"{term}"' for term in query_terms)
        rows = database.execute(
            "SELECT rowid FROM item_index WHERE item_index MATCH ? ORDER BY bm25(item_index) "
            "LIMIT ?",
            (expression, limit),
        ).fetchall()
        return [items[rowid] for (rowid,) in rows]

    def retrieve(question: str) -> Sequence[Item]:
        # As the service does: the words of the same topics are searched only when the
        # question's own words found no item that would be answered.
        found = search(terms(question))
        if rank(question, found).score >= RELATED_SEARCH_BELOW:
            return found
        related = search(related_terms(question), RELATED_CANDIDATES)
        return found + [item for item in related if item not in found]

    return retrieve


def evaluate(
    answerable: Sequence[tuple[Ranked, str]], unanswerable: Sequence[Ranked], threshold: float
) -> tuple[float, float]:
    """Return the share of correct answers and the share of correct fallbacks."""
    correct = sum(1 for ranked, expected in answerable if _is_correct(ranked, expected, threshold))
    fallbacks = sum(1 for ranked in unanswerable if ranked.score < threshold)
    return correct / len(answerable), fallbacks / len(unanswerable)


def _is_correct(ranked: Ranked, expected: str, threshold: float) -> bool:
    return (
        ranked.item is not None
        and ranked.item["question"] == expected
        and (ranked.score >= threshold)
    )


def print_misses(
    answerable: Sequence[tuple[Ranked, str]], unanswerable: Sequence[Ranked], threshold: float
) -> None:
    print("\nAnswerable questions answered wrongly or not at all:")
    for ranked, expected in answerable:
        if not _is_correct(ranked, expected, threshold):
            picked = ranked.item["question"] if ranked.item else "-"
            print(f"  {ranked.score:.2f}  {ranked.question!r}\n        got {picked!r}")
            print(f"        expected {expected!r}")
    print("\nUnanswerable questions that got an answer:")
    for ranked in unanswerable:
        if ranked.score >= threshold and ranked.item is not None:
            print(f"  {ranked.score:.2f}  {ranked.question!r} -> {ranked.item['question']!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_ANSWER_THRESHOLD)
    parser.add_argument("--sweep", action="store_true", help="print results for thresholds")
    parser.add_argument("--fts", action="store_true", help="select candidates with SQLite FTS5")
    parser.add_argument("--candidates", type=int, default=20, help="FTS5 candidates per question")
    parser.add_argument(
        "--knowledge-base", type=Path, default=KNOWLEDGE_BASE, help="JSON file with `items`"
    )
    parser.add_argument(
        "--questions", type=Path, default=QUESTIONS, help="JSON file of questions to ask"
    )
    arguments = parser.parse_args()

    items: list[Item] = json.loads(arguments.knowledge_base.read_text(encoding="utf-8"))["items"]
    questions = json.loads(arguments.questions.read_text(encoding="utf-8"))
    retrieve: Retriever = (
        fts_retriever(items, arguments.candidates) if arguments.fts else (lambda _: items)
    )
    answerable = [
        (rank(entry["question"], retrieve(entry["question"])), entry["expected_question"])
        for entry in questions["answerable"]
    ]
    unanswerable = [rank(question, retrieve(question)) for question in questions["unanswerable"]]

    if arguments.sweep:
        print("threshold  answered correctly  fell back correctly")
        for step in range(20, 81, 2):
            accuracy, fallback_rate = evaluate(answerable, unanswerable, step / 100)
            print(f"{step / 100:9.2f}  {accuracy:18.1%}  {fallback_rate:19.1%}")
    accuracy, fallback_rate = evaluate(answerable, unanswerable, arguments.threshold)
    print_misses(answerable, unanswerable, arguments.threshold)
    mode = f"FTS5 top {arguments.candidates}" if arguments.fts else "all items"
    print(f"\nCandidates: {mode}. Threshold: {arguments.threshold:.2f}.")
    print(f"Answered correctly: {accuracy:.1%} of {len(answerable)} answerable questions.")
    print(f"Fell back correctly: {fallback_rate:.1%} of {len(unanswerable)} unanswerable ones.")


if __name__ == "__main__":
    main()
