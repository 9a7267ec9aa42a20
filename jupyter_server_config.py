"""Jupyter server settings for this project; `make lab` starts JupyterLab with ``--config=jupyter_server_config.py``.

* Only on this computer: the server listens on 127.0.0.1, never on the network.
* Notebooks are stored without outputs: before every save (also autosave) ``tools/nbstrip.py`` strips the
  outputs, execution counts and volatile metadata (``language_info`` details, widget state), so opening,
  running and saving a tracked notebook leaves git clean. Tags (``parameters``) and ``metadata.sdlib`` stay.
  Run the notebook again after opening to see its charts and tables.
"""

import importlib.util
from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

_spec = importlib.util.spec_from_file_location("sdlib_nbstrip", Path(__file__).resolve().parent / "tools" / "nbstrip.py")
_nbstrip = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_nbstrip)

c.ServerApp.ip = "127.0.0.1"
c.ContentsManager.pre_save_hook = _nbstrip.pre_save_hook
