"""corroborator: what a set of news articles about one story actually establishes."""

__version__ = "0.1.0"
