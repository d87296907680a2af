"""One exception hierarchy with stable codes.

Every error frontwatch raises on purpose is a :class:`FrontwatchError`. Its ``code`` is stable
(tools and tests match on it); its message names the input and the reason. Faces (CLI, API)
turn these into exit codes or HTTP errors; the library never prints.

=======  ==========================================================
code     meaning
=======  ==========================================================
ING001   input file not found
ING002   input is not readable text (encoding, binary content)
ING003   document is empty after cleaning
ING004   malformed JSONL line
ING005   unsupported input format
ING006   invalid document field (e.g. a publication date)
ING007   document larger than FRONTWATCH_MAX_DOCUMENT_CHARS
ING008   document is not in English
ING009   a URL could not be fetched (unreachable, HTTP error, timeout, too large)
NLP001   the spaCy pipeline package is not installed
GAZ001   gazetteer missing or unreadable
GAZ002   a gazetteer file to load is missing, of an unknown format or malformed
RES001   a packaged resource is missing or malformed
EVL001   malformed gold file
STO001   the store cannot be opened or migrated (bad URL, unreachable server, foreign file)
ALR001   an alert could not be delivered to a webhook (after every retry)
BAT001   a batch run cannot start (no input, an output folder of another run's settings)
BAT002   an optional extra a command needs is not installed (e.g. ``frontwatch[spark]``)
FW900    a stage failed on a document in a way it should not (a bug): the document is
         recorded as a failure with the exception, and the batch goes on
=======  ==========================================================
"""

from __future__ import annotations

__all__ = [
    "BatchError",
    "DeliveryError",
    "EmptyDocumentError",
    "EncodingError",
    "FetchError",
    "FrontwatchError",
    "GazetteerError",
    "GazetteerLoadError",
    "GoldFormatError",
    "InputError",
    "InputNotFoundError",
    "InternalStageError",
    "InvalidFieldError",
    "MalformedLineError",
    "MissingExtraError",
    "ModelNotInstalledError",
    "NotEnglishError",
    "ResourceError",
    "StoreError",
    "TooLargeError",
    "UnsupportedFormatError",
]


class FrontwatchError(Exception):
    """Base of every frontwatch error; ``code`` is stable, ``source`` names the input."""

    code = "FW000"

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        """The message with the input (and line) it concerns, e.g. ``feed.jsonl:3: ...``."""
        where = self.source or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(FrontwatchError):
    """Bad input: the CLI exits 1, a batch records a failure and goes on."""

    code = "ING000"


class InputNotFoundError(InputError):
    code = "ING001"


class EncodingError(InputError):
    code = "ING002"


class EmptyDocumentError(InputError):
    code = "ING003"


class MalformedLineError(InputError):
    code = "ING004"


class UnsupportedFormatError(InputError):
    code = "ING005"


class InvalidFieldError(InputError):
    code = "ING006"


class TooLargeError(InputError):
    code = "ING007"


class FetchError(InputError):
    code = "ING009"


class NotEnglishError(InputError):
    code = "ING008"


class ModelNotInstalledError(FrontwatchError):
    code = "NLP001"


class GazetteerError(FrontwatchError):
    code = "GAZ001"


class GazetteerLoadError(GazetteerError):
    code = "GAZ002"


class ResourceError(FrontwatchError):
    code = "RES001"


class GoldFormatError(InputError):
    code = "EVL001"


class StoreError(FrontwatchError):
    code = "STO001"


class DeliveryError(FrontwatchError):
    code = "ALR001"


class BatchError(FrontwatchError):
    code = "BAT001"


class MissingExtraError(FrontwatchError):
    code = "BAT002"


class InternalStageError(FrontwatchError):
    """An unexpected exception in a stage, turned into a per-document failure."""

    code = "FW900"
