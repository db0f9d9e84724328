"""Life timelines: temporal expressions and dated events in biographical prose (pure Python)."""

from .tagger import Timex, tag

__all__ = ["Timex", "tag"]
