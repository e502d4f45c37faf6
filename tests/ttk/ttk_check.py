"""Read (and edit) Virast's XLIFF 2.0, XLIFF 1.2 and TMX exports with translate-toolkit.

usage: ttk_check.py read xliff|xliff12|tmx FILE      -> JSON: version, units as ttk sees them
       ttk_check.py edit xliff|xliff12 FILE OUT ID TEXT APPROVE_ID
           sets the target of unit ID to TEXT, approves unit APPROVE_ID, saves to OUT
Run by tests/interop_ttk.rs under the venv that .ci/run makes.
"""
import json
import sys

from translate import __version__
from translate.storage import tmx, xliff, xliff2

KINDS = {"xliff": xliff2.Xliff2File, "xliff12": xliff.xlifffile, "tmx": tmx.tmxfile}


def unit_id(unit):
    # XLIFF 1.2 ids read "FILE\x04id", XLIFF 2.0 ids "unit::segment" (ours: the same number).
    return (unit.getid() or "").split("\x04")[-1].split("::")[0]


def notes(unit):
    # translate-toolkit 3.20.4 looks for XLIFF 2.0 <notes> inside <segment>; the standard (and
    # Virast) puts them in <unit>, so read those through the unit element as well.
    found = unit.getnotes() or ""
    if not found and hasattr(unit, "getunitelement"):
        container = unit.getunitelement().find(unit.namespaced("notes"))
        if container is not None:
            found = "\n".join(n.text or "" for n in container.iterchildren(unit.namespaced("note")))
    return found


def load(kind, path):
    with open(path, "rb") as f:
        return KINDS[kind].parsefile(f)


def main():
    mode, kind, path = sys.argv[1:4]
    store = load(kind, path)
    if mode == "read":
        units = []
        for u in store.units:
            if getattr(u, "isheader", lambda: False)():
                continue
            units.append(
                {
                    "id": unit_id(u),
                    "source": str(u.source or ""),
                    "target": str(u.target or ""),
                    "translated": bool(u.istranslated()),
                    "approved": bool(u.isapproved()) if hasattr(u, "isapproved") else None,
                    "fuzzy": bool(u.isfuzzy()),
                    "review": bool(u.isreview()) if hasattr(u, "isreview") else None,
                    "notes": notes(u),
                    "ttk_notes": u.getnotes() or "",
                }
            )
        print(json.dumps({"version": __version__.sver, "units": units}, ensure_ascii=False))
    elif mode == "edit":
        out, edit_id, text, approve_id = sys.argv[4:8]
        for u in store.units:
            if unit_id(u) == edit_id:
                u.target = text
            if unit_id(u) == approve_id:
                u.markapproved(True)
        with open(out, "wb") as f:
            f.write(bytes(store))
    else:
        raise SystemExit(f"unknown mode {mode}")


main()
