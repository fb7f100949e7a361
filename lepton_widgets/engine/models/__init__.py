"""Model training: catalogue, leak-free pipelines, results."""

from .pipeline import TrainError
from .registry import MODELS, choices
from .train import TrainingStopped, TrainResult, detect_task, train

__all__ = ["MODELS", "TrainError", "TrainResult", "TrainingStopped", "choices", "detect_task",
           "train"]
