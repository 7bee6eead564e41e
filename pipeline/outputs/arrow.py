"""Arrow without pandas in the processes that only write tables (the run's driver).

`pa.array` on a Python list first asks Arrow's pandas shim whether the list is a pandas object,
and the shim answers by importing pandas: 45 MB and half a second in a process that never uses
it. Asked once while pandas cannot be imported, the shim remembers that it is absent; a later
explicit pandas conversion (`Table.to_pandas`) still imports it then.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

import pyarrow as pa


class _NoPandas(MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname.split(".")[0] == "pandas":
            raise ImportError("pandas is not loaded by the table writers")
        return None


def skip_pandas_probe() -> None:
    """Settle Arrow's pandas probe without importing pandas (a no-op once pandas is loaded)."""
    if "pandas" in sys.modules:
        return
    blocker = _NoPandas()
    sys.meta_path.insert(0, blocker)
    try:
        pa.array([0])
    finally:
        sys.meta_path.remove(blocker)
