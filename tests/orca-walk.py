"""The director's path walked with the keys while Orca listens: run by tests/orca.sh.

Sends keys with xdotool and, after each, reads the node with focus through pyatspi, as Orca does.
Prints each key and what has focus (name, role, value, description, where on screen).
"""

import subprocess
import time

import pyatspi


def app():
    for a in pyatspi.Registry.getDesktop(0):
        if a is not None and "erger" in (a.name or ""):
            return a
    raise SystemExit("Merger Planner is not on the accessibility bus")


def find_focus(node, depth=0):
    if depth > 40:
        return None
    try:
        state = node.getState()
    except Exception:
        return None
    if state.contains(pyatspi.STATE_FOCUSED) and node.getRoleName() != "frame":
        return node
    for i in range(min(node.childCount, 400)):
        try:
            found = find_focus(node.getChildAtIndex(i), depth + 1)
        except Exception:
            found = None
        if found is not None:
            return found
    return None


def said(node):
    if node is None:
        return "(nothing has focus)"
    words = f"{node.name}, {node.getRoleName()}"
    try:
        words += f", {node.queryValue().currentValue:g}"
    except Exception:
        pass
    if node.description:
        words += f". {node.description}"
    return words


def key(name):
    subprocess.run(["xdotool", "key", "--clearmodifiers", name], check=False)
    time.sleep(0.6)


def focus():
    return find_focus(app())


def tab_until(pred, most=60, name="Tab"):
    for _ in range(most):
        key(name)
        node = focus()
        if node is not None and pred(node):
            return node
    raise SystemExit(f"never reached; at {said(focus())}")


log = []


def step(name):
    key(name)
    log.append(f"{name:>10}  {said(focus())}")


# On a first run the start page shows: open the example from it.
for _ in range(12):
    key("Tab")
    node = focus()
    if node is not None and node.name.startswith("Open the example"):
        log.append(f"{'Tab…':>10}  {said(node)}")
        key("space")
        time.sleep(2)
        break
    if node is not None and node.name == "Dashboard":
        break
tab_until(lambda f: f.name == "Dashboard")
key("space")
tab_until(lambda f: f.name.startswith("FTE today"))
log.append(f"{'Tab…':>10}  {said(focus())}")
for _ in range(5):
    step("Tab")
tab_until(lambda f: f.name == "Establishment", name="shift+Tab", most=80)
key("space")
node = tab_until(lambda f: f.getRoleName() in ("table cell", "column header", "table"))
log.append(f"{'Tab…':>10}  {said(node)}")
for name in ["Down"] + ["Right"] * 7 + ["Next", "ctrl+End", "Up", "Return", "Tab"]:
    step(name)
tab_until(lambda f: f.name == "File", name="shift+Tab", most=120)
log.append(f"{'shift+Tab…':>10}  {said(focus())}")
step("space")
for _ in range(14):
    step("Down")
    if (focus() or app()).name == "Export board pack…":
        break
step("Return")
step("Tab")
step("Escape")
print("\n".join(log))
