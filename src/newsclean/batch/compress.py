"""Compressed files for `newsclean batch`: gzip and zstd inputs told by their magic bytes (not
their names), and OUT compressed by its name (`.gz`, `.zst`).

zstd needs the optional `zstandard` package (the `zstd` extra); gzip is the standard library's.
"""
from __future__ import annotations

import gzip
import io
from typing import IO, Any

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
ZSTD_EXTRA = "zstd"


def compression_of(head: bytes) -> str | None:
    """'gzip' or 'zstd' by a file's first bytes, else None (plain)."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


def zstandard() -> Any:
    """The `zstandard` module, or an ImportError that names the extra to install."""
    try:
        import zstandard as zstd
    except ImportError:
        raise ImportError("zstd-compressed files need the zstandard package: "
                          f"pip install 'newsclean[{ZSTD_EXTRA}]' (there is no release yet; "
                          f"from a checkout: pip install -e '.[{ZSTD_EXTRA}]')") from None
    return zstd


def head_of(path: str, n: int = 4) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(n)


def open_read(path: str) -> IO[bytes]:
    """`path` opened to read its bytes, decompressed when its first bytes say gzip or zstd,
    whatever its name. The stream is buffered (readline and peek work)."""
    raw = open(path, "rb")
    try:
        kind = compression_of(raw.peek(4)[:4])
        if kind == "gzip":
            stream = gzip.GzipFile(fileobj=raw, mode="rb")
            stream.myfileobj = raw  # what gzip.open sets: closing the stream closes the file
            return stream
        if kind == "zstd":
            return io.BufferedReader(ZstdReader(raw), 1 << 16)
    except BaseException:
        raw.close()
        raise
    return raw


class ZstdReader(io.RawIOBase):
    """The decompressed bytes of a zstd stream of one or more frames. A stream that ends inside
    a frame raises EOFError, as gzip does: zstandard's own stream reader ends quietly there,
    and the records of a truncated file would be lost unreported. Closing it closes `raw`."""

    def __init__(self, raw: IO[bytes], block: int = 1 << 17) -> None:
        self.raw, self.block = raw, block
        self._new = zstandard().ZstdDecompressor().decompressobj
        self._obj = self._new()
        self._in_frame = False
        self._out = b""
        self._pos = 0  # how much of _out was read
        self._tell = 0  # decompressed bytes read so far

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._pos >= len(self._out):
            self._out, self._pos = b"", 0
            data = self.raw.read(self.block)
            if not data:
                if self._in_frame:
                    raise EOFError("Compressed file ended before the end of its zstd frame")
                return 0
            while data:
                self._in_frame = True
                self._out += self._obj.decompress(data)
                data = b""
                if self._obj.eof:
                    data, self._obj, self._in_frame = self._obj.unused_data, self._new(), False
        n = min(len(buffer), len(self._out) - self._pos)
        buffer[:n] = memoryview(self._out)[self._pos:self._pos + n]
        self._pos += n
        self._tell += n
        return n

    def seekable(self) -> bool:
        return True  # forward only, and tell(): FastWARC asks for them

    def tell(self) -> int:
        return self._tell

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        target = offset + (self._tell if whence == io.SEEK_CUR else 0)
        if whence == io.SEEK_END or target < self._tell:
            raise io.UnsupportedOperation("a zstd stream seeks forward only")
        while self._tell < target and self.readinto(bytearray(min(target - self._tell,
                                                                   1 << 20))):
            pass
        return self._tell

    def close(self) -> None:
        if not self.closed:
            self.raw.close()
        super().close()


def out_compression(path: str) -> str | None:
    """'gzip' or 'zstd' for an OUT named .gz or .zst, else None."""
    name = path.lower()
    if name.endswith(".gz"):
        return "gzip"
    if name.endswith(".zst"):
        return "zstd"
    return None


def gzip_writer(raw: IO[bytes]) -> gzip.GzipFile:
    # mtime=0 and no file name in the header: the same lines give the same bytes.
    return gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0)


class ZstdWriter:
    """A zstd stream over `raw`: each `flush()` ends a frame, so what is written so far is a
    whole, readable stream (a killed run loses at most the frame being written)."""

    def __init__(self, raw: IO[bytes], level: int = 3) -> None:
        zstd = zstandard()
        self._flush_frame = zstd.FLUSH_FRAME
        self._writer = zstd.ZstdCompressor(level=level).stream_writer(raw, closefd=False)

    def write(self, data: bytes) -> None:
        self._writer.write(data)

    def flush(self) -> None:
        self._writer.flush(self._flush_frame)

    def close(self) -> None:
        self._writer.flush(self._flush_frame)


def zstd_decompressobj() -> Any:
    return zstandard().ZstdDecompressor().decompressobj()


def zstd_error() -> type[Exception]:
    return zstandard().ZstdError
