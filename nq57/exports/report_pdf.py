"""The consolidated report as PDF: the Word document (`report_docx`) printed by LibreOffice
headless, so the PDF and the editable DOCX are the same document.

LibreOffice is found at `NQ57_SOFFICE` (a path or a command name) or as `soffice` on the
PATH. Each conversion runs in its own temporary directory with its own LibreOffice profile
(`-env:UserInstallation=…`), so conversions at the same time do not collide, and in its own
process group, killed whole after `TIMEOUT` seconds. Whatever goes wrong, the caller gets a
`ReportFormatError` whose Vietnamese message sends the officer to the DOCX; the details go
to the log.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from nq57.exports.report_docx import build_docx
from nq57.exports.report_errors import ReportFormatError
from nq57.exports.report_model import ConsolidatedReport

log = logging.getLogger(__name__)

SOFFICE_ENV = "NQ57_SOFFICE"
TIMEOUT = 60.0
USE_DOCX = "hãy tải bản Word (DOCX) rồi lưu thành PDF."
MISSING = f"Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; {USE_DOCX}"
FAILED = f"LibreOffice không chuyển được báo cáo sang PDF; {USE_DOCX}"
TOO_SLOW = "LibreOffice chưa chuyển xong báo cáo sang PDF sau {seconds} giây; " + USE_DOCX


def build_pdf(report: ConsolidatedReport, *, timeout: float = TIMEOUT) -> bytes:
    """The report as PDF bytes; `ReportFormatError` when LibreOffice cannot make them."""
    return docx_to_pdf(build_docx(report), timeout=timeout)


def soffice_path() -> str | None:
    """LibreOffice's `soffice`: NQ57_SOFFICE when set (None if it names nothing runnable),
    else the one on the PATH."""
    configured = os.environ.get(SOFFICE_ENV, "").strip()
    if configured:
        found = shutil.which(configured)
        if found is None:
            log.warning("%s=%s is not an executable", SOFFICE_ENV, configured)
        return found
    return shutil.which("soffice")


def docx_to_pdf(data: bytes, *, timeout: float = TIMEOUT) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        raise ReportFormatError(MISSING)
    with tempfile.TemporaryDirectory(prefix="nq57-pdf-") as work:
        folder = Path(work)
        source = folder / "bao-cao.docx"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        _run(command, folder, timeout)
        return _read_pdf(folder / "bao-cao.pdf")


def _run(command: list[str], folder: Path, timeout: float) -> None:
    environment = {**os.environ, "HOME": str(folder)}  # nothing written to the real HOME
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
            cwd=folder,
            start_new_session=True,
        )
    except OSError as error:
        log.warning("LibreOffice could not start: %s", error)
        raise ReportFormatError(MISSING) from None
    try:
        _, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        log.warning("LibreOffice took more than %s s to convert a report", timeout)
        seconds = f"{timeout:g}".replace(".", ",")  # '60', '0,5'
        raise ReportFormatError(TOO_SLOW.format(seconds=seconds)) from None
    if process.returncode != 0:
        log.warning("LibreOffice exited %s: %s", process.returncode, errors[-2000:])
        raise ReportFormatError(FAILED)


def _kill(process: subprocess.Popen[bytes]) -> None:
    """The whole process group: the `soffice` script and the office it started."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _read_pdf(path: Path) -> bytes:
    pdf = path.read_bytes() if path.exists() else b""
    if not pdf.startswith(b"%PDF"):
        log.warning("LibreOffice wrote no PDF (%d bytes at %s)", len(pdf), path)
        raise ReportFormatError(FAILED)
    return pdf
