"""Compile the message catalogs (.po -> .mo) when the package is built, so
the wheel (and an editable install) ships them; see src/warraq/catalogs.py."""

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(Path(self.root, "src", "warraq", "locale").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as fp:
                catalog = read_po(fp, locale=po.parts[-3])
            mo = po.with_suffix(".mo")
            tmp = mo.with_suffix(".mo.tmp")
            with tmp.open("wb") as fp:
                write_mo(fp, catalog)
            tmp.replace(mo)
