"""Debian's headless chromium driven through the DevTools protocol over a pipe, for the
web edition's accessibility test (tests/test_web_a11y.py) and for screenshots.

`--remote-debugging-pipe` makes chromium read commands from its fd 3 and answer on fd 4,
each message JSON ended by a NUL byte: no port, no WebSocket library, no driver and no
browser download (Selenium Manager and Playwright's installer fetch browsers; this uses
the one setup.sh installs from Debian). One browser serves a whole test session.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", "--remote-debugging-pipe")
ROOT = Path(__file__).resolve().parents[2]  # tests/render/ → the repository
AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA (axe-core's tags for them)
WCAG_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


class BrowserError(RuntimeError):
    pass


class Chromium:
    def __init__(self, timeout: float = 60.0) -> None:
        self.profile = tempfile.mkdtemp(prefix="reportgen-chromium-")
        to_child, self._out = os.pipe()
        self._in, from_child = os.pipe()

        def give_pipes() -> None:  # in the child, before exec: the pipes become fds 3 and 4
            os.dup2(to_child, 3)
            os.dup2(from_child, 4)

        self.proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, preexec_fn=give_pipes, pass_fds=(3, 4))
        os.close(to_child)
        os.close(from_child)
        self._reader = os.fdopen(self._in, "rb", buffering=0)
        self._buffer = b""
        self._next = 0
        self.timeout = timeout
        self.events: list[dict] = []

    # -- the protocol --------------------------------------------------------------

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = self._reader.read(1 << 16)
            if not chunk:
                raise BrowserError("chromium closed the DevTools pipe (is /usr/bin/chromium installed?)")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, method: str, session: str) -> dict:
        for n, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                return self.events.pop(n)
        while True:
            event = self._read()
            if event.get("method") == method and event.get("sessionId") == session:
                return event
            self.events.append(event)

    # -- pages ---------------------------------------------------------------------

    def open(self, path: Path, width: int = 1280, height: int = 900) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, target, session)
        page.resize(width, height)
        for domain in ("Page", "Network", "Runtime"):
            self.send(f"{domain}.enable", session=session)
        self.send("Page.navigate", {"url": Path(path).resolve().as_uri()}, session)
        self.wait_for("Page.loadEventFired", session)
        return page

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._reader.close()
        os.close(self._out)
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    def __init__(self, browser: Chromium, target: str, session: str) -> None:
        self.browser, self.target, self.session = browser, target, session

    def send(self, method: str, params: dict | None = None) -> dict:
        return self.browser.send(method, params, self.session)

    def resize(self, width: int, height: int, scale: float = 1.0) -> None:
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": width < 600})

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def requests(self) -> list[str]:
        """Every address the page asked for since it opened (the page itself included)."""
        return [e["params"]["request"]["url"] for e in self.browser.events
                if e.get("sessionId") == self.session and e.get("method") == "Network.requestWillBeSent"]

    def axe(self, tags: tuple[str, ...] = WCAG_AA) -> list[dict]:
        """axe-core's violations of the rules with these tags: each rule's id, impact and nodes."""
        if not AXE.is_file():
            raise BrowserError(f"{AXE} is missing: run `bash scripts/setup.sh` (it installs axe-core with npm)")
        self.evaluate(AXE.read_text(encoding="utf-8"))
        options = json.dumps({"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]})
        return self.evaluate(f"axe.run(document, {options}).then(r => r.violations.map(v => "
                             "({id: v.id, impact: v.impact, help: v.help, "
                             "nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))})))")

    def screenshot(self, target: Path) -> None:
        """The whole page, however long, as a PNG."""
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                    "clip": {"x": 0, "y": 0, "width": size["width"],
                                                             "height": size["height"], "scale": 1}})
        Path(target).write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})
