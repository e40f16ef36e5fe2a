"""Hoist: gets files into the OpenAI Files API reliably."""

__version__ = "0.1.0"
APP_NAME = "Hoist"
