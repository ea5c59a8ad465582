"""`careloop themes train FILE`, `careloop themes evaluate FILE [--json]`,
`careloop themes classify FILE --out FILE`, `careloop themes emerging FILE [--json]`: the theme
classifier on files (see themes/cli.py).

Labelled CSV: `text`, `labels` (theme names separated by |), optional `sentiment` (1-5).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careloop.themes import cli
from careloop.themes.labelled import LabelledFileError


class Command(BaseCommand):
    help = "Train, evaluate and run the theme classifier on CSV files."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="train|evaluate|classify|emerging"
        )
        train = sub.add_parser("train", help="Train a model on a labelled CSV file")
        train.add_argument("file", type=Path)
        train.add_argument(
            "--force", action="store_true", help="Use the new model even if it scores worse"
        )
        train.add_argument("--json", action="store_true", help="Print the result as JSON")
        evaluate = sub.add_parser("evaluate", help="Score the current model on a labelled file")
        evaluate.add_argument("file", type=Path)
        evaluate.add_argument("--json", action="store_true", help="Print one JSON object")
        classify = sub.add_parser("classify", help="Classify the texts of a CSV file")
        classify.add_argument("file", type=Path)
        classify.add_argument("--out", type=Path, required=True, help="Where to write results")
        emerging = sub.add_parser(
            "emerging", help="Find topics the themes do not cover in a CSV file (id, text)"
        )
        emerging.add_argument("file", type=Path)
        emerging.add_argument("--json", action="store_true", help="Print one JSON object")

    def handle(self, *args, action, file, **options):
        try:
            if action == "train":
                self.train(file, options["force"], options["json"])
            elif action == "evaluate":
                self.evaluate(file, options["json"])
            elif action == "emerging":
                self.emerging(file, options["json"])
            else:
                cli.classify(file, options["out"], say=self.say)
        except LabelledFileError as error:
            raise CommandError(str(error)) from None
        except cli.Refused as error:
            raise CommandError(str(error), returncode=3) from None

    def say(self, line: str) -> None:
        self.stderr.write(line)

    def train(self, file: Path, force: bool, as_json: bool) -> None:
        info = cli.train(file, force=force, say=self.say)
        if as_json:
            self.stdout.write(json.dumps(info))
            return
        evaluation = info.get("evaluation") or {}
        self.stdout.write(f"Model trained and in use: {cli.home() / info['folder']}")
        if evaluation.get("macro_f1") is not None:
            self.stdout.write(
                f"{evaluation.get('method') or 'Cross-validation'}: macro-F1 "
                f"{evaluation['macro_f1']:.3f}, micro-F1 {evaluation['micro_f1']:.3f}"
                + (
                    f", sentiment macro-F1 {evaluation['sentiment_macro_f1']:.3f}"
                    if evaluation.get("sentiment_macro_f1") is not None
                    else ""
                )
            )

    def emerging(self, file: Path, as_json: bool) -> None:
        result = cli.emerging(file, say=self.say)
        if as_json:
            self.stdout.write(json.dumps(result))
            return
        if not result["topics"]:
            self.stdout.write("No emerging topics: nothing poorly covered groups together")
        for topic in result["topics"]:
            self.stdout.write(f"{topic['size']:>5}  {topic['label']}")

    def evaluate(self, file: Path, as_json: bool) -> None:
        result = cli.evaluate(file, say=self.say)
        if as_json:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(
            f"{result['examples']} rows, {result['themes']} themes: macro-F1 "
            f"{result['macro_f1']}, micro-F1 {result['micro_f1']}, "
            f"{result['texts_per_s']} texts/s, peak memory {result['peak_rss_mb']} MB"
        )
        for name, f1 in sorted(result["per_theme"].items(), key=lambda kv: -kv[1]):
            self.stdout.write(f"  {f1:.3f}  {name}")
