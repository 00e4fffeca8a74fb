"""Read the register as a screen reader does, over AT-SPI (run with the system Python,
which has pyatspi, inside a private D-Bus session):

    dbus-run-session -- /usr/bin/python3 screen_reader.py VENV_PYTHON REGISTER_SCRIPT

Starts Xvfb (1920x1080), then the register (``register_by_keys.py``) on it with
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1, listens to every accessibility event, reads the whole
tree at every page, and prints one JSON report on the last line of stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pyatspi
from gi.repository import GLib

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_TABLE,
    pyatspi.ROLE_LIST, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_TOGGLE_BUTTON,
}
QUIET_MS = 400  # no event for this long: the register has settled


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read, 16)
        if not chunk:
            raise SystemExit("Xvfb did not start")
        number += chunk
    os.close(read)
    return xvfb, ":" + number.decode().strip()


def states(acc) -> set:
    try:
        return set(acc.getState().getStates())
    except Exception:
        return set()


def describe(acc) -> str:
    try:
        return f"{acc.getRoleName()} {acc.name!r}"
    except Exception:
        return "?"


def walk(acc, depth: int = 0):
    if acc is None or depth > 40:
        return
    yield acc
    try:
        count = acc.childCount
    except Exception:
        return
    if acc.getRole() in (pyatspi.ROLE_TABLE, pyatspi.ROLE_LIST) and count > 50:
        count = 50  # the cells of a long table: a sample is enough
    for i in range(count):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:  # noqa: S112 (gone while being read)
            continue
        yield from walk(child, depth + 1)


def main() -> int:
    venv_python, script = sys.argv[1], sys.argv[2]
    xvfb, display = start_xvfb()
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb",
               QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1",
               NO_AT_BRIDGE="0")
    env.pop("WAYLAND_DISPLAY", None)
    register = subprocess.Popen([venv_python, script], env=env, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, bufsize=1)
    report: dict = {"pages": {}, "scans": {}, "announcements": [], "unnamed": [],
                    "invisible_focus": [], "events": 0, "errors": []}
    counting = {"n": 0, "last": 0}
    pending: list[str] = []
    loop = GLib.MainLoop()

    def on_event(event) -> None:
        report["events"] += 1
        counting["n"] += 1
        kinds = counting.setdefault("kinds", {})
        label = event.type + " " + describe(event.source)
        kinds[label] = kinds.get(label, 0) + 1
        counting["last"] = GLib.get_monotonic_time()
        kind = event.type
        if "announcement" in kind:
            report["announcements"].append(str(event.any_data))
        focused = kind.startswith("focus") or (
            kind.startswith("object:state-changed:focused") and event.detail1 == 1)
        if focused:
            # The states are read back from the register a moment after the event: judged
            # only while the widget still has the focus (a page may have gone since).
            got = states(event.source)
            if pyatspi.STATE_FOCUSED in got and (pyatspi.STATE_SHOWING not in got
                                                 or pyatspi.STATE_VISIBLE not in got):
                report["invisible_focus"].append(describe(event.source))

    registry = pyatspi.Registry
    for kind in ("object", "focus", "window"):
        registry.registerEventListener(on_event, kind)

    def app_root():
        desktop = registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == "pos-register":
                return app
        return None

    def read_tree(title: str) -> None:
        app = app_root()
        if app is None:
            report["errors"].append(f"the register is not on the AT-SPI bus ({title})")
            return
        seen = 0
        for acc in walk(app):
            seen += 1
            try:
                role = acc.getRole()
            except Exception:  # noqa: S112 (gone while being read)
                continue
            got = states(acc)
            if role in INTERACTIVE and pyatspi.STATE_SHOWING in got \
                    and not (acc.name or "").strip():
                report["unnamed"].append(f"{title}: {describe(acc)}")
            # (A table's current cell says "focused" whether or not its table has the focus.)
            if pyatspi.STATE_FOCUSED in got and pyatspi.STATE_SHOWING not in got \
                    and role != pyatspi.ROLE_TABLE_CELL:
                report["invisible_focus"].append(f"{title}: {describe(acc)}")
        report["pages"][title] = seen

    def answer() -> None:
        register.stdin.write("ok\n")
        register.stdin.flush()

    def settled_then(action) -> None:
        """Wait for the events to stop (the register has settled), then act."""
        def check() -> bool:
            if GLib.get_monotonic_time() - counting["last"] < QUIET_MS * 1000:
                return True
            action()
            return False
        counting["last"] = GLib.get_monotonic_time()
        GLib.timeout_add(50, check)

    def on_line(_fd, _cond) -> bool:
        line = register.stdout.readline()
        if not line:
            loop.quit()
            return False
        line = line.strip()
        if line.startswith("PAGE "):
            title = line[5:]

            def read_and_answer() -> None:
                read_tree(title)
                answer()
            settled_then(read_and_answer)
        elif line.startswith("SCAN ") and line.endswith(" START"):
            def start() -> None:
                counting["n"] = 0
                counting["kinds"] = {}
                answer()
            settled_then(start)
        elif line.startswith("SCAN ") and line.endswith(" END"):
            number = line.split()[1]

            def end() -> None:
                report["scans"][number] = counting["n"]
                report.setdefault("scan_events", {})[number] = sorted(
                    counting.get("kinds", {}).items(), key=lambda kv: -kv[1])
                answer()
            settled_then(end)
        elif line == "DONE":
            pending.append(line)
            loop.quit()
            return False
        elif line.startswith("FAILED"):
            report["errors"].append(line)
        return True

    GLib.io_add_watch(register.stdout, GLib.IO_IN | GLib.IO_HUP, on_line)
    GLib.timeout_add_seconds(120, lambda: (report["errors"].append("timed out"),
                                           loop.quit()))
    try:
        loop.run()
    finally:
        for listener_kind in ("object", "focus", "window"):
            registry.deregisterEventListener(on_event, listener_kind)
        if register.poll() is None:
            register.stdin.close()
            try:
                register.wait(timeout=20)
            except subprocess.TimeoutExpired:
                register.kill()
        xvfb.terminate()
        xvfb.wait()
    report["finished"] = bool(pending)
    report["register_exit"] = register.returncode
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
