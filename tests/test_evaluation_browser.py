"""The HTML report in a real headless Chromium: the page's script runs, filters work
when clicked, the URL fragment restores a filtered view.

Talks to Chromium over the DevTools protocol on a pipe (``--remote-debugging-pipe``:
JSON messages ending in NUL on file descriptors 3 and 4), so no Selenium or driver is
needed.  Skipped when no Chromium is installed (``apt-get install chromium``).
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from evaluation import evaluate
from evaluation.html_report import write_html

DATA = Path(__file__).parent / "data" / "evaluation"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-dev-shm-usage"]


def find_chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser",
                 "google-chrome", "google-chrome-stable"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


CHROMIUM = find_chromium()
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="no chromium installed")]


class Browser:
    """A minimal DevTools-protocol client over Chromium's debugging pipe."""

    def __init__(self, exe: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="minutes-eval-chromium-")
        cmd_r, self._cmd_w = os.pipe()
        self._res_r, res_w = os.pipe()

        def to_fds_3_and_4() -> None:  # pragma: no cover - runs in the child
            os.dup2(cmd_r, 3)
            os.dup2(res_w, 4)

        self.proc = subprocess.Popen(
            [exe, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=to_fds_3_and_4, pass_fds=(3, 4))
        os.close(cmd_r)
        os.close(res_w)
        self._next = 0
        self._buffer = b""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._cmd_w, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 30
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self._next:
                    if "error" in reply:
                        raise RuntimeError(reply["error"])
                    return reply.get("result", {})
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._res_r], [], [], left)[0]:
                raise TimeoutError(method)
            chunk = os.read(self._res_r, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buffer += chunk

    def js(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", self.session, expression=expression,
                           returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def open(self, url: str) -> None:
        """Load ``url`` afresh (via about:blank, so a new fragment is a new load) and wait
        until the page's script has run."""
        self.send("Page.navigate", self.session, url="about:blank")
        self.send("Page.navigate", self.session, url=url)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if self.js("document.readyState === 'complete' && "
                           "document.body && document.body.dataset.ready === '1'"):
                    return
            except RuntimeError:
                pass
            time.sleep(0.05)
        raise TimeoutError(url)

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element."""
        box = self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                      "e.scrollIntoView({block: 'center'});"
                      "const r = e.getBoundingClientRect();"
                      "return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", self.session, type=kind, x=box[0], y=box[1],
                      button="left", clickCount=1)

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._cmd_w, self._res_r):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> tuple[Path, dict]:
    result = evaluate(DATA / "gold", pred=DATA / "pred", samples=50)
    path = tmp_path_factory.mktemp("html") / "report.html"
    write_html(result, path)
    return path, result.to_dict()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM is not None
    b = Browser(CHROMIUM)
    yield b
    b.close()


SHOWN_ROWS = ("Array.from(document.querySelectorAll('tr.err'))"
              ".filter(r => r.offsetParent !== null)")


def test_page_renders_and_script_runs(browser, report_file):
    path, data = report_file
    browser.open(path.as_uri())
    assert browser.js("document.getElementById('shown-errors').textContent") == str(
        len(data["errors"]))
    assert browser.js("document.querySelectorAll('section.doc:not([hidden])').length") == 2
    # gold and predicted panes side by side, each with its highlighted spans
    panes = browser.js("Array.from(document.querySelectorAll('section.doc')).map(s => "
                       "[s.querySelector('.gold').getBoundingClientRect().x < "
                       " s.querySelector('.pred').getBoundingClientRect().x,"
                       " new Set(Array.from(s.querySelectorAll('.gold mark')).map(m => "
                       "m.dataset.sid)).size,"
                       " new Set(Array.from(s.querySelectorAll('.pred mark')).map(m => "
                       "m.dataset.sid)).size])")
    assert panes == [[True, 6, 6], [True, 3, 3]]
    # errors are marked on the spans
    assert browser.js("document.querySelector('.gold mark.e-false_negative').textContent") \
        == "GRDrs 12/2024"
    assert browser.js("document.querySelector('.pred mark.e-false_positive').textContent") \
        == "Sanierung"
    assert browser.js("getComputedStyle(document.querySelector("
                      "'.pred mark.e-false_positive')).outlineStyle") == "solid"


def test_filter_by_label_and_error_type_with_clicks(browser, report_file):
    path, data = report_file
    browser.open(path.as_uri())
    browser.js("(() => { const s = document.getElementById('f-label'); s.value = 'COUNCILLOR';"
               "s.dispatchEvent(new Event('change')); })()")
    rows = browser.js(f"{SHOWN_ROWS}.map(r => [r.dataset.label, r.dataset.type])")
    expected = [[e["label"], e["type"]] for e in data["errors"] if e["label"] == "COUNCILLOR"]
    assert sorted(rows) == sorted(expected) and rows
    # marks of other labels lose their highlight; COUNCILLOR marks keep it
    colours = browser.js("Array.from(document.querySelectorAll('mark.sp')).map(m => "
                         "[m.dataset.label, getComputedStyle(m).backgroundColor])")
    assert {c for label, c in colours if label != "COUNCILLOR"} == {"rgba(0, 0, 0, 0)"}
    assert "rgba(0, 0, 0, 0)" not in {c for label, c in colours if label == "COUNCILLOR"}
    # clicking error types off: only wrong attributes remain
    for kind in ("false_positive", "false_negative", "boundary", "label_confusion",
                 "meta_wrong", "meta_spurious"):
        browser.click(f"input.f-type[value={kind}]")
    assert browser.js(f"{SHOWN_ROWS}.map(r => r.dataset.type)") == ["wrong_attribute"]
    assert re.search(r"types=wrong_attribute%2Ccorrect|types=wrong_attribute,correct",
                     browser.js("location.hash"))
    browser.click("#f-only")
    assert browser.js("Array.from(document.querySelectorAll('section.doc'))"
                      ".map(s => s.hidden)") == [False, True]
    assert browser.js("document.getElementById('shown-docs').textContent") == "1"


def test_fragment_restores_a_filtered_view(browser, report_file):
    path, _ = report_file
    browser.open(path.as_uri() + "#label=VERDICT&types=wrong_attribute&only=1")
    assert browser.js("document.getElementById('f-label').value") == "VERDICT"
    assert browser.js(f"{SHOWN_ROWS}.map(r => r.dataset.label + ' ' + r.dataset.type)") == [
        "VERDICT wrong_attribute"]
    assert browser.js("Array.from(document.querySelectorAll('section.doc'))"
                      ".map(s => s.hidden)") == [True, False]
    # changing the fragment of the open page applies it too (a shared link pasted in)
    browser.js("new Promise(done => { window.addEventListener('hashchange', "
               "() => setTimeout(done, 0), {once: true});"
               "location.hash = 'label=DATE&types=boundary&only=1'; })")
    assert browser.js(f"{SHOWN_ROWS}.map(r => r.dataset.label + ' ' + r.dataset.type)") == [
        "DATE boundary"]


def test_dump_dom_after_script(report_file, tmp_path):
    """The plain ``--dump-dom`` route: the DOM after the script has run."""
    path, _ = report_file
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                          "--dump-dom", path.as_uri() + "#label=DATE&types=boundary&only=1"],
                         capture_output=True, text=True, timeout=60).stdout
    assert 'data-ready="1"' in dom
    assert re.search(r'id="shown-errors">1<', dom)
    assert re.search(r'id="shown-docs">1<', dom)
