"""Save and load fitted pipelines with skops: loading never unpickles arbitrary objects."""

from __future__ import annotations

from pathlib import Path

# Types a lepton pipeline holds that skops does not trust by default; all are plain data or
# our own pure function, so loading them runs no foreign code.
KNOWN_SAFE = {
    "lepton_widgets.engine.snippets.as_text",
    "lepton_widgets.engine.snippets.date_parts",
    "lepton_widgets.engine.snippets.date_part_names",
    "lepton_widgets.engine.snippets.signed_log",
    "lepton_widgets.engine.snippets.date_cycles",
    "lepton_widgets.engine.snippets.date_cycle_names",
    "lepton_widgets.engine.snippets.fill_text",
    "lepton_widgets.engine.snippets.info_for_classes",
    "lepton_widgets.engine.snippets.info_for_numbers",
    "sklearn.model_selection._split.KFold",
    # our networks: their weights are stored as numpy arrays and rebuilt by __setstate__
    "lepton_widgets.engine.models.torch_estimators.NeuralNetClassifier",
    "lepton_widgets.engine.models.torch_estimators.NeuralNetRegressor",
    "lepton_widgets.engine.models.torch_estimators.ConvNetClassifier",
    "lepton_widgets.engine.models.torch_estimators.TextNetClassifier",
    "numpy.dtype",
    "sklearn.tree._tree.Tree",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn._loss.link.Interval",
    "sklearn._loss.link.IdentityLink",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.MultinomialLogit",
    "sklearn._loss.loss.HalfSquaredError",
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn._loss.loss.HalfMultinomialLoss",
    "sklearn.neighbors._kd_tree.KDTree",
    "sklearn.neighbors._ball_tree.BallTree",
}


def save_pipeline(pipeline: object, path: str | Path) -> Path:
    """Write ``pipeline`` to ``path`` in the skops format; returns the path."""
    import skops.io as sio

    path = Path(path)
    sio.dump(pipeline, path)
    return path


def load_pipeline(path: str | Path, trusted: list[str] | None = None) -> object:
    """Read a pipeline saved by :func:`save_pipeline`.

    Types outside scikit-learn's safe set and :data:`KNOWN_SAFE` are refused with their
    names; after checking them, pass them in ``trusted`` to load anyway.
    """
    import skops.io as sio

    unknown = [t for t in sio.get_untrusted_types(file=path)
               if t not in KNOWN_SAFE and t not in (trusted or [])]
    if unknown:
        raise ValueError(f"{path} holds types lepton does not know to be safe: "
                         f"{', '.join(unknown)}; pass trusted=[...] with them if you trust "
                         "where the file came from")
    return sio.load(path, trusted=sio.get_untrusted_types(file=path))
