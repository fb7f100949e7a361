"""Model training: catalogue, leak-free pipelines, results."""

from .pipeline import FeatureOptions, TrainError
from .registry import MODELS, choices
from .train import TrainingStopped, TrainResult, detect_task, preview_features, train

__all__ = ["MODELS", "FeatureOptions", "TrainError", "TrainResult", "TrainingStopped", "choices",
           "detect_task", "preview_features", "train"]
