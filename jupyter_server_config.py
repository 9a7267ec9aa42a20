"""Jupyter server settings for this project; `make lab` starts JupyterLab with ``--config=jupyter_server_config.py``.

* Only on this computer: the server listens on 127.0.0.1, never on the network.
* Notebooks are stored without outputs: before every save (also autosave) ``tools/nbstrip.py`` strips the
  outputs, execution counts and volatile metadata (``language_info`` details, widget state), so opening,
  running and saving a tracked notebook leaves git clean. Tags (``parameters``) and ``metadata.sdlib`` stay.
  Run the notebook again after opening to see its charts and tables.
* The interface in Dutch: the language pack ``jupyterlab-language-pack-nl-NL`` (pyproject.toml) and ``nl_NL``
  as the default of Instellingen > Taal. JupyterLab reads the defaults of its settings from
  ``labconfig/default_setting_overrides.json`` in the folders of the Jupyter config path; this file writes one
  into the Jupyter runtime folder and puts that folder first on the config path of this server. A language
  chosen in Instellingen > Taal still wins. The language pack translates the menu bar (Bestand, Bewerk,
  Weergave, Uitvoeren, ...) and part of the rest; untranslated texts stay English.
"""

import importlib.util
import json
import os
from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

_spec = importlib.util.spec_from_file_location(
    "sdlib_nbstrip", Path(__file__).resolve().parent / "tools" / "nbstrip.py"
)
_nbstrip = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_nbstrip)

c.ServerApp.ip = "127.0.0.1"
c.ContentsManager.pre_save_hook = _nbstrip.pre_save_hook

LOCALE = "nl_NL"
LANGUAGE_SETTINGS = {"@jupyterlab/translation-extension:plugin": {"locale": LOCALE}}


def _dutch_by_default() -> Path | None:
    """Write the default language of JupyterLab where it looks for defaults; return that config folder."""
    from jupyter_core.paths import jupyter_runtime_dir

    folder = Path(jupyter_runtime_dir()) / "sdlib-lab-config"
    target = folder / "labconfig" / "default_setting_overrides.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}")
        tmp.write_text(json.dumps(LANGUAGE_SETTINGS, indent=1) + "\n", encoding="utf-8")
        tmp.replace(target)
    except OSError:  # a read-only runtime folder: JupyterLab starts in English
        return None
    paths = [p for p in os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p and p != str(folder)]
    os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(folder), *paths])
    return folder


_dutch_by_default()
