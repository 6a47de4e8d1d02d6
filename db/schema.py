"""Every table module, imported once: whoever needs the complete `Base.metadata` (Alembic's env,
the test fixtures) imports this, so a new tables module is registered in one place."""
from __future__ import annotations

import db.tables
import db.tables_customers
import db.tables_guide
import db.tables_ops  # noqa: F401
from db.base import Base

metadata = Base.metadata
