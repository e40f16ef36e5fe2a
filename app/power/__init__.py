"""Keeping the computer awake during uploads, and noticing when it slept anyway."""
