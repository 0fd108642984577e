"""``python -m stancegraph.train``: rebuild the attribution model from PolNeAR train.

In: the PolNeAR folder (``--data``, default ``$STANCEGRAPH_SHARED_DATA/polnear/data`` or
``../shared/data/polnear/data``), whose ``train`` folder is trained on and whose ``dev``
folder, when present, is scored after training. Out: the model JSON (``--out``, default the
packaged ``extract/models/attribution.json``) and, on stdout, what training chose and the
held-out scores; ``--report FILE`` writes them as JSON too.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path

from ..errors import StancegraphError
from ..evaluation.quotes import EvalReport, load_brat, report_to_dict
from ..extract import attribution
from ..formats.safe import write_atomic
from .attribution import Settings, TrainingReport, parse_gold, parser_name, train_attribution
from .report import HeldOutReport, score_held_out

PACKAGED = Path(attribution.__file__).parent / "models" / "attribution.json"


def _default_data() -> Path:
    shared = os.environ.get("STANCEGRAPH_SHARED_DATA")
    return Path(shared or "../shared/data") / "polnear" / "data"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m stancegraph.train",
        description="Train the attribution model on PolNeAR train; score it on dev.",
        epilog="example: python -m stancegraph.train --data ../shared/data/polnear/data",
    )
    p.add_argument("--data", type=Path, default=_default_data(), help="PolNeAR data folder")
    p.add_argument("--out", type=Path, default=PACKAGED, help="model JSON to write")
    p.add_argument("--seed", type=int, default=0, help="cross-validation fold seed")
    p.add_argument("--report", type=Path, help="also write the report here as JSON")
    return p.parse_args(argv)


def _line(name: str, r: EvalReport) -> str:
    o, ind, d = r.overall, r.by_type["indirect"], r.by_type["direct"]
    return (
        f"{name:<8} F1 {o.f1:.3f} (P {o.precision:.3f} R {o.recall:.3f})  "
        f"indirect R {ind.recall:.3f}  direct F1 {d.f1:.3f}  source acc {o.source_accuracy:.3f}"
    )


def _print_training(report: TrainingReport) -> None:
    p, r, f = report.rules_only
    print(f"training documents {report.documents}, candidates {report.examples}, ", end="")
    print(f"positive {report.positives}, features kept {report.features}, ", end="")
    print(f"boundary features kept {report.boundary_features}")
    print(f"the rules' quotes on train (contents redrawn): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    for t, (p, r, f) in sorted(report.cross_validated.items()):
        mark = "  <- chosen" if t == report.accept else ""
        print(f"  cross-validated at {t:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f}{mark}")


def _print_held_out(held: HeldOutReport) -> None:
    print("development (not used in training):")
    print("  " + _line("rules", held.rules))
    print("  " + _line("learned", held.learned))
    print("  reliability of the learned run's confidence:")
    for band in held.reliability:
        if band.quotes:
            print(
                f"    [{band.low:.1f}, {band.high:.1f}): {band.quotes:5d} quotes, "
                f"precision {band.precision:.3f}"
            )


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    started = time.monotonic()
    try:
        gold = load_brat(args.data / "train")
        print(f"parsing {len(gold)} training documents ...", file=sys.stderr, flush=True)
        settings = Settings(seed=args.seed)
        meta: dict[str, object] = {
            "trained_on": "PolNeAR train",
            "parser": parser_name(),
            "spacy": version("spacy"),
            "settings": asdict(settings),
        }
        model, report = train_attribution(gold, parse_gold(gold), settings, meta=meta)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(args.out, json.dumps(model.to_json(), indent=0) + "\n")
        _print_training(report)
        print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")
        out: dict[str, object] = {"training": _training_dict(report)}
        dev = args.data / "dev"
        if dev.is_dir():
            dev_gold = load_brat(dev)
            held = score_held_out(dev_gold, parse_gold(dev_gold), model)
            _print_held_out(held)
            out["development"] = _held_out_dict(held)
        if args.report:
            write_atomic(args.report, json.dumps(out, indent=2) + "\n")
    except StancegraphError as err:
        print(f"stancegraph.train: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"stancegraph.train: cannot write {err.filename}: {err.strerror}", file=sys.stderr)
        return 1
    print(f"took {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0


def _training_dict(report: TrainingReport) -> dict[str, object]:
    return {
        "documents": report.documents,
        "candidates": report.examples,
        "positives": report.positives,
        "features": report.features,
        "boundary_features": report.boundary_features,
        "rules_only_prf": report.rules_only,
        "cross_validated_prf": {str(t): v for t, v in report.cross_validated.items()},
        "accept": report.accept,
    }


def _held_out_dict(held: HeldOutReport) -> dict[str, object]:
    return {
        "rules": report_to_dict(held.rules),
        "learned": report_to_dict(held.learned),
        "reliability": [
            {"low": b.low, "high": b.high, "quotes": b.quotes, "precision": b.precision}
            for b in held.reliability
        ],
    }


if __name__ == "__main__":
    sys.exit(main())
