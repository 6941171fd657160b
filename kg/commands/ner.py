"""``kg train-ner``: rebuild the NewsFANE recall-net model shipped in kg/models/ner (fixed seed)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer, export_app: typer.Typer) -> None:
    @app.command("train-ner")
    def train_ner(out: Path = typer.Option(None, "--out", help="Model folder (default: the shipped kg/models/ner)."),
                  data: Optional[Path] = typer.Option(None, "--data", help="NewsFANE file (default: bundled)."),
                  seed: int = typer.Option(0, "--seed", help="Random seed (training is deterministic for a seed).")):
        """Train the statistical NER recall net on NewsFANE (CC BY-SA 3.0) into --out."""
        from ..nlp import ner_train

        scores = ner_train.train(data or ner_train.DEFAULT_DATA_PATH, out or ner_train.DEFAULT_MODEL_DIR, seed=seed)
        typer.echo(f"trained NER into {out or ner_train.DEFAULT_MODEL_DIR}: {scores}")
