"""ISO 4217 facts the product needs: the currencies whose amounts have no minor unit."""

from __future__ import annotations

# ISO 4217 minor units of the currencies that have none (JPY above all).
ZERO_DECIMALS = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "PYG", "UGX", "XAF", "XOF"})
