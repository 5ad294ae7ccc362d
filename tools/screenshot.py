#!/usr/bin/env python3
"""Take the guide's screenshots from a running print_crm Odoo (`make run`).

    python tools/screenshot.py --login admin --password admin \
        /odoo/action-print_crm_quote.action_print_crm_config_settings \
        doc/img/settings_printing.png "#print_crm_modules_block"

Each page is given as three words: the URL path, the PNG to write and a CSS selector
to wait for before the picture is taken. A selector "A >> B >> C" clicks A, then B (each
once it is there), then waits for C: e.g. a notebook tab, then what the tab shows. A part
written "scroll:A" scrolls A to the top of the page instead of clicking it, for what lies
below the first screen of a long form; "type:A=TEXT" types TEXT into the input A (split at
the last "=") and leaves it, as a user would, for a field whose change fills the form.
Needs Chromium and websocket-client (both installed by `make test`); run it with the
harness's virtualenv python.
"""

import argparse
import base64
import http.cookiejar
import itertools
import json
import os
import subprocess
import tempfile
import time
import urllib.request

import websocket


def login(base, db, user, password):
    """Open an Odoo session and return its session_id cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    payload = {"jsonrpc": "2.0", "params": {"db": db, "login": user, "password": password}}
    req = urllib.request.Request(
        f"{base}/web/session/authenticate",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(req, timeout=30) as resp:
        answer = json.load(resp)
    if answer.get("error"):
        raise SystemExit(f"login failed: {answer['error'].get('message')}")
    return next(c.value for c in jar if c.name == "session_id")


class Chrome:
    def __init__(self, width, height):
        self.profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)
        self.proc = subprocess.Popen(
            [
                os.environ.get("CHROMIUM", "chromium"),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--window-size={width},{height}",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile.name}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = os.path.join(self.profile.name, "DevToolsActivePort")
        for _ in range(100):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            page = next(t for t in json.load(r) if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.ids = itertools.count(1)

    def send(self, method, **params):
        msg_id = next(self.ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def wait_for(self, selector, timeout=30):
        expr = f"!!document.querySelector({json.dumps(selector)})"
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.send("Runtime.evaluate", expression=expr)["result"].get("value"):
                return
            time.sleep(0.25)
        raise SystemExit(f"{selector!r} did not appear within {timeout}s")

    def click(self, selector, timeout=30):
        self.wait_for(selector, timeout)
        expr = f"document.querySelector({json.dumps(selector)}).click()"
        self.send("Runtime.evaluate", expression=expr)

    def scroll_to(self, selector, timeout=30):
        self.wait_for(selector, timeout)
        expr = f"document.querySelector({json.dumps(selector)}).scrollIntoView({{block: 'start'}})"
        self.send("Runtime.evaluate", expression=expr)

    def type_into(self, selector, text, timeout=30):
        self.wait_for(selector, timeout)
        element = f"document.querySelector({json.dumps(selector)})"
        self.send("Runtime.evaluate", expression=f"{element}.focus(); {element}.select()")
        self.send("Input.insertText", text=text)
        # Odoo commits a field on its change event, which a blur would send.
        expr = f"{element}.dispatchEvent(new Event('change', {{bubbles: true}}))"
        self.send("Runtime.evaluate", expression=expr)

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(10)
        self.profile.cleanup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://localhost:8069")
    parser.add_argument("--db", default=os.environ.get("DB", "print_crm"))
    parser.add_argument("--login", default="admin", help='"" for an anonymous visitor')
    parser.add_argument("--password", default="admin")
    parser.add_argument("--size", default="1400x900")
    parser.add_argument("pages", nargs="+", help="triples: URL-path PNG-file CSS-selector")
    args = parser.parse_args()
    if len(args.pages) % 3:
        parser.error("pages come in triples: URL-path PNG-file CSS-selector")
    width, height = (int(v) for v in args.size.split("x"))
    session = login(args.base, args.db, args.login, args.password) if args.login else None
    chrome = Chrome(width, height)
    try:
        host = urllib.request.urlparse(args.base).hostname
        chrome.send("Network.enable")
        if session:
            chrome.send(
                "Network.setCookie", name="session_id", value=session, domain=host, path="/"
            )
        for path, png, selector in zip(*[iter(args.pages)] * 3, strict=True):
            chrome.send("Page.navigate", url=args.base + path)
            *clicks, last = (part.strip() for part in selector.split(">>"))
            for target in clicks:
                if target.startswith("scroll:"):
                    chrome.scroll_to(target.removeprefix("scroll:").strip())
                elif target.startswith("type:"):
                    field, _sep, text = target.removeprefix("type:").rpartition("=")
                    chrome.type_into(field.strip(), text)
                else:
                    chrome.click(target)
                time.sleep(0.5)
            chrome.wait_for(last)
            time.sleep(1.0)  # let fonts and images settle
            data = chrome.send("Page.captureScreenshot", format="png")["data"]
            with open(png, "wb") as f:
                f.write(base64.b64decode(data))
    finally:
        chrome.close()


if __name__ == "__main__":
    main()
