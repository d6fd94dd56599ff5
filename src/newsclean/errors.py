"""The exceptions newsclean raises. Every one is a NewscleanError."""


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""


class DecodeError(NewscleanError, ValueError):
    """The bytes given are not text in an encoding newsclean can recognise."""


class InputTooLarge(NewscleanError, ValueError):
    """The page is larger than the limit set by `max_chars` (no silent truncation)."""
