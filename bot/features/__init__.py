"""One module per feature; each exposes `router() -> Router`, building a fresh Router per call
(a Router can belong to one Dispatcher only, and tests build many Dispatchers)."""
