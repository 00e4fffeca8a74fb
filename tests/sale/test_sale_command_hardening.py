"""``pos sale`` against hostile inputs and a hostile filesystem: one JSON object with a
clear message and a non-zero exit, private files, nothing sent to the store."""

from __future__ import annotations

import stat
from pathlib import Path

from test_sale_support import card_json, run_pos_sale, write_spec


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_and_folders_the_register_makes_are_private(tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "sale.json")
    data = tmp_path / "new" / "data"
    demo_db = tmp_path / "store" / "demo.sqlite3"
    code, out, err = run_pos_sale(tmp_path / "root", "--demo", "--demo-db", str(demo_db),
                                  "--data-dir", str(data), "--spec", str(spec),
                                  stdin=card_json())
    assert code == 0, (out, err)
    assert mode(tmp_path / "new") == 0o700 and mode(data) == 0o700
    made = [p for p in data.iterdir() if p.is_file()]
    assert {"journal.sqlite3", "pos-sale.log"} <= {p.name for p in made}
    for path in made:
        assert mode(path) == 0o600, path
    assert mode(demo_db) == 0o600


def test_a_data_dir_that_is_not_a_folder_is_one_clear_message(tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "sale.json")
    code, out, err = run_pos_sale(tmp_path / "root", "--demo", "--data-dir", "/dev/null",
                                  "--spec", str(spec), stdin=card_json())
    assert code == 1 and len(out) == 1, (out, err)
    assert out[0]["outcome"] == "error" and "not a folder" in out[0]["message"]
    assert "Traceback" not in err


def test_the_catalogue_cache_is_private(tmp_path: Path) -> None:
    from pos.sale.catalog_cache import CatalogCache

    cache = CatalogCache(tmp_path / "made" / "catalog.sqlite3")
    try:
        assert mode(tmp_path / "made") == 0o700
        assert mode(tmp_path / "made" / "catalog.sqlite3") == 0o600
    finally:
        cache.close()
