"""Settings modules: ``base`` (shared), ``demo`` (``make run``), ``test`` and ``production``."""
